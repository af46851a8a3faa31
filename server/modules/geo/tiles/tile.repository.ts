import { CompiledQuery, type Kysely, sql } from 'kysely'
import type { DB } from '../../../core/db/schema.ts'
import type { LayerFeature } from '../layer.repository.ts'
import type { LayerDefinition } from '../layers.ts'
import type { TileCoord } from './tile-grid.ts'
import { mvtSql } from './tile-layer.ts'

const queries = new Map<string, string>()

/** One tile of a layer by PostGIS (ST_AsMVT); PostgreSQL only: PGlite's PostGIS lacks protobuf-c. */
export async function renderMvt(db: Kysely<DB>, layer: LayerDefinition, { z, x, y }: TileCoord) {
  let text = queries.get(layer.id)
  if (!text) {
    text = mvtSql(layer)
    queries.set(layer.id, text)
  }
  const result = await db.executeQuery<{ mvt: Uint8Array }>(CompiledQuery.raw(text, [z, x, y]))
  return result.rows[0]?.mvt ?? new Uint8Array(0)
}

/**
 * One label point per feature of a polygon layer, with the feature's id and properties: the centre
 * of the largest circle inside the polygon (its "pole of inaccessibility"), where a name reads best —
 * inside even for crescent-shaped wards, and on the main island of a multi-part one.
 */
export async function labelPoints(db: Kysely<DB>, layer: LayerDefinition): Promise<LayerFeature[]> {
  const properties = Object.entries(layer.properties).map(
    ([name, p]) => sql`${sql.ref(p.column)} as ${sql.id(name)}`,
  )
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.ref(layer.idColumn)}::text as "__id", ${sql.join(properties)},
      ST_AsGeoJSON((ST_MaximumInscribedCircle(geom)).center, 7)::json as "__geometry"
    from ${sql.table(layer.table)}
    where geom is not null
    order by ${sql.ref(layer.idColumn)}`.execute(db)
  return rows.map((row) => ({
    type: 'Feature',
    id: String(row.__id),
    geometry: row.__geometry as LayerFeature['geometry'],
    properties: Object.fromEntries(Object.keys(layer.properties).map((name) => [name, row[name] ?? null])),
  }))
}
