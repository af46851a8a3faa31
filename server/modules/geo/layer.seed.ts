import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { toNfc } from '@dc/contracts'
import { sql, type Transaction } from 'kysely'
import type { DB } from '../../core/db/schema.ts'
import { DATA_DIR } from '../../core/paths.ts'
import type { SeedDefinition } from '../../core/seed.ts'
import { markLayerChanged } from './layer.repository.ts'
import { findLayer } from './layers.ts'

export const CAMERAS_FILE = join(DATA_DIR, 'hcmc-traffic-cameras-2017.geojson')
export const FLOOD_POINTS_FILE = join(DATA_DIR, 'hcmc-flood-points-2026-10.geojson')

interface Point {
  type: 'Point'
  coordinates: [number, number]
}

/** A point as PostGIS geometry (SRID 4326), or null. */
export const pointSql = (point: Point | null) =>
  point ? sql`ST_SetSRID(ST_MakePoint(${point.coordinates[0]}, ${point.coordinates[1]}), 4326)` : sql`null`

/** The ward covering a point (the lowest code on a shared border), by PostGIS. */
export const wardOfSql = (point: Point | null) =>
  point
    ? sql<string>`(select code from geo.wards w where ST_Covers(w.geom, ${pointSql(point)}) order by code limit 1)`
    : sql<null>`null`

const nullable = (value: unknown) => (value === undefined || value === null || value === '' ? null : value)
const nfcOrNull = (value: unknown) => (typeof value === 'string' && value !== '' ? toNfc(value) : null)

export const cameraSeed: SeedDefinition = {
  name: 'geo.hcmc-traffic-cameras-2017',
  files: [CAMERAS_FILE],
  async load(trx: Transaction<DB>) {
    const data = JSON.parse(readFileSync(CAMERAS_FILE, 'utf8')) as {
      features: Array<{ id: string; properties: Record<string, unknown>; geometry: Point }>
    }
    for (const { id, properties: p, geometry } of data.features) {
      await trx
        .insertInto('geo.traffic_cameras')
        .values({
          id: String(id),
          code: toNfc(String(p.code)),
          cam_id: nullable(p.camId) as string | null,
          display_name: toNfc(String(p.displayName)),
          cam_type: nullable(p.camType) as string | null,
          old_district: nfcOrNull(p.district),
          management_unit: nfcOrNull(p.managementUnit),
          angle: nullable(p.angle) as number | null,
          ward_code: wardOfSql(geometry),
          geom: pointSql(geometry),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    }
    await markLayerChanged(trx, findLayer('traffic-cameras') as NonNullable<ReturnType<typeof findLayer>>)
    return data.features.length
  },
}

export const floodPointSeed: SeedDefinition = {
  name: 'geo.hcmc-flood-points-2026-10',
  files: [FLOOD_POINTS_FILE],
  async load(trx: Transaction<DB>) {
    const data = JSON.parse(readFileSync(FLOOD_POINTS_FILE, 'utf8')) as {
      features: Array<{ id: number; properties: Record<string, unknown>; geometry: Point | null }>
    }
    for (const { properties: p, geometry } of data.features) {
      await trx
        .insertInto('geo.flood_points')
        .values({
          id: String(p.no),
          no: Number(p.no),
          cause: p.cause as 'rain' | 'tide',
          place: toNfc(String(p.place)),
          located_by: nfcOrNull(p.locatedBy),
          road_class: nullable(p.roadClass) as string | null,
          reported_date: nullable(p.reportedDate) as string | null,
          source: nfcOrNull(p.source),
          ward_code: wardOfSql(geometry),
          geom: pointSql(geometry),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    }
    await markLayerChanged(trx, findLayer('flood-points') as NonNullable<ReturnType<typeof findLayer>>)
    return data.features.length
  },
}
