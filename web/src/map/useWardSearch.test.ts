import type { WardResolution, WardSummary } from '@dc/contracts'
import { describe, expect, it } from 'vitest'
import { candidateWards } from './useWardSearch.ts'

const ward = (code: string, name: string): WardSummary => ({
  code,
  name,
  nameEn: name,
  fullName: `Phường ${name}`,
  fullNameEn: `${name} Ward`,
  kind: 'phuong',
  areaKm2: 1,
})

describe('candidateWards', () => {
  it('lists each 2025 ward once: current matches first, then where former wards went', () => {
    const benThanh = ward('26743', 'Bến Thành')
    const saiGon = ward('26740', 'Sài Gòn')
    const resolution: WardResolution = {
      current: [benThanh],
      former: [
        {
          code: '26743',
          name: 'Phường Bến Thành',
          oldProvinceName: 'TP HCM',
          nowIn: [{ ...benThanh, share: 'full' }],
        },
        {
          code: '26740',
          name: 'Phường Bến Nghé',
          oldProvinceName: 'TP HCM',
          nowIn: [{ ...saiGon, share: 'full' }],
        },
      ],
    }
    expect(candidateWards(resolution).map((w) => w.code)).toEqual(['26743', '26740'])
  })

  it('is empty when nothing matched', () => {
    expect(candidateWards({ current: [], former: [] })).toEqual([])
  })
})
