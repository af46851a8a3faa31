import Type, { type Static } from 'typebox'
import { LocalizedText } from './problem.ts'

export const WardKind = Type.Union([Type.Literal('phuong'), Type.Literal('xa'), Type.Literal('dac_khu')], {
  description: 'phường (urban ward), xã (commune), đặc khu (special zone)',
})

export const WardCode = Type.String({ pattern: '^[0-9]{5}$', description: 'GSO ward code, e.g. 26734' })

export const WardSummary = Type.Object({
  code: WardCode,
  name: Type.String(),
  nameEn: Type.String(),
  fullName: Type.String({ description: 'e.g. Phường Bến Thành' }),
  fullNameEn: Type.String(),
  kind: WardKind,
  areaKm2: Type.Number(),
})
export type WardSummary = Static<typeof WardSummary>

export const FormerWard = Type.Object({
  code: Type.String(),
  name: Type.String(),
  oldProvinceName: Type.String(),
  /** full: the whole former ward is now in this ward; partial: only part of it */
  share: Type.Union([Type.Literal('full'), Type.Literal('partial')]),
})
export type FormerWard = Static<typeof FormerWard>

export const WardDetail = Type.Object({
  ...WardSummary.properties,
  bbox: Type.Array(Type.Number(), {
    minItems: 4,
    maxItems: 4,
    description: '[minLon, minLat, maxLon, maxLat]',
  }),
  centroid: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  formedFrom: Type.Array(FormerWard, { description: 'Pre-2025 wards merged into this one' }),
})
export type WardDetail = Static<typeof WardDetail>

export const LocateQuery = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude (WGS84)' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude (WGS84)' }),
})

export const LocateResult = Type.Object({
  point: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  ward: WardSummary,
})
export type LocateResult = Static<typeof LocateResult>

export const WardSearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Name, with or without diacritics, or code' })),
  kind: Type.Optional(WardKind),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 200 }),
})

export const WardList = Type.Object({ wards: Type.Array(WardSummary) })
export type WardList = Static<typeof WardList>

export const WardResolveQuery = Type.Object({
  q: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'A ward as residents write it: a 2025 or a pre-2025 name or code',
  }),
})

export const WardResolution = Type.Object({
  /** 2025 wards whose name or code matches */
  current: Type.Array(WardSummary),
  /** pre-2025 wards whose name or code matches, each with the 2025 ward(s) it went into */
  former: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      oldProvinceName: Type.String(),
      nowIn: Type.Array(Type.Object({ ...WardSummary.properties, share: FormerWard.properties.share })),
    }),
  ),
})
export type WardResolution = Static<typeof WardResolution>

export const LayerInfo = Type.Object({
  id: Type.String(),
  title: LocalizedText,
  description: LocalizedText,
  attribution: Type.String(),
  geometryType: Type.String(),
  featureCount: Type.Integer(),
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  minZoom: Type.Integer(),
  maxZoom: Type.Integer(),
  importable: Type.Boolean(),
})
export type LayerInfo = Static<typeof LayerInfo>

export const LayerList = Type.Object({ layers: Type.Array(LayerInfo) })
export type LayerList = Static<typeof LayerList>

export const LayerImportParams = Type.Object({ id: Type.String({ pattern: '^[a-z][a-z0-9-]{1,40}$' }) })
export const LayerImportSummary = Type.Object({
  layer: Type.String(),
  imported: Type.Integer({ description: 'Features now in the layer' }),
  replaced: Type.Integer({ description: 'Features the import replaced' }),
})
export type LayerImportSummary = Static<typeof LayerImportSummary>
