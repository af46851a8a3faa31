import fc from 'fast-check'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { workerDatabase } from '../../../tests/support/test-platform.ts'
import { WardLocator } from './ward-locator.ts'

type Point = [number, number]

/**
 * The in-process locator must agree with PostGIS on the same data: its answer is the ward that
 * ST_Contains the point (the lowest code if data overlaps), else the lowest-code ward that
 * ST_Covers it (a point on a border).
 */
async function postgis(
  points: readonly Point[],
): Promise<Array<{ covers: string | null; contains: string[] }>> {
  const { db } = await workerDatabase()
  const { rows } = await sql<{ i: number; covers: string | null; contains: string[] | null }>`
    select t.i::int as i,
      (select code from geo.wards w where ST_Covers(w.geom, t.p)
        order by ST_Contains(w.geom, t.p) desc, code limit 1) as covers,
      (select array_agg(code order by code) from geo.wards w where ST_Contains(w.geom, t.p)) as contains
    from (
      select i, ST_SetSRID(ST_MakePoint(lon, lat), 4326) as p
      from unnest(${points.map((p) => p[0])}::float8[], ${points.map((p) => p[1])}::float8[])
        with ordinality as u(lon, lat, i)
    ) t
    order by t.i`.execute(db)
  return rows.map((row) => ({ covers: row.covers, contains: row.contains ?? [] }))
}

async function expectAgreement(locator: WardLocator, points: readonly Point[]) {
  const truth = await postgis(points)
  points.forEach((point, i) => {
    const ours = locator.locate(point[0], point[1]) ?? null
    const expected = truth[i]
    expect({ point, ours }).toEqual({ point, ours: expected?.covers ?? null })
    if (expected && expected.contains.length > 0) expect(expected.contains).toContain(ours)
  })
}

let locator: WardLocator
let vertices: Point[]
let islandVertices: Point[]
beforeAll(async () => {
  const { db } = await workerDatabase()
  locator = await WardLocator.load(db)
  // Every vertex of the data lies on a ward boundary; most are shared by two wards.
  const { rows } = await sql<{ x: number; y: number; island: boolean }>`
    select ST_X(d.geom) as x, ST_Y(d.geom) as y, w.kind = 'dac_khu' as island
    from geo.wards w, ST_DumpPoints(w.geom) d`.execute(db)
  vertices = rows.filter((row) => !row.island).map((row) => [row.x, row.y])
  islandVertices = rows.filter((row) => row.island).map((row) => [row.x, row.y])
}, 120_000)

const cityBox = { minLon: 106.08, maxLon: 107.58, minLat: 8.57, maxLat: 11.51 }
const coordinate = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
const anyPoint = fc.tuple(
  coordinate(cityBox.minLon, cityBox.maxLon),
  coordinate(cityBox.minLat, cityBox.maxLat),
)
const urbanPoint = fc.tuple(coordinate(106.55, 106.85), coordinate(10.68, 10.9))

describe('in-process point → ward agrees with PostGIS', () => {
  it('loads every polygon part of the 168 wards (Côn Đảo has many islands)', () => {
    expect(locator.partCount).toBeGreaterThan(168)
  })

  it('on random points across the whole city and its sea', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyPoint, { minLength: 400, maxLength: 400 }), (points) =>
        expectAgreement(locator, points as Point[]),
      ),
      { numRuns: 3 },
    )
  })

  it('on random points in the dense urban core', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(urbanPoint, { minLength: 400, maxLength: 400 }), (points) =>
        expectAgreement(locator, points as Point[]),
      ),
      { numRuns: 3 },
    )
  })

  it('on shared borders: polygon vertices and points a hair either side of them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.nat(vertices.length - 1), fc.constantFrom(0, 1e-9, -1e-9, 1e-7, -1e-7), fc.boolean()),
          { minLength: 300, maxLength: 300 },
        ),
        (picks) => {
          const points = picks.map(([index, offset, alongLon]): Point => {
            const [x, y] = vertices[index] as Point
            return alongLon ? [x + offset, y] : [x, y + offset]
          })
          return expectAgreement(locator, points)
        },
      ),
      { numRuns: 3 },
    )
  })

  it('on the islands of Côn Đảo', async () => {
    expect(islandVertices.length).toBeGreaterThan(0)
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.nat(islandVertices.length - 1), fc.double({ min: -0.002, max: 0.002, noNaN: true })),
          {
            minLength: 200,
            maxLength: 200,
          },
        ),
        (picks) =>
          expectAgreement(
            locator,
            picks.map(([index, offset]): Point => {
              const [x, y] = islandVertices[index] as Point
              return [x + offset, y - offset]
            }),
          ),
      ),
      { numRuns: 2 },
    )
  })

  it('says nothing for points outside the city', () => {
    expect(locator.locate(105.85, 21.03)).toBeUndefined() // Hà Nội
    expect(locator.locate(107.2, 10.0)).toBeUndefined() // the East Sea
  })
})
