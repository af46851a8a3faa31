import { describe, expect, it } from 'vitest'
import { negotiateLanguage, PROBLEMS } from './messages.ts'

describe('language negotiation', () => {
  it('is Vietnamese by default', () => {
    expect(negotiateLanguage({}, undefined)).toBe('vi')
    expect(negotiateLanguage({}, 'fr-FR,de;q=0.8')).toBe('vi')
  })
  it('follows Accept-Language by quality', () => {
    expect(negotiateLanguage({}, 'en-US,en;q=0.9')).toBe('en')
    expect(negotiateLanguage({}, 'fr;q=1, en;q=0.5, vi;q=0.8')).toBe('vi')
    expect(negotiateLanguage({}, 'vi;q=0, en;q=0.1')).toBe('en')
  })
  it('lets ?lang= win', () => {
    expect(negotiateLanguage({ lang: 'en' }, 'vi')).toBe('en')
    expect(negotiateLanguage({ lang: 'xx' }, 'en')).toBe('en')
  })
})

describe('the problem catalogue', () => {
  it('has both languages, NFC Vietnamese with diacritics, and client or server statuses', () => {
    for (const [code, entry] of Object.entries(PROBLEMS)) {
      expect(code).toMatch(/^[a-z_]+$/)
      expect(entry.status).toBeGreaterThanOrEqual(400)
      for (const text of [entry.title, entry.detail]) {
        expect(text.vi.length, code).toBeGreaterThan(0)
        expect(text.en.length, code).toBeGreaterThan(0)
        expect(text.vi.normalize('NFC'), code).toBe(text.vi)
        expect(text.vi, code).not.toBe(text.en)
      }
      // Vietnamese text written without its marks is a defect residents notice at once.
      expect(`${entry.title.vi} ${entry.detail.vi}`, code).toMatch(/[\u00C0-\u1EF9]/)
    }
  })
})
