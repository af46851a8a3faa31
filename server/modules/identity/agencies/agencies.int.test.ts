import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testAppAndPlatform } from '../../../../tests/support/test-platform.ts'
import type { Platform } from '../../../core/platform.ts'
import { CITY_AGENCY_ID, wardCommitteeId } from './agency.seed.ts'

let app: FastifyInstance
let platform: Platform
beforeAll(async () => {
  ;({ app, platform } = await testAppAndPlatform())
})
afterAll(() => app?.close())

interface AgencyJson {
  id: string
  parentId: string | null
  kind: string
  name: string
  nameEn: string
  wardCode: string | null
}

const list = async (query: string) => {
  const response = await app.inject({ url: `/api/v1/agencies${query}` })
  expect(response.statusCode).toBe(200)
  return response.json().agencies as AgencyJson[]
}

describe('agencies', () => {
  it('are seeded: one city root, the departments, and a People’s Committee for each of the 168 wards', async () => {
    const { db } = platform.database
    const seeded = await db
      .selectFrom('identity.agencies')
      .select(['id', 'parent_id', 'kind', 'ward_code'])
      .where('id', 'not like', 'test-%')
      .execute()
    const roots = seeded.filter((agency) => agency.parent_id === null)
    expect(roots.map((agency) => agency.id)).toEqual([CITY_AGENCY_ID])
    const committees = seeded.filter((agency) => agency.kind === 'ward_committee')
    expect(committees).toHaveLength(168)
    expect(committees.every((agency) => agency.parent_id === CITY_AGENCY_ID && agency.ward_code)).toBe(true)
    expect(seeded.filter((agency) => agency.kind === 'department').length).toBeGreaterThanOrEqual(16)
    expect(seeded.some((agency) => agency.id === 'so-xay-dung')).toBe(true)
  })

  it('names ward committees after the ward, in Vietnamese and English', async () => {
    const agencies = await list('?kind=ward_committee&q=sai gon')
    const saiGon = agencies.find((agency) => agency.wardCode === '26740')
    expect(saiGon).toEqual({
      id: wardCommitteeId('26740'),
      parentId: CITY_AGENCY_ID,
      kind: 'ward_committee',
      name: 'Ủy ban nhân dân Phường Sài Gòn',
      nameEn: "People's Committee of Sai Gon Ward",
      wardCode: '26740',
    })
  })

  it('are found without diacritics, and filtered by kind', async () => {
    const found = await list('?q=phuong%20sai%20gon')
    expect(found.map((agency) => agency.id)).toContain('ubnd-26740')
    const withMarks = await list(`?q=${encodeURIComponent('Sở Xây dựng')}`)
    const folded = await list('?q=so%20xay%20dung')
    expect(folded.map((agency) => agency.id)).toEqual(withMarks.map((agency) => agency.id))
    expect(folded.map((agency) => agency.id)).toContain('so-xay-dung')
    const english = await list('?q=digital%20transformation')
    expect(english.map((agency) => agency.id)).toEqual(['trung-tam-chuyen-doi-so'])
    const departments = await list('?kind=department')
    expect(departments.every((agency) => agency.kind === 'department')).toBe(true)
    expect(departments.map((agency) => agency.id)).not.toContain(CITY_AGENCY_ID)
  })

  it('form a tree: subtree and contains', () => {
    const { agencies } = platform.services.identity
    const construction = agencies.subtree('so-xay-dung')
    expect(construction).toEqual(
      expect.arrayContaining([
        'so-xay-dung',
        'trung-tam-quan-ly-ha-tang-ky-thuat',
        'trung-tam-quan-ly-dieu-hanh-giao-thong',
      ]),
    )
    expect(construction).not.toContain('so-y-te')
    expect(agencies.subtree(CITY_AGENCY_ID).length).toBeGreaterThanOrEqual(1 + 16 + 168)
    expect(agencies.contains(CITY_AGENCY_ID, 'trung-tam-chuyen-doi-so')).toBe(true)
    expect(agencies.contains('so-khoa-hoc-cong-nghe', 'trung-tam-chuyen-doi-so')).toBe(true)
    expect(agencies.contains('so-xay-dung', 'trung-tam-chuyen-doi-so')).toBe(false)
    expect(agencies.contains('ubnd-26740', CITY_AGENCY_ID)).toBe(false)
    expect(agencies.subtree('no-such-agency')).toEqual([])
  })
})
