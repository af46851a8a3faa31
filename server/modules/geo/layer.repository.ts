import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import type { DB } from '../../core/db/schema.ts'
import type { LayerDefinition } from './layers.ts'

/** A GeoJSON feature of a layer (RFC 7946; coordinates in CRS84, lon/lat). */
export interface LayerFeature {
  type: 'Feature'
  id: string
  geometry: { type: string; coordinates: unknown } | null
  properties: Record<string, unknown>
}

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number]

export interface FeatureQuery {
  bbox?: BBox
  /** Inclusive calendar-date bounds on the layer's temporal property (YYYY-MM-DD). */
  datetime?: { start?: string; end?: string }
  /** Equality on queryable properties, compared as text. */
  filters?: Record<string, string>
  limit: number
  offset: number
}

export interface LayerState {
  id: string
  version: number
  updatedAt: Date
  featureCount: number
}

const table = (layer: LayerDefinition) => sql.table(layer.table)
const column = (name: string) => sql.ref(name)

/** `select <id> as id, <col> as "<prop>" …, ST_AsGeoJSON(geom)` for a layer. */
function selectList(layer: LayerDefinition): RawBuilder<unknown> {
  const props = Object.entries(layer.properties).map(
    ([name, p]) => sql`${column(p.column)} as ${sql.id(name)}`,
  )
  return sql.join([
    sql`${column(layer.idColumn)}::text as "__id"`,
    ...props,
    // 7 decimals (~1 cm) is all the precision the data has; it keeps responses small.
    sql`ST_AsGeoJSON(geom, 7)::json as "__geometry"`,
  ])
}

function whereClause(
  layer: LayerDefinition,
  query: Omit<FeatureQuery, 'limit' | 'offset'>,
): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`true`]
  if (query.bbox) {
    const [minLon, minLat, maxLon, maxLat] = query.bbox
    conditions.push(
      sql`ST_Intersects(geom, ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326))`,
    )
  }
  if (query.datetime && layer.temporalProperty) {
    const temporal = layer.properties[layer.temporalProperty]
    if (temporal) {
      if (query.datetime.start)
        conditions.push(sql`${column(temporal.column)} >= ${query.datetime.start}::date`)
      if (query.datetime.end) conditions.push(sql`${column(temporal.column)} <= ${query.datetime.end}::date`)
    }
  }
  for (const [name, value] of Object.entries(query.filters ?? {})) {
    const property = layer.properties[name]
    if (!property?.queryable) throw new Error(`${name} is not a queryable property of ${layer.id}`)
    conditions.push(sql`${column(property.column)}::text = ${value}`)
  }
  return sql.join(conditions, sql` and `)
}

function toFeature(layer: LayerDefinition, row: Record<string, unknown>): LayerFeature {
  const properties: Record<string, unknown> = {}
  for (const name of Object.keys(layer.properties)) properties[name] = row[name] ?? null
  return {
    type: 'Feature',
    id: String(row.__id),
    geometry: (row.__geometry as LayerFeature['geometry']) ?? null,
    properties,
  }
}

/** A page of a layer's features, in id order, and how many match in all. */
export async function queryFeatures(
  db: Kysely<DB>,
  layer: LayerDefinition,
  query: FeatureQuery,
): Promise<{ features: LayerFeature[]; numberMatched: number }> {
  const where = whereClause(layer, query)
  const rows = await sql<Record<string, unknown>>`
      select ${selectList(layer)} from ${table(layer)}
      where ${where}
      order by ${column(layer.idColumn)}
      limit ${query.limit} offset ${query.offset}`.execute(db)
  const features = rows.rows.map((row) => toFeature(layer, row))
  // A first page that is not full already says how many match: spare the count query (most map
  // viewports are such pages).
  if (query.offset === 0 && features.length < query.limit) return { features, numberMatched: features.length }
  const count = await sql<{
    n: number
  }>`select count(*)::int as n from ${table(layer)} where ${where}`.execute(db)
  return { features, numberMatched: count.rows[0]?.n ?? 0 }
}

export async function getFeature(
  db: Kysely<DB>,
  layer: LayerDefinition,
  id: string,
): Promise<LayerFeature | undefined> {
  const { rows } = await sql<Record<string, unknown>>`
    select ${selectList(layer)} from ${table(layer)} where ${column(layer.idColumn)}::text = ${id}`.execute(
    db,
  )
  return rows[0] ? toFeature(layer, rows[0]) : undefined
}

/** Every feature with a geometry (for in-process tiling and small layers). */
export async function allMappedFeatures(db: Kysely<DB>, layer: LayerDefinition): Promise<LayerFeature[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select ${selectList(layer)} from ${table(layer)} where geom is not null order by ${column(layer.idColumn)}`.execute(
    db,
  )
  return rows.map((row) => toFeature(layer, row))
}

/** The layer's extent [minLon, minLat, maxLon, maxLat], or undefined when it has no mapped feature. */
export async function layerExtent(db: Kysely<DB>, layer: LayerDefinition): Promise<BBox | undefined> {
  const { rows } = await sql<{ x1: number | null; y1: number; x2: number; y2: number }>`
    select ST_XMin(e) as x1, ST_YMin(e) as y1, ST_XMax(e) as x2, ST_YMax(e) as y2
    from (select ST_Extent(geom)::geometry as e from ${table(layer)}) extent`.execute(db)
  const row = rows[0]
  return row && row.x1 !== null ? [row.x1, row.y1, row.x2, row.y2] : undefined
}

/** Version, change time and size of every layer: caches and ETags key on the version. */
export async function layerStates(db: Kysely<DB>): Promise<Map<string, LayerState>> {
  const { rows } = await sql<{ id: string; version: number; updated_at: Date; feature_count: number }>`
    select id, version, updated_at, feature_count from geo.layers`.execute(db)
  return new Map(
    rows.map((row) => [
      row.id,
      { id: row.id, version: row.version, updatedAt: row.updated_at, featureCount: row.feature_count },
    ]),
  )
}

/** Records that a layer's features changed (call inside the transaction that changed them). */
export async function markLayerChanged(
  trx: Transaction<DB> | Kysely<DB>,
  layer: LayerDefinition,
): Promise<void> {
  await sql`
    update geo.layers
    set version = version + 1, updated_at = now(),
        feature_count = (select count(*) from ${table(layer)})
    where id = ${layer.id}`.execute(trx)
}

/**
 * The first and last date of the layer's temporal property ([min, max], YYYY-MM-DD in city time),
 * or undefined when the layer has none or no feature is dated. OGC collections report it as
 * their temporal extent.
 */
export async function temporalExtent(
  db: Kysely<DB>,
  layer: LayerDefinition,
): Promise<[string, string] | undefined> {
  const temporal = layer.temporalProperty ? layer.properties[layer.temporalProperty] : undefined
  if (!temporal) return undefined
  const { rows } = await sql<{ first: string | null; last: string | null }>`
    select min(${column(temporal.column)})::text as first, max(${column(temporal.column)})::text as last
    from ${table(layer)}`.execute(db)
  const row = rows[0]
  return row?.first && row.last ? [row.first, row.last] : undefined
}
