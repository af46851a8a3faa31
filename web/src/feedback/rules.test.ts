import type { Category, OwnReport } from '@dc/contracts'
import { describe, expect, it } from 'vitest'
import { filterQuery, needsNewIdempotencyKey, newIdempotencyKey } from '../api/feedback.ts'
import { categoryGroups, groupOfLeaf } from './categories.ts'
import { filtersFromSearch, hasFilters } from './filters.ts'
import { reportIdFromPath, reportPath, signInPathFor } from './paths.ts'
import { excerpt } from './ReportSummaryList.tsx'
import { canMeToo, canRate, canSayNotFixed, statusTone } from './reportRules.ts'

const text = (vi: string) => ({ vi, en: vi })
const category = (id: string, parentId: string | null, selectable: boolean): Category => ({
  id,
  parentId,
  name: text(id),
  description: text(''),
  deadlineWorkingDays: 10,
  requiresAfterPhoto: false,
  questions: [],
  selectable,
})

describe('categoryGroups', () => {
  it('groups the selectable leaves under their root, in the server order', () => {
    const groups = categoryGroups([
      category('roads', null, false),
      category('roads.pothole', 'roads', true),
      category('lighting', null, false),
      category('lighting.streetlight', 'lighting', true),
      category('roads.pavement', 'roads', true),
    ])
    expect(groups.map((g) => [g.group.id, g.leaves.map((leaf) => leaf.id)])).toEqual([
      ['roads', ['roads.pothole', 'roads.pavement']],
      ['lighting', ['lighting.streetlight']],
    ])
    expect(groupOfLeaf(groups, 'lighting.streetlight')?.group.id).toBe('lighting')
  })

  it('puts deeper leaves under their top group, keeps a selectable root as its own leaf, drops empty groups', () => {
    const groups = categoryGroups([
      category('water', null, false),
      category('water.pipes', 'water', false),
      category('water.pipes.burst', 'water.pipes', true),
      category('other', null, true),
      category('empty', null, false),
    ])
    expect(groups.map((g) => [g.group.id, g.leaves.map((leaf) => leaf.id)])).toEqual([
      ['water', ['water.pipes.burst']],
      ['other', ['other']],
    ])
  })
})

describe('paths', () => {
  const id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
  it('reads the report id back from its path, and nothing else', () => {
    expect(reportIdFromPath(reportPath(id))).toBe(id)
    expect(reportIdFromPath(`/phan-anh/${id.toUpperCase()}`)).toBe(id)
    expect(reportIdFromPath('/phan-anh/gui')).toBeUndefined()
    expect(reportIdFromPath(`/phan-anh/${id}/x`)).toBeUndefined()
  })

  it('sends visitors to sign in and back', () => {
    expect(signInPathFor('/phan-anh/gui')).toBe('/dang-nhap?returnTo=%2Fphan-anh%2Fgui')
  })
})

describe('filters in the address', () => {
  it('keeps valid filters and ignores malformed ones', () => {
    expect(
      filtersFromSearch(
        '?status=resolved&categoryId=roads.pothole&wardCode=26740&q=%20%E1%BB%95%20g%C3%A0%20',
      ),
    ).toEqual({ status: 'resolved', categoryId: 'roads.pothole', wardCode: '26740', q: 'ổ gà' })
    expect(filtersFromSearch('?status=lost&wardCode=Ben%20Nghe&q=')).toEqual({})
    expect(hasFilters({})).toBe(false)
    expect(hasFilters({ q: 'x' })).toBe(true)
  })

  it('writes only the set filters into the API query', () => {
    expect(
      filterQuery({ status: 'in_progress', q: '  ', wardCode: undefined }, { limit: 20, offset: 0 }),
    ).toBe('?status=in_progress&limit=20')
    expect(filterQuery({}, { limit: 20, offset: 40 })).toBe('?limit=20&offset=40')
    expect(filterQuery({})).toBe('')
  })
})

describe('idempotency key', () => {
  it('is a header-safe value of the length the API accepts', () => {
    const key = newIdempotencyKey()
    expect(key).toMatch(/^[A-Za-z0-9._:-]{8,128}$/)
    expect(newIdempotencyKey()).not.toBe(key)
  })

  it('is renewed only when the server refused the content, kept after a lost answer', () => {
    const problem = (status: number) => ({ kind: 'problem', status, code: 'x', messages: text('x') }) as const
    expect(needsNewIdempotencyKey(problem(422))).toBe(true)
    expect(needsNewIdempotencyKey(problem(400))).toBe(true)
    expect(needsNewIdempotencyKey({ kind: 'network' })).toBe(false)
    expect(needsNewIdempotencyKey({ kind: 'unexpected', status: 502 })).toBe(false)
    expect(needsNewIdempotencyKey(problem(503))).toBe(false)
    expect(needsNewIdempotencyKey(problem(409))).toBe(false)
  })
})

describe('what the resident may do', () => {
  const now = new Date('2026-11-24T10:00:00+07:00')
  const later = '2026-11-30T10:00:00+07:00'
  const earlier = '2026-11-20T10:00:00+07:00'
  const own = (patch: Partial<OwnReport>): OwnReport =>
    ({
      status: 'resolved',
      isReporter: true,
      rating: null,
      ratingUntil: later,
      notFixedUntil: later,
      ...patch,
    }) as OwnReport

  it('rates a resolved or rejected report of their own once, within the window', () => {
    expect(canRate(own({}), now)).toBe(true)
    expect(canRate(own({ status: 'rejected' }), now)).toBe(true)
    expect(canRate(own({ status: 'in_progress' }), now)).toBe(false)
    expect(canRate(own({ rating: 4 }), now)).toBe(false)
    expect(canRate(own({ ratingUntil: earlier }), now)).toBe(false)
    expect(canRate(own({ ratingUntil: null }), now)).toBe(false)
    expect(canRate(own({ isReporter: false }), now)).toBe(false)
  })

  it('says "not fixed" about a resolved report of their own until notFixedUntil', () => {
    expect(canSayNotFixed(own({}), now)).toBe(true)
    expect(canSayNotFixed(own({ status: 'rejected' }), now)).toBe(false)
    expect(canSayNotFixed(own({ notFixedUntil: earlier }), now)).toBe(false)
    expect(canSayNotFixed(own({ isReporter: false }), now)).toBe(false)
  })

  it('says "me too" to someone else\'s open report', () => {
    expect(canMeToo({ status: 'forwarded' }, false)).toBe(true)
    expect(canMeToo({ status: 'forwarded' }, true)).toBe(false)
    expect(canMeToo({ status: 'resolved' }, false)).toBe(false)
  })

  it('groups statuses for colours', () => {
    expect(statusTone('in_progress')).toBe('open')
    expect(statusTone('resolved')).toBe('done')
    expect(statusTone('closed_not_fixed')).toBe('refused')
    expect(statusTone('closed')).toBe('closed')
  })
})

describe('excerpt', () => {
  it('keeps short text, and cuts long text at a word with an ellipsis', () => {
    expect(excerpt('  Ổ gà\n lớn  ')).toBe('Ổ gà lớn')
    const long = `${'từ '.repeat(80)}cuối`
    const cut = excerpt(long, 40)
    expect(cut.endsWith('…')).toBe(true)
    expect(cut.length).toBeLessThanOrEqual(41)
    expect(cut).not.toMatch(/ …$/)
  })
})
