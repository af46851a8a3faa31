import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { findLayer, type LayerDefinition } from '../layers.ts'
import { attributeType, mvtSql, tileAttributes, tileFeatureId } from './tile-layer.ts'

const wards = findLayer('wards') as LayerDefinition
const cameras = findLayer('traffic-cameras') as LayerDefinition

describe('tile attributes', () => {
  it('types each property from its schema, nullable unions and literals included', () => {
    expect(attributeType(Type.String())).toBe('String')
    expect(attributeType(Type.Union([Type.Integer(), Type.Null()]))).toBe('Number')
    expect(attributeType(Type.Number({ minimum: 0 }))).toBe('Number')
    expect(attributeType(Type.Union([Type.Literal('rain'), Type.Literal('tide')]))).toBe('String')
    expect(attributeType(Type.Boolean())).toBe('Boolean')
    expect(attributeType(Type.Union([Type.String({ format: 'date' }), Type.Null()]))).toBe('String')
  })

  it('carries the feature id first, then every registry property', () => {
    expect(tileAttributes(wards)).toEqual([
      { name: 'id', type: 'String' },
      { name: 'code', type: 'String' },
      { name: 'name', type: 'String' },
      { name: 'nameEn', type: 'String' },
      { name: 'fullName', type: 'String' },
      { name: 'fullNameEn', type: 'String' },
      { name: 'kind', type: 'String' },
      { name: 'areaKm2', type: 'Number' },
    ])
  })

  it('uses plain integer ids as MVT feature ids, and only those', () => {
    expect(tileFeatureId('26740')).toBe(26740)
    expect(tileFeatureId('0')).toBe(0)
    expect(tileFeatureId('007')).toBeUndefined()
    expect(tileFeatureId('21a93504-3cf5-42c1-aca6-4564c5251f0b')).toBeUndefined()
    expect(tileFeatureId('1234567890123456')).toBeUndefined()
  })
})

describe('the PostGIS tile query', () => {
  it('clips to the tile with a buffer, uses the spatial index, and casts so both tilers agree', () => {
    const text = mvtSql(wards)
    expect(text).toContain('ST_TileEnvelope($1::int, $2::int, $3::int, margin => 0.015625)')
    expect(text).toContain('ST_AsMVTGeom(ST_Transform(t.geom, 3857), bounds.tile, 4096, 64, true)')
    expect(text).toContain('WHERE t.geom && bounds.area')
    expect(text).toContain(`ST_AsMVT(features, 'wards', 4096, '__geom', '__fid'`)
    expect(text).toContain('t."area_km2"::float8 AS "areaKm2"')
    expect(text).toContain('t."code"::text AS "id"')
    expect(text).toContain('FROM "geo"."wards" t')
  })

  it('writes integer properties as integers', () => {
    expect(mvtSql(cameras)).toContain('t."angle"::int8 AS "angle"')
  })
})
