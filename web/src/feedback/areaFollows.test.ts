import type { AreaFollow, WardSummary } from '@dc/contracts'
import { describe, expect, it } from 'vitest'
import { foldForSearch, followsWard, formatDistance, matchingWards } from './areaFollows.ts'

const ward = (code: string, name: string, kind: WardSummary['kind'] = 'phuong'): WardSummary => ({
  code,
  name,
  nameEn: name,
  fullName: `${kind === 'xa' ? 'Xã' : 'Phường'} ${name}`,
  fullNameEn: `${name} ${kind === 'xa' ? 'Commune' : 'Ward'}`,
  kind,
  areaKm2: 1,
})
const wards = [ward('26740', 'Sài Gòn'), ward('26734', 'Tân Định'), ward('27553', 'Bình Đông', 'xa')]

describe('matching wards to what is typed', () => {
  it('ignores diacritics, đ and case', () => {
    expect(foldForSearch('  Phường  ĐÔNG Hưng Thuận ')).toBe('phuong dong hung thuan')
    expect(matchingWards(wards, 'sai gon').map((w) => w.code)).toEqual(['26740'])
    expect(matchingWards(wards, 'binh dong').map((w) => w.code)).toEqual(['27553'])
  })

  it('needs every word, in any order, and also takes the kind, the English name or the code', () => {
    expect(matchingWards(wards, 'gon phuong').map((w) => w.code)).toEqual(['26740'])
    expect(matchingWards(wards, 'xa').map((w) => w.code)).toEqual(['27553'])
    expect(matchingWards(wards, 'tan dinh ward').map((w) => w.code)).toEqual(['26734'])
    expect(matchingWards(wards, '2673').map((w) => w.code)).toEqual(['26734'])
    expect(matchingWards(wards, 'sai gon xa')).toEqual([])
  })

  it('keeps every ward when nothing is typed', () => {
    expect(matchingWards(wards, '   ')).toHaveLength(3)
  })
})

describe('formatDistance', () => {
  it('writes metres below a kilometre and kilometres from there', () => {
    expect(formatDistance(300, 'vi')).toBe('300 m')
    expect(formatDistance(1000, 'vi')).toBe('1 km')
    expect(formatDistance(2000, 'en')).toBe('2 km')
    expect(formatDistance(1500, 'vi')).toBe('1,5 km')
  })
})

describe('followsWard', () => {
  it('finds a followed ward, and not a circle', () => {
    const follow = (wardCode: string | null): AreaFollow => ({
      id: '00000000-0000-4000-8000-000000000001',
      wardCode,
      wardName: null,
      center: wardCode ? null : { lon: 106.7, lat: 10.77 },
      radiusMeters: wardCode ? null : 500,
      label: null,
      createdAt: '2026-01-01T00:00:00Z',
    })
    expect(followsWard([follow(null), follow('26740')], '26740')).toBe(true)
    expect(followsWard([follow(null)], '26740')).toBe(false)
  })
})
