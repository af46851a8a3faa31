import type { TSchema } from 'typebox'
import type { LayerDefinition } from '../layers.ts'

/**
 * How a registry layer becomes a vector-tile layer — the one description both tilers follow, so
 * ST_AsMVT on PostgreSQL and geojson-vt in process give the same features and attributes:
 * - source-layer name = layer id; polygon layers also get `<id>-labels`, one point per feature;
 * - attribute `id` = the feature id (text), plus every registry property under its API name;
 * - the MVT integer feature id is set when the text id is a plain integer (ward codes, flood-point
 *   numbers), so clients may use it; UUID ids (cameras) have none, hence `promoteId: 'id'` in the style.
 */
export const TILE_EXTENT = 4096
export const TILE_BUFFER = 64
/** Bump when what a tile contains changes for the same data (attributes, ids, clipping): ETags carry it. */
export const TILE_FORMAT = 1
export const ID_ATTRIBUTE = 'id'

export type AttributeType = 'String' | 'Number' | 'Boolean'

/** Largest integer id carried as the MVT feature id: 15 digits stays exact in a double and a bigint. */
const INTEGER_ID = /^(0|[1-9][0-9]{0,14})$/
const INTEGER_ID_SQL = '^(0|[1-9][0-9]{0,14})$'

export function tileFeatureId(id: string): number | undefined {
  return INTEGER_ID.test(id) ? Number(id) : undefined
}

export const labelLayerName = (layer: { id: string }) => `${layer.id}-labels`
export const hasLabelLayer = (layer: LayerDefinition) => layer.geometryType === 'MultiPolygon'

/** The JSON types a property schema admits (null left out): unions and literals included. */
function jsonTypes(schema: TSchema): Set<string> {
  const s = schema as { type?: string | string[]; anyOf?: TSchema[]; const?: unknown }
  const types = new Set<string>()
  if (Array.isArray(s.anyOf)) for (const member of s.anyOf) for (const t of jsonTypes(member)) types.add(t)
  if (typeof s.type === 'string') types.add(s.type)
  if (Array.isArray(s.type)) for (const t of s.type) types.add(t)
  if (s.const !== undefined && s.const !== null) types.add(typeof s.const)
  types.delete('null')
  return types
}

/** The MVT value type of a property: what TileJSON's vector_layers fields announce. */
export function attributeType(schema: TSchema): AttributeType {
  const types = jsonTypes(schema)
  if (types.size > 0 && [...types].every((t) => t === 'number' || t === 'integer')) return 'Number'
  if (types.size === 1 && types.has('boolean')) return 'Boolean'
  return 'String'
}

/** The attributes of a layer's tile features, in order: `id` first, then the registry properties. */
export function tileAttributes(layer: LayerDefinition): Array<{ name: string; type: AttributeType }> {
  const properties = Object.entries(layer.properties).map(([name, p]) => ({
    name,
    type: attributeType(p.schema),
  }))
  return properties.some((p) => p.name === ID_ATTRIBUTE)
    ? properties
    : [{ name: ID_ATTRIBUTE, type: 'String' as const }, ...properties]
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`
const qualified = (name: string) => name.split('.').map(ident).join('.')
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`

/**
 * Casts that make PostgreSQL values encode as the in-process tiler encodes the same row: numeric →
 * float8 (ST_AsMVT would write numeric as a string), dates and everything else → text.
 */
function castFor(type: AttributeType, schema: TSchema): string {
  if (type === 'Number') return jsonTypes(schema).has('number') ? 'float8' : 'int8'
  if (type === 'Boolean') return 'boolean'
  return 'text'
}

/**
 * The PostGIS tile query of a layer: $1 = z, $2 = x, $3 = y. Features are picked with the GiST index
 * (the tile plus its buffer, in the table's SRID 4326), projected to Web Mercator, clipped and
 * quantised by ST_AsMVTGeom, and encoded by ST_AsMVT. Returns one row, column `mvt` (bytea; empty
 * when no feature is in the tile). Plain text so the benchmark can run the very same query bare.
 */
export function mvtSql(layer: LayerDefinition): string {
  const margin = TILE_BUFFER / TILE_EXTENT
  const attributes = tileAttributes(layer).map(({ name, type }) => {
    const property = layer.properties[name]
    const column = property ? property.column : layer.idColumn
    const cast = property ? castFor(type, property.schema) : 'text'
    return `t.${ident(column)}::${cast} AS ${ident(name)}`
  })
  const id = `t.${ident(layer.idColumn)}::text`
  return `WITH bounds AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS tile,
         ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${margin}), 4326) AS area
), features AS (
  SELECT ST_AsMVTGeom(ST_Transform(t.geom, 3857), bounds.tile, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS "__geom",
         CASE WHEN ${id} ~ '${INTEGER_ID_SQL}' THEN ${id}::bigint END AS "__fid",
         ${attributes.join(',\n         ')}
  FROM ${qualified(layer.table)} t, bounds
  WHERE t.geom && bounds.area
)
SELECT coalesce(ST_AsMVT(features, ${literal(layer.id)}, ${TILE_EXTENT}, '__geom', '__fid' ORDER BY features.${ident(ID_ATTRIBUTE)}), ''::bytea) AS mvt
FROM features WHERE "__geom" IS NOT NULL`
}
