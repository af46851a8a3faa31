import Flatbush from 'flatbush'
import { type Kysely, sql } from 'kysely'
import pointInPolygon from 'point-in-polygon-hao'
import type { DB } from '../../core/db/schema.ts'

type Ring = number[][]
type Polygon = Ring[]

export interface WardPolygons {
  code: string
  /** GeoJSON MultiPolygon coordinates: polygons → rings (outer first) → [lon, lat]. */
  coordinates: Polygon[]
}

/**
 * Point → ward in process: a flatbush index over every polygon part's bounding box, then an exact
 * point-in-polygon test (robust predicates, so a point on an edge is "on the boundary" exactly as
 * GEOS decides it). The rule, the same as PostGIS
 * `select code from geo.wards where ST_Covers(geom, p) order by ST_Contains(geom, p) desc, code limit 1`:
 * a point belongs to the ward whose interior contains it (ST_Contains); a point on a border and in
 * no interior belongs to the border's ward with the lowest code, so every point of the city has
 * exactly one ward. (Real borders are not perfectly noded: a vertex of one ward can lie a hair
 * inside its neighbour, which then contains it.)
 */
export class WardLocator {
  readonly #index: Flatbush
  readonly #parts: Array<{ code: string; rings: Polygon }>

  private constructor(parts: Array<{ code: string; rings: Polygon }>) {
    this.#parts = parts
    this.#index = new Flatbush(Math.max(parts.length, 1))
    for (const part of parts) {
      const [minX, minY, maxX, maxY] = ringBounds(part.rings[0] ?? [])
      this.#index.add(minX, minY, maxX, maxY)
    }
    if (parts.length === 0) this.#index.add(0, 0, 0, 0)
    this.#index.finish()
  }

  static fromWards(wards: readonly WardPolygons[]): WardLocator {
    return new WardLocator(
      wards.flatMap((ward) => ward.coordinates.map((rings) => ({ code: ward.code, rings }))),
    )
  }

  /** Loads the wards' polygons from the database: the index answers on exactly the data PostGIS has. */
  static async load(db: Kysely<DB>): Promise<WardLocator> {
    const { rows } = await sql<{ code: string; geometry: { coordinates: Polygon[] } }>`
      select code, ST_AsGeoJSON(geom)::json as geometry from geo.wards order by code`.execute(db)
    return WardLocator.fromWards(
      rows.map((row) => ({ code: row.code, coordinates: row.geometry.coordinates })),
    )
  }

  get partCount(): number {
    return this.#parts.length
  }

  /** The ward code at (lon, lat), or undefined outside every ward. */
  locate(lon: number, lat: number): string | undefined {
    const point = [lon, lat]
    let inside: string | undefined
    let onBorderOf: string | undefined
    for (const i of this.#index.search(lon, lat, lon, lat)) {
      const part = this.#parts[i]
      if (!part) continue
      const where = coverage(part.rings, point)
      if (where === 'inside' && (inside === undefined || part.code < inside)) inside = part.code
      if (where === 'boundary' && (onBorderOf === undefined || part.code < onBorderOf)) onBorderOf = part.code
    }
    return inside ?? onBorderOf
  }
}

/** Where a point is relative to one polygon (outer ring and holes), decided with robust predicates. */
export function coverage(rings: Polygon, point: number[]): 'inside' | 'boundary' | 'outside' {
  const where = pointInPolygon(point, rings)
  return where === 0 ? 'boundary' : where ? 'inside' : 'outside'
}

function ringBounds(ring: Ring): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (const [x = 0, y = 0] of ring) {
    if (x < minX) minX = x
    if (y < minY) minY = y
    if (x > maxX) maxX = x
    if (y > maxY) maxY = y
  }
  return [minX, minY, maxX, maxY]
}
