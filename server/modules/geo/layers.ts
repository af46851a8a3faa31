import type { LocalizedText } from '@dc/contracts'
import Type, { type TObject, type TSchema } from 'typebox'
import Value from 'typebox/value'

/**
 * The layer registry: every map layer is a PostGIS table with typed columns. This file says, once,
 * how a layer's table maps to GeoJSON features (property name ↔ column, with its JSON schema), and
 * OGC API Features, vector tiles, the import and the web map all read it.
 */
export interface LayerProperty {
  column: string
  schema: TSchema
  /** Can be filtered on by equality (`?cause=tide`): OGC API Features "queryables". */
  queryable?: boolean
  /** Filled by the platform (e.g. the ward from the location), never taken from an import. */
  computed?: boolean
}

export interface LayerDefinition {
  id: string
  table: string
  /** Column holding the feature id (text). */
  idColumn: string
  geometryType: 'Point' | 'MultiPolygon'
  /** Features may lack a geometry (listed, not mapped). */
  geometryOptional: boolean
  title: LocalizedText
  description: LocalizedText
  attribution: string
  properties: Record<string, LayerProperty>
  /** Property holding the feature's date, for the OGC `datetime` filter. */
  temporalProperty?: string
  /** Officials may replace its features from a GeoJSON file. */
  importable: boolean
  /** Zoom range for vector tiles. */
  minZoom: number
  maxZoom: number
}

const text = (options: object = {}) => Type.String({ minLength: 1, maxLength: 500, ...options })
const optionalText = () => Type.Union([Type.String({ maxLength: 500 }), Type.Null()])
const wardCode: LayerProperty = {
  column: 'ward_code',
  schema: Type.Union([Type.String({ pattern: '^[0-9]{5}$' }), Type.Null()]),
  queryable: true,
  computed: true,
}

export const LAYERS: readonly LayerDefinition[] = [
  {
    id: 'wards',
    table: 'geo.wards',
    idColumn: 'code',
    geometryType: 'MultiPolygon',
    geometryOptional: false,
    title: { vi: 'Phường, xã, đặc khu', en: 'Wards and communes' },
    description: {
      vi: '168 đơn vị hành chính cấp xã của Thành phố Hồ Chí Minh từ ngày 1/7/2025.',
      en: "Ho Chi Minh City's 168 ward-level units since 1 July 2025.",
    },
    attribution: 'sapnhap.bando.com.vn via thanglequoc/vietnamese-provinces-database (MIT)',
    properties: {
      code: { column: 'code', schema: text({ pattern: '^[0-9]{5}$' }), queryable: true },
      name: { column: 'name', schema: text() },
      nameEn: { column: 'name_en', schema: text() },
      fullName: { column: 'full_name', schema: text() },
      fullNameEn: { column: 'full_name_en', schema: text() },
      kind: {
        column: 'kind',
        schema: Type.Union([Type.Literal('phuong'), Type.Literal('xa'), Type.Literal('dac_khu')]),
        queryable: true,
      },
      areaKm2: { column: 'area_km2', schema: Type.Number({ minimum: 0 }) },
    },
    importable: false,
    minZoom: 0,
    maxZoom: 16,
  },
  {
    id: 'traffic-cameras',
    table: 'geo.traffic_cameras',
    idColumn: 'id',
    geometryType: 'Point',
    geometryOptional: false,
    title: { vi: 'Camera giao thông', en: 'Traffic cameras' },
    description: {
      vi: 'Vị trí camera giám sát giao thông (ảnh chụp danh sách năm 2017).',
      en: 'Traffic camera locations (2017 snapshot of the city list).',
    },
    attribution: 'HCMC traffic portal via thuansb/ketxe (2017)',
    properties: {
      code: { column: 'code', schema: text(), queryable: true },
      camId: { column: 'cam_id', schema: optionalText() },
      displayName: { column: 'display_name', schema: text() },
      camType: { column: 'cam_type', schema: optionalText(), queryable: true },
      oldDistrict: { column: 'old_district', schema: optionalText(), queryable: true },
      managementUnit: { column: 'management_unit', schema: optionalText() },
      angle: {
        column: 'angle',
        schema: Type.Union([Type.Integer({ minimum: 0, maximum: 360 }), Type.Null()]),
      },
      wardCode,
    },
    importable: true,
    minZoom: 10,
    maxZoom: 18,
  },
  {
    id: 'flood-points',
    table: 'geo.flood_points',
    idColumn: 'id',
    geometryType: 'Point',
    geometryOptional: true,
    title: { vi: 'Điểm ngập', en: 'Flood-prone points' },
    description: {
      vi: 'Các điểm thường ngập do mưa hoặc triều cường do Phòng CSGT công bố (10/2026); vị trí ước lượng.',
      en: 'Points that flood with rain or high tide, published by the traffic police (Oct 2026); approximate positions.',
    },
    attribution: 'Phòng CSGT Công an TP.HCM via Tuổi Trẻ; located by nhaajtdajt/MapForPeople',
    properties: {
      no: { column: 'no', schema: Type.Integer({ minimum: 1 }) },
      cause: {
        column: 'cause',
        schema: Type.Union([Type.Literal('rain'), Type.Literal('tide')]),
        queryable: true,
      },
      place: { column: 'place', schema: text() },
      locatedBy: { column: 'located_by', schema: optionalText() },
      roadClass: { column: 'road_class', schema: optionalText(), queryable: true },
      reportedDate: {
        column: 'reported_date',
        schema: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
      },
      source: { column: 'source', schema: optionalText() },
      wardCode,
    },
    temporalProperty: 'reportedDate',
    importable: true,
    minZoom: 9,
    maxZoom: 18,
  },
  {
    id: 'facilities',
    table: 'geo.facilities',
    idColumn: 'id',
    geometryType: 'Point',
    geometryOptional: false,
    title: { vi: 'Cơ sở công cộng', en: 'Public facilities' },
    description: {
      vi: 'Bệnh viện, trường học, trụ sở UBND phường… do cán bộ cập nhật.',
      en: "Hospitals, schools, ward People's Committee offices … maintained by officials.",
    },
    attribution: 'City agencies',
    properties: {
      kind: {
        column: 'kind',
        schema: Type.Union(
          ['hospital', 'clinic', 'school', 'ward_office', 'police', 'market', 'park', 'other'].map((k) =>
            Type.Literal(k),
          ),
        ),
        queryable: true,
      },
      name: { column: 'name', schema: text() },
      address: { column: 'address', schema: optionalText() },
      phone: { column: 'phone', schema: optionalText() },
      website: { column: 'website', schema: optionalText() },
      wardCode,
    },
    importable: true,
    minZoom: 10,
    maxZoom: 18,
  },
]

export function findLayer(id: string): LayerDefinition | undefined {
  return LAYERS.find((layer) => layer.id === id)
}

/** The JSON schema of a feature's properties as served (every property, computed ones included). */
export function propertiesSchema(layer: LayerDefinition): TObject {
  return Type.Object(
    Object.fromEntries(Object.entries(layer.properties).map(([name, p]) => [name, p.schema])),
  )
}

/** The JSON schema of a feature's properties as imported (computed ones are the platform's to fill). */
export function importPropertiesSchema(layer: LayerDefinition): TObject {
  return Type.Object(
    Object.fromEntries(
      Object.entries(layer.properties)
        .filter(([, p]) => !p.computed)
        // A property that may be null may also be left out of an imported feature.
        .map(([name, p]) => [name, Value.Check(p.schema, null) ? Type.Optional(p.schema) : p.schema]),
    ),
  )
}
