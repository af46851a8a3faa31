import { Readable } from 'node:stream'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { workerDatabase } from '../../../tests/support/test-platform.ts'
import { AppError } from '../../core/errors.ts'
import { layerStates } from './layer.repository.ts'
import { importLayer } from './layer-import.ts'
import { findLayer, type LayerDefinition } from './layers.ts'

const facilities = findLayer('facilities') as LayerDefinition
const fromJson = (value: unknown) => Readable.from([Buffer.from(JSON.stringify(value))])
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] })

const goodFile = {
  type: 'FeatureCollection',
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
  features: [
    {
      type: 'Feature',
      id: 'bv-cho-ray',
      geometry: point(106.6595, 10.7578),
      properties: {
        kind: 'hospital',
        name: 'Bệnh viện Chợ Rẫy'.normalize('NFD'),
        address: '201B Nguyễn Chí Thanh',
      },
    },
    {
      type: 'Feature',
      id: 'ubnd-ben-thanh',
      geometry: point(106.6985, 10.7738),
      properties: { kind: 'ward_office', name: 'UBND phường Bến Thành', phone: null },
    },
    { type: 'Feature', geometry: point(106.7, 10.78), properties: { kind: 'park', name: 'Công viên' } },
  ],
}

async function rowsOf() {
  const { db } = await workerDatabase()
  const { rows } = await sql<{ id: string; name: string; kind: string; ward_code: string | null }>`
    select id, name, kind, ward_code from geo.facilities order by id`.execute(db)
  return rows
}

async function importError(file: unknown): Promise<AppError> {
  const { db } = await workerDatabase()
  try {
    await importLayer(db, facilities, typeof file === 'string' ? Readable.from([file]) : fromJson(file))
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('import was expected to fail')
}

describe('GeoJSON layer import', () => {
  it('replaces the layer, fills the ward from the location, stores NFC and bumps the version', async () => {
    const { db } = await workerDatabase()
    const before = (await layerStates(db)).get('facilities')?.version ?? 0
    const summary = await importLayer(db, facilities, fromJson(goodFile))
    expect(summary).toMatchObject({ layer: 'facilities', imported: 3 })
    const rows = await rowsOf()
    expect(rows.map((r) => r.id)).toEqual(['3', 'bv-cho-ray', 'ubnd-ben-thanh'])
    const benThanh = rows.find((r) => r.id === 'ubnd-ben-thanh')
    const choRay = rows.find((r) => r.id === 'bv-cho-ray')
    expect(choRay?.name).toBe('Bệnh viện Chợ Rẫy'.normalize('NFC'))
    const ward = await sql<{
      full_name: string
    }>`select full_name from geo.wards where code = ${benThanh?.ward_code ?? ''}`.execute(db)
    expect(ward.rows[0]?.full_name).toBe('Phường Bến Thành')
    expect((await layerStates(db)).get('facilities')).toMatchObject({ version: before + 1, featureCount: 3 })
  })

  it('refuses a bad file with errors naming each feature, and leaves the layer untouched', async () => {
    const { db } = await workerDatabase()
    await importLayer(db, facilities, fromJson(goodFile))
    const version = (await layerStates(db)).get('facilities')?.version
    const error = await importError({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'a',
          geometry: point(106.7, 10.78),
          properties: { kind: 'hospital', name: 'Tốt' },
        },
        {
          type: 'Feature',
          id: 'b',
          geometry: point(10.78, 106.7),
          properties: { kind: 'hospital', name: 'Đảo toạ độ' },
        },
        {
          type: 'Feature',
          id: 'c',
          geometry: point(106.7, 10.78),
          properties: { kind: 'casino', name: 'Sai loại' },
        },
        { type: 'Feature', id: 'a', geometry: point(106.7, 10.78), properties: { kind: 'school' } },
        {
          type: 'Feature',
          id: 'e',
          geometry: {
            type: 'LineString',
            coordinates: [
              [106, 10],
              [107, 11],
            ],
          },
          properties: { kind: 'park', name: 'Đường' },
        },
        { type: 'Feat', id: 'f' },
      ],
    })
    expect(error.code).toBe('invalid_geojson')
    expect(error.status).toBe(422)
    const pointers = (error.options.errors ?? []).map((e) => e.pointer)
    expect(pointers).toEqual([
      '/features/1/geometry/coordinates',
      '/features/2/properties/kind',
      '/features/3/id',
      '/features/3/properties/name',
      '/features/4/geometry/type',
      '/features/5/type',
    ])
    expect(error.options.errors?.[0]?.message.en).toMatch(/swapped/)
    expect(error.options.errors?.[0]?.message.vi).toMatch(/đảo chỗ/)
    expect(error.options.errors?.[3]?.message).toEqual({
      vi: 'Mục này là bắt buộc.',
      en: 'This field is required.',
    })
    expect((await rowsOf()).map((r) => r.id)).toEqual(['3', 'bv-cho-ray', 'ubnd-ben-thanh'])
    expect((await layerStates(db)).get('facilities')?.version).toBe(version)
  })

  it('refuses an unknown CRS, a non-collection, malformed JSON and an empty file', async () => {
    const crs = await importError({ ...goodFile, crs: { type: 'name', properties: { name: 'EPSG:3405' } } })
    expect(crs.options.errors?.[0]).toMatchObject({ pointer: '/crs' })
    expect(crs.options.errors?.[0]?.message.en).toContain('EPSG:3405')
    const notCollection = await importError({ type: 'Feature', geometry: point(106.7, 10.7), properties: {} })
    expect(notCollection.options.errors?.map((e) => e.pointer)).toContain('/type')
    const malformed = await importError('{"type": "FeatureCollection", "features": [ {"type": "Feature",')
    expect(malformed.options.errors?.[0]?.message.en).toMatch(/not valid JSON/)
    const empty = await importError({ type: 'FeatureCollection', features: [] })
    expect(empty.options.errors?.[0]).toMatchObject({ pointer: '/features' })
    expect((await rowsOf()).length).toBe(3)
  })

  it('refuses to import into a layer the platform manages', async () => {
    const { db } = await workerDatabase()
    await expect(
      importLayer(db, findLayer('wards') as LayerDefinition, fromJson(goodFile)),
    ).rejects.toMatchObject({
      code: 'invalid_geojson',
    })
  })

  it('streams a large file feature by feature', async () => {
    const { db } = await workerDatabase()
    const total = 20_000
    async function* bigFile() {
      yield '{"type":"FeatureCollection","features":['
      for (let i = 0; i < total; i++) {
        const lon = 106.6 + (i % 200) * 0.001
        const lat = 10.7 + Math.floor(i / 200) * 0.001
        yield `${i ? ',' : ''}{"type":"Feature","id":"f${i}","geometry":{"type":"Point","coordinates":[${lon},${lat}]},"properties":{"kind":"other","name":"Điểm ${i}"}}`
      }
      yield ']}'
    }
    const summary = await importLayer(db, facilities, Readable.from(bigFile()))
    expect(summary.imported).toBe(total)
    expect((await layerStates(db)).get('facilities')?.featureCount).toBe(total)
  }, 120_000)
})
