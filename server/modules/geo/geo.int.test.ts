import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../../tests/support/test-platform.ts'

let app: FastifyInstance
beforeAll(async () => {
  app = await testApp()
})
afterAll(() => app.close())

describe('GET /api/v1/geo/locate', () => {
  it('answers the ward at a point (Chợ Bến Thành → Phường Bến Thành)', async () => {
    const response = await app.inject('/api/v1/geo/locate?lon=106.698&lat=10.7725')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      point: { lon: 106.698, lat: 10.7725 },
      ward: { fullName: 'Phường Bến Thành', fullNameEn: 'Ben Thanh Ward', kind: 'phuong' },
    })
  })

  it('finds the special zone on the islands (Côn Đảo)', async () => {
    const response = await app.inject('/api/v1/geo/locate?lon=106.6062&lat=8.6829')
    expect(response.json().ward).toMatchObject({ fullName: 'Đặc khu Côn Đảo', kind: 'dac_khu' })
  })

  it('says clearly when a point is outside the city', async () => {
    const response = await app.inject({
      url: '/api/v1/geo/locate?lon=105.85&lat=21.03',
      headers: { 'accept-language': 'en' },
    })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ code: 'outside_city', title: 'Outside the city' })
    expect(response.json().messages.vi).toContain('ngoài thành phố')
  })

  it('refuses bad coordinates with a field-level problem', async () => {
    const response = await app.inject('/api/v1/geo/locate?lon=abc&lat=95')
    expect(response.statusCode).toBe(400)
    const pointers = response.json().errors.map((e: { pointer: string }) => e.pointer)
    expect(pointers).toEqual(expect.arrayContaining(['querystring:/lon', 'querystring:/lat']))
  })
})

describe('wards', () => {
  it('lists all 168 wards', async () => {
    const response = await app.inject('/api/v1/geo/wards')
    expect(response.json().wards).toHaveLength(168)
  })

  it('searches without diacritics, old or new tone placement alike', async () => {
    const plain = await app.inject('/api/v1/geo/wards?q=binh%20hung%20hoa')
    const marked = await app.inject(`/api/v1/geo/wards?q=${encodeURIComponent('Bình Hưng Hòa')}`)
    const names = plain.json().wards.map((w: { fullName: string }) => w.fullName)
    expect(names.length).toBeGreaterThan(0)
    expect(names.every((n: string) => /Bình Hưng Ho[àa]/.test(n.normalize('NFC')) || /Hoà/.test(n))).toBe(
      true,
    )
    expect(marked.json().wards).toEqual(plain.json().wards)
  })

  it('filters by kind', async () => {
    const response = await app.inject('/api/v1/geo/wards?kind=xa')
    expect(response.json().wards).toHaveLength(54)
  })

  it('shows one ward with its extent and the former wards it was formed from', async () => {
    const response = await app.inject('/api/v1/geo/wards/25747')
    expect(response.statusCode).toBe(200)
    const ward = response.json()
    expect(ward).toMatchObject({ code: '25747', fullName: 'Phường Thủ Dầu Một' })
    expect(ward.formedFrom).toEqual(
      expect.arrayContaining([
        { code: '25747', name: 'Phường Phú Cường', oldProvinceName: 'Tỉnh Bình Dương', share: 'full' },
        expect.objectContaining({ code: '25741', name: 'Phường Hiệp Thành', share: 'partial' }),
      ]),
    )
    const [minLon, minLat, maxLon, maxLat] = ward.bbox
    expect(minLon).toBeLessThan(ward.centroid.lon)
    expect(ward.centroid.lon).toBeLessThan(maxLon)
    expect(minLat).toBeLessThan(ward.centroid.lat)
    expect(ward.centroid.lat).toBeLessThan(maxLat)
  })

  it('answers 404 ward_not_found for an unknown code and 400 for a malformed one', async () => {
    expect((await app.inject('/api/v1/geo/wards/99999')).json().code).toBe('ward_not_found')
    expect((await app.inject('/api/v1/geo/wards/abc')).statusCode).toBe(400)
  })
})

describe('address helper: old ward → new ward', () => {
  it('resolves a pre-2025 ward name typed without diacritics or prefix', async () => {
    const response = await app.inject('/api/v1/geo/wards/resolve?q=phu%20cuong')
    const { former } = response.json()
    expect(former).toContainEqual(
      expect.objectContaining({
        code: '25747',
        name: 'Phường Phú Cường',
        nowIn: [expect.objectContaining({ code: '25747', fullName: 'Phường Thủ Dầu Một', share: 'full' })],
      }),
    )
  })

  it('lists every old ward a common name matches, with its old province, and split wards go to several', async () => {
    const response = await app.inject(`/api/v1/geo/wards/resolve?q=${encodeURIComponent('Phường 1')}`)
    const { former } = response.json()
    expect(former.length).toBeGreaterThan(5)
    expect(new Set(former.map((f: { oldProvinceName: string }) => f.oldProvinceName)).size).toBeGreaterThan(1)
    const hiepThanh = await app.inject('/api/v1/geo/wards/resolve?q=25741')
    expect(
      hiepThanh
        .json()
        .former[0].nowIn.map((w: { code: string }) => w.code)
        .sort(),
    ).toEqual(['25747', '25750'])
  })

  it('resolves a current ward by its 2025 name', async () => {
    const response = await app.inject(`/api/v1/geo/wards/resolve?q=${encodeURIComponent('Phường Sài Gòn')}`)
    expect(response.json().current).toEqual([expect.objectContaining({ code: '26740' })])
  })
})

describe('GET /api/v1/geo/layers', () => {
  it('lists the layers with their real sizes', async () => {
    const response = await app.inject('/api/v1/geo/layers')
    const byId = Object.fromEntries(response.json().layers.map((l: { id: string }) => [l.id, l]))
    expect(byId.wards).toMatchObject({ featureCount: 168, geometryType: 'MultiPolygon', importable: false })
    expect(byId['traffic-cameras']).toMatchObject({ featureCount: 282, importable: true })
    expect(byId['flood-points']).toMatchObject({ featureCount: 122 })
    // Facilities start empty; other test files on this worker's database may have imported some.
    expect(byId.facilities).toMatchObject({ featureCount: expect.any(Number), importable: true })
    expect(byId.wards.title).toEqual({ vi: 'Phường, xã, đặc khu', en: 'Wards and communes' })
  })
})
