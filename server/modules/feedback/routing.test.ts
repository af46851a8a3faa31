import { describe, expect, it } from 'vitest'
import { RoutingTable } from './routing.ts'

const parents = new Map<string, string | null>([
  ['roads', null],
  ['roads.pothole', 'roads'],
  ['roads.pavement', 'roads'],
  ['noise', null],
  ['noise.karaoke', 'noise'],
])

describe('routing table', () => {
  const table = new RoutingTable(
    [
      { id: 'r1', categoryId: 'roads', wardCode: null, agencyId: 'so-xay-dung' },
      { id: 'r2', categoryId: 'roads', wardCode: '26740', agencyId: 'ubnd-26740' },
      { id: 'r3', categoryId: 'roads.pothole', wardCode: null, agencyId: 'ha-tang' },
    ],
    parents,
  )

  it('prefers the category itself over its parent, then the ward over every ward', () => {
    expect(table.route('roads.pothole', '26740')).toEqual({ agencyId: 'ha-tang', ruleId: 'r3' })
    expect(table.route('roads.pavement', '26740')).toEqual({ agencyId: 'ubnd-26740', ruleId: 'r2' })
    expect(table.route('roads.pavement', '26743')).toEqual({ agencyId: 'so-xay-dung', ruleId: 'r1' })
  })

  it('falls back to the ward’s People’s Committee when no rule applies', () => {
    expect(table.route('noise.karaoke', '26743')).toEqual({ agencyId: 'ubnd-26743', ruleId: null })
    expect(table.route('unknown.category', '27001')).toEqual({ agencyId: 'ubnd-27001', ruleId: null })
  })
})
