import { describe, expect, it } from 'vitest'
import { en } from './en.ts'
import { formatDate, formatDateTime } from './format.ts'
import { vi } from './vi.ts'

type Tree = { [key: string]: string | Tree }

/** Every leaf as [dotted.key, text]. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key
    return typeof value === 'string' ? [[path, value] as [string, string]] : leaves(value, path)
  })
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1] ?? '').sort()
}

describe('translations', () => {
  const viLeaves = leaves(vi)
  const enLeaves = leaves(en)

  it('has the same keys in Vietnamese and English', () => {
    expect(enLeaves.map(([key]) => key).sort()).toEqual(viLeaves.map(([key]) => key).sort())
  })

  it('has no empty strings', () => {
    for (const [key, text] of [...viLeaves, ...enLeaves]) expect(text.trim(), key).not.toBe('')
  })

  it('keeps every Vietnamese string in Unicode NFC', () => {
    for (const [key, text] of viLeaves) expect(text === text.normalize('NFC'), key).toBe(true)
  })

  it('uses the same {{placeholders}} in both languages', () => {
    const english = new Map(enLeaves)
    for (const [key, text] of viLeaves)
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
  })
})

describe('formatDateTime', () => {
  it('shows city time (UTC+7) whatever the device zone', () => {
    // 17:30 UTC is half past midnight the next day in Ho Chi Minh City.
    const text = formatDateTime('2026-11-24T17:30:00Z', 'en')
    // Exact punctuation varies between ICU versions, so check the parts.
    expect(text).toMatch(/^00:30, /)
    expect(text).toContain('Wednesday')
    expect(text).toContain('25 November 2026')
  })

  it('writes Vietnamese dates in Vietnamese', () => {
    const text = formatDateTime('2026-11-24T03:00:00+07:00', 'vi')
    expect(text).toMatch(/^03:00, /)
    expect(text).toContain('Thứ Ba')
    expect(text).toContain('tháng 11')
  })
})

describe('formatDate', () => {
  it('writes a calendar date as the same day whatever the device zone', () => {
    expect(formatDate('2026-10-06', 'en')).toBe('6 October 2026')
    expect(formatDate('2026-10-06', 'vi')).toContain('tháng 10')
    expect(formatDate('2026-10-06', 'vi')).toMatch(/^(ngày )?6 /)
  })

  it('leaves anything that is not a date as it is', () => {
    expect(formatDate('October', 'en')).toBe('October')
  })
})
