import type { Category, ResponseTemplate } from '@dc/contracts'
import { describe, expect, it } from 'vitest'
import {
  answerLines,
  categoryGroups,
  categoryLineage,
  formatDistance,
  formatPosition,
  formatShortDateTime,
  metersBetween,
  templatesFor,
} from './reportFacts.ts'

function category(
  id: string,
  parentId: string | null,
  selectable: boolean,
  extra: Partial<Category> = {},
): Category {
  return {
    id,
    parentId,
    name: { vi: `vi ${id}`, en: `en ${id}` },
    description: { vi: '', en: '' },
    deadlineWorkingDays: 10,
    requiresAfterPhoto: false,
    questions: [],
    selectable,
    ...extra,
  }
}

const categories = [
  category('roads', null, false),
  category('roads.pothole', 'roads', true, {
    questions: [
      {
        code: 'size',
        label: { vi: 'Kích thước', en: 'Size' },
        datatype: 'singlevaluelist',
        required: false,
        options: [
          { key: 'small', name: { vi: 'Nhỏ', en: 'Small' } },
          { key: 'large', name: { vi: 'Lớn', en: 'Large' } },
        ],
      },
    ],
  }),
  category('roads.pavement', 'roads', true),
  category('drainage', null, false),
  category('drainage.flooding', 'drainage', true),
  category('other', null, true),
]

function template(id: string, title: string, categoryId: string | null): ResponseTemplate {
  return { id, agencyId: 'ubnd-26740', categoryId, title, body: `${title}.` }
}

describe('metersBetween', () => {
  it('measures a thousandth of a degree of latitude as about 111 m', () => {
    const meters = metersBetween({ lon: 106.7009, lat: 10.7769 }, { lon: 106.7009, lat: 10.7779 })
    expect(meters).toBeGreaterThan(110.5)
    expect(meters).toBeLessThan(111.7)
  })

  it('shrinks longitude with the cosine of the latitude', () => {
    const meters = metersBetween({ lon: 106.7009, lat: 10.7769 }, { lon: 106.7019, lat: 10.7769 })
    expect(meters).toBeGreaterThan(108.5)
    expect(meters).toBeLessThan(109.8)
  })

  it('is zero for the same point', () => {
    expect(metersBetween({ lon: 106.7, lat: 10.77 }, { lon: 106.7, lat: 10.77 })).toBe(0)
  })
})

describe('formatting', () => {
  it('writes distances in metres below a kilometre, kilometres above', () => {
    expect(formatDistance(35.4, 'en')).toBe('35 m')
    expect(formatDistance(1234, 'en')).toBe('1.2 km')
    expect(formatDistance(1234, 'vi')).toBe('1,2 km')
  })

  it('writes table dates in city time whatever the device zone', () => {
    // 17:30 UTC is 00:30 the next day in Ho Chi Minh City.
    expect(formatShortDateTime('2026-11-24T17:30:00Z', 'vi')).toBe('25/11/2026 00:30')
    expect(formatShortDateTime('2026-11-24T17:30:00Z', 'en')).toBe('25/11/2026 00:30')
    expect(formatShortDateTime('not a date', 'vi')).toBe('not a date')
  })

  it('writes a position latitude first, to five decimals', () => {
    expect(formatPosition({ lon: 106.70091234, lat: 10.7769 })).toBe('10.77690, 106.70091')
  })
})

describe('categories', () => {
  it('climbs from a category to its group', () => {
    expect(categoryLineage('roads.pothole', categories)).toEqual(['roads.pothole', 'roads'])
    expect(categoryLineage('unknown', categories)).toEqual(['unknown'])
  })

  it('groups leaves under their group, and keeps ungrouped ones apart', () => {
    const groups = categoryGroups(categories)
    expect(groups.map(({ group, leaves }) => [group?.id ?? null, leaves.map((leaf) => leaf.id)])).toEqual([
      ['roads', ['roads.pothole', 'roads.pavement']],
      ['drainage', ['drainage.flooding']],
      [null, ['other']],
    ])
  })
})

describe('templatesFor', () => {
  const templates = [
    template('1', 'Chung', null),
    template('2', 'Vỉa hè', 'roads.pavement'),
    template('3', 'Đường sá', 'roads'),
    template('4', 'Ổ gà', 'roads.pothole'),
    template('5', 'Ngập', 'drainage.flooding'),
  ]

  it('puts the report’s own category first, then its group, then the general ones', () => {
    expect(templatesFor(templates, 'roads.pothole', categories).map((t) => t.title)).toEqual([
      'Ổ gà',
      'Đường sá',
      'Chung',
    ])
  })

  it('leaves out templates of other categories', () => {
    expect(templatesFor(templates, 'other', categories).map((t) => t.title)).toEqual(['Chung'])
  })
})

describe('answerLines', () => {
  it('names the questions and the chosen options in the page language', () => {
    const report = { category: { id: 'roads.pothole', name: { vi: '', en: '' } }, answers: { size: 'large' } }
    expect(answerLines(report, categories, 'vi')).toEqual([
      { code: 'size', label: 'Kích thước', value: 'Lớn' },
    ])
    expect(answerLines(report, categories, 'en')).toEqual([{ code: 'size', label: 'Size', value: 'Large' }])
  })

  it('shows answers to questions it does not know as they were sent', () => {
    const report = {
      category: { id: 'roads.pothole', name: { vi: '', en: '' } },
      answers: { lanes: ['1', '2'] },
    }
    expect(answerLines(report, categories, 'vi')).toEqual([{ code: 'lanes', label: 'lanes', value: '1, 2' }])
  })
})
