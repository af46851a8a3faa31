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
  readonly #grid: CellGrid | undefined

  private constructor(parts: Array<{ code: string; rings: Polygon }>) {
    this.#parts = parts
    this.#index = new Flatbush(Math.max(parts.length, 1))
    for (const part of parts) {
      const [minX, minY, maxX, maxY] = ringBounds(part.rings[0] ?? [])
      this.#index.add(minX, minY, maxX, maxY)
    }
    if (parts.length === 0) this.#index.add(0, 0, 0, 0)
    this.#index.finish()
    this.#grid = parts.length > 0 ? CellGrid.build(parts, (lon, lat) => this.#exact(lon, lat)) : undefined
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
    const known = this.#grid?.lookup(lon, lat)
    return known === undefined ? this.#exact(lon, lat) : (known ?? undefined)
  }

  /** The exact answer: candidate parts from the index, then robust point-in-polygon tests. */
  #exact(lon: number, lat: number): string | undefined {
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

/** Cell states besides a ward's index: a border runs through the cell, or no ward covers it. */
const MIXED = -1
const OUTSIDE = -2
const UNKNOWN = -3
/** About 220 m at the city's latitude: most lookups in the urban core land in a cell of one ward. */
const CELL_DEGREES = 0.002

/**
 * A shortcut in front of the exact test: the city's extent cut into cells; a cell that no ring
 * edge touches lies wholly in one ward (or wholly outside), so its answer is stored. A cell an
 * edge's bounding box touches is MIXED and asks the exact test. Cells map points with one monotone
 * formula for edges and queries alike, so no point of an edge can fall in an unmarked cell; pure
 * cells are grouped by flood fill and one exact test answers for a whole group.
 */
class CellGrid {
  private constructor(
    readonly x0: number,
    readonly y0: number,
    readonly columns: number,
    readonly rows: number,
    readonly cells: Int16Array,
    readonly codes: string[],
  ) {}

  static build(
    parts: ReadonlyArray<{ rings: Polygon }>,
    exact: (lon: number, lat: number) => string | undefined,
  ): CellGrid {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
    for (const part of parts) {
      const [minX, minY, maxX, maxY] = ringBounds(part.rings[0] ?? [])
      x0 = Math.min(x0, minX)
      y0 = Math.min(y0, minY)
      x1 = Math.max(x1, maxX)
      y1 = Math.max(y1, maxY)
    }
    const columns = Math.floor((x1 - x0) / CELL_DEGREES) + 1
    const rows = Math.floor((y1 - y0) / CELL_DEGREES) + 1
    const cells = new Int16Array(columns * rows).fill(UNKNOWN)
    const column = (x: number) => Math.floor((x - x0) / CELL_DEGREES)
    const row = (y: number) => Math.floor((y - y0) / CELL_DEGREES)
    for (const part of parts) {
      for (const ring of part.rings) {
        for (let i = 1; i < ring.length; i++) {
          const [ax = 0, ay = 0] = ring[i - 1] as number[]
          const [bx = 0, by = 0] = ring[i] as number[]
          const [c0, c1] = [column(Math.min(ax, bx)), column(Math.max(ax, bx))]
          const [r0, r1] = [row(Math.min(ay, by)), row(Math.max(ay, by))]
          for (let r = r0; r <= r1; r++) cells.fill(MIXED, r * columns + c0, r * columns + c1 + 1)
        }
      }
    }
    const codes: string[] = []
    const indexOf = new Map<string, number>()
    const stack: number[] = []
    for (let start = 0; start < cells.length; start++) {
      if (cells[start] !== UNKNOWN) continue
      const cx = x0 + ((start % columns) + 0.5) * CELL_DEGREES
      const cy = y0 + (Math.floor(start / columns) + 0.5) * CELL_DEGREES
      const code = exact(cx, cy)
      let state = OUTSIDE
      if (code !== undefined) {
        state = indexOf.get(code) ?? codes.push(code) - 1
        indexOf.set(code, state)
      }
      cells[start] = state
      stack.push(start)
      while (stack.length > 0) {
        const cell = stack.pop() as number
        const c = cell % columns
        for (const next of [
          cell - columns,
          cell + columns,
          c > 0 ? cell - 1 : -1,
          c < columns - 1 ? cell + 1 : -1,
        ]) {
          if (next >= 0 && next < cells.length && cells[next] === UNKNOWN) {
            cells[next] = state
            stack.push(next)
          }
        }
      }
    }
    return new CellGrid(x0, y0, columns, rows, cells, codes)
  }

  /** The ward code, null when the point is certainly outside, undefined when the exact test must say. */
  lookup(lon: number, lat: number): string | null | undefined {
    const c = Math.floor((lon - this.x0) / CELL_DEGREES)
    const r = Math.floor((lat - this.y0) / CELL_DEGREES)
    if (!(c >= 0 && c < this.columns && r >= 0 && r < this.rows)) return null
    const state = this.cells[r * this.columns + c] as number
    if (state >= 0) return this.codes[state]
    return state === OUTSIDE ? null : undefined
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
