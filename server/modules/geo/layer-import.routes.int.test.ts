import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiKeyCaller,
  type Caller,
  createTestAgency,
  createTestOfficial,
  sessionCaller,
} from '../../../tests/support/principals.ts'
import { testAppAndPlatform } from '../../../tests/support/test-platform.ts'
import type { Platform } from '../../core/platform.ts'

const collection = (names: string[]) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: names.map((name, index) => ({
      type: 'Feature',
      id: `http-import-${index}`,
      geometry: { type: 'Point', coordinates: [106.69 + index / 1000, 10.77] },
      properties: { kind: 'park', name },
    })),
  })

let app: FastifyInstance
let platform: Platform
let admin: Caller
let officer: Caller
let importKey: Caller
let plainKey: Caller

beforeAll(async () => {
  ;({ app, platform } = await testAppAndPlatform())
  const agency = await createTestAgency(platform, 'geo')
  const systemAdmin = await createTestOfficial(platform, { agencyId: agency, roles: ['system_admin'] })
  const anOfficer = await createTestOfficial(platform, { agencyId: agency, roles: ['officer'] })
  admin = await sessionCaller(platform, { kind: 'official', officialId: systemAdmin.id }, 'admin')
  officer = await sessionCaller(platform, { kind: 'official', officialId: anOfficer.id }, 'officer')
  importKey = await apiKeyCaller(platform, agency, ['geo:import'], 'GIS sync')
  plainKey = await apiKeyCaller(platform, agency, [], 'no scope')
})
afterAll(() => app?.close())

const put = (caller: Caller, body: string, contentType = 'application/geo+json', layer = 'facilities') =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/geo/layers/${layer}/features`,
    headers: { ...caller.headers, 'content-type': contentType },
    payload: body,
  })

describe('PUT /api/v1/geo/layers/{id}/features', () => {
  it('lets a system administrator replace a layer, and the change shows in the layer list', async () => {
    const before = (await app.inject('/api/v1/geo/layers'))
      .json()
      .layers.find((l: { id: string }) => l.id === 'facilities')
    const response = await put(admin, collection(['Công viên Tao Đàn', 'Công viên 23/9']))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ layer: 'facilities', imported: 2, replaced: expect.any(Number) })
    const after = (await app.inject('/api/v1/geo/layers'))
      .json()
      .layers.find((l: { id: string }) => l.id === 'facilities')
    expect(after.version).toBe(before.version + 1)
    expect(after.featureCount).toBe(2)
  })

  it('accepts an API key with the geo:import scope and plain application/json', async () => {
    const response = await put(importKey, collection(['Công viên Lê Văn Tám']), 'application/json')
    expect(response.statusCode).toBe(200)
    expect(response.json().imported).toBe(1)
  })

  it('refuses officers, keys without the scope, and anonymous callers', async () => {
    expect((await put(officer, collection(['x']))).json().code).toBe('forbidden')
    expect((await put(plainKey, collection(['x']))).json().code).toBe('forbidden')
    expect((await put({ label: 'anonymous', headers: {} }, collection(['x']))).json().code).toBe(
      'unauthenticated',
    )
  })

  it('answers a bad file with the feature that is wrong, and keeps the layer as it was', async () => {
    const bad = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [200, 10] },
          properties: { kind: 'park', name: 'x' },
        },
      ],
    })
    const response = await put(admin, bad)
    expect(response.statusCode).toBe(422)
    expect(response.json().code).toBe('invalid_geojson')
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(JSON.stringify(response.json().errors)).toContain('/features/0')
    const layer = (await app.inject('/api/v1/geo/layers'))
      .json()
      .layers.find((l: { id: string }) => l.id === 'facilities')
    expect(layer.featureCount).toBe(1)
  })

  it('answers 404 for an unknown layer and 415 for another content type', async () => {
    expect((await put(admin, collection(['x']), 'application/geo+json', 'no-such-layer')).json().code).toBe(
      'layer_not_found',
    )
    expect((await put(admin, 'a,b', 'text/csv')).statusCode).toBe(415)
  })
})
