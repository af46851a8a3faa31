import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testEngine, workerDatabase } from '../../../../tests/support/test-platform.ts'
import { allMappedFeatures, type LayerFeature } from '../layer.repository.ts'
import { findLayer, LAYERS, type LayerDefinition } from '../layers.ts'
import { areaAndCentroid, type DecodedFeature, decodeTile } from './test-helpers.ts'
import { TileService } from './tile.service.ts'
import { type TileCoord, tileAt, tilesCovering } from './tile-grid.ts'
import { TILE_BUFFER, TILE_EXTENT } from './tile-layer.ts'

/**
 * What the tiles contain, checked against the data on whichever engine runs (in-process tiles on
 * the embedded engine, ST_AsMVT on PostgreSQL); and, on PostgreSQL, the two tilers against each
 * other on the same database: the same features with the same attributes, geometry within a pixel
 * or two (the tilers simplify and clip slightly differently).
 */

/** Tiles around the city centre at the zooms the map uses, plus a few at the edges of the city. */
function sampleTiles(): TileCoord[] {
  const tiles: TileCoord[] = []
  for (const z of [9, 11, 13, 15]) {
    const around = tilesCovering([106.62, 10.72, 106.78, 10.84], z)
    tiles.push(...around.filter((_, i) => i % Math.max(1, Math.floor(around.length / 12)) === 0))
  }
  tiles.push(tileAt(106.97, 10.41, 12), tileAt(106.6, 8.68, 12), tileAt(106.698, 10.7725, 16))
  return tiles
}

/** Where a lon/lat point lands in a tile's coordinates (Web Mercator, extent 4096). */
function toTilePixel(lon: number, lat: number, { z, x, y }: TileCoord) {
  const scale = 2 ** z * TILE_EXTENT
  const sin = Math.sin((lat * Math.PI) / 180)
  return {
    x: ((lon + 180) / 360) * scale - x * TILE_EXTENT,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale - y * TILE_EXTENT,
  }
}

/** The attributes a tile should carry for a feature: its id, and its non-null properties. */
function expectedAttributes(feature: LayerFeature): Record<string, unknown> {
  const attributes: Record<string, unknown> = { id: feature.id }
  for (const [name, value] of Object.entries(feature.properties)) if (value !== null) attributes[name] = value
  return attributes
}

describe(`tiles match the data (${testEngine()} engine)`, () => {
  it('points: every feature inside a tile (with its buffer) and no other, at its place, with its attributes', async () => {
    const database = await workerDatabase()
    const service = new TileService(database, { cacheBytes: 0 })
    for (const layer of LAYERS.filter((l) => l.geometryType === 'Point')) {
      const features = await allMappedFeatures(database.db, layer)
      for (const tile of sampleTiles().filter((t) => t.z >= layer.minZoom && t.z <= layer.maxZoom)) {
        const decoded = decodeTile((await service.tile(layer.id, tile)).body)
        for (const feature of features) {
          const [lon, lat] = (feature.geometry?.coordinates ?? []) as number[]
          const p = toTilePixel(lon as number, lat as number, tile)
          const inside = [p.x, p.y].every((v) => v > -TILE_BUFFER + 1 && v < TILE_EXTENT + TILE_BUFFER - 1)
          const outside = [p.x, p.y].some((v) => v < -TILE_BUFFER - 1 || v > TILE_EXTENT + TILE_BUFFER + 1)
          const found = decoded.get(`${layer.id}:${feature.id}`)
          const where = `${layer.id} ${feature.id} in ${tile.z}/${tile.x}/${tile.y}`
          if (outside) expect(found, where).toBeUndefined()
          if (!inside) continue
          expect(found, where).toBeDefined()
          expect(found?.properties, where).toEqual(expectedAttributes(feature))
          expect(Math.abs((found?.rings[0]?.[0]?.x ?? Number.NaN) - p.x), where).toBeLessThanOrEqual(1)
          expect(Math.abs((found?.rings[0]?.[0]?.y ?? Number.NaN) - p.y), where).toBeLessThanOrEqual(1)
        }
      }
    }
  })

  it('wards: each ward covering a tile is in it with its attributes; no ward away from it is', async () => {
    const database = await workerDatabase()
    const service = new TileService(database, { cacheBytes: 0 })
    const wards = findLayer('wards') as LayerDefinition
    const byId = new Map((await allMappedFeatures(database.db, wards)).map((f) => [f.id, f]))
    for (const tile of sampleTiles()) {
      // Wards with at least 4 px² inside the tile (shrunk by 2 px), and wards touching the tile plus
      // its buffer (grown by 2 px): a ward in the first set must be there, one not in the second must not.
      const { rows } = await sql<{ code: string; core: boolean; near: boolean }>`
        with t as (select ST_TileEnvelope(${tile.z}, ${tile.x}, ${tile.y}) as env,
                          (ST_XMax(ST_TileEnvelope(${tile.z}, ${tile.x}, ${tile.y})) -
                           ST_XMin(ST_TileEnvelope(${tile.z}, ${tile.x}, ${tile.y}))) / ${TILE_EXTENT} as px)
        select code,
          ST_Area(ST_Intersection(ST_Transform(geom, 3857), ST_Expand(t.env, -2 * t.px))) >= 4 * t.px * t.px as core,
          ST_Intersects(geom, ST_Transform(ST_Expand(t.env, (${TILE_BUFFER} + 2) * t.px), 4326)) as near
        from geo.wards, t
        where geom && ST_Transform(ST_Expand(t.env, (${TILE_BUFFER} + 2) * t.px), 4326)`.execute(database.db)
      const decoded = decodeTile((await service.tile('wards', tile)).body)
      const inTile = new Set([...decoded.values()].filter((f) => f.layer === 'wards').map((f) => f.id))
      const where = `wards in ${tile.z}/${tile.x}/${tile.y}`
      for (const row of rows.filter((r) => r.core)) expect(inTile, where).toContain(row.code)
      const near = new Set(rows.filter((r) => r.near).map((r) => r.code))
      for (const id of inTile) expect(near, `${where}: ${id}`).toContain(id)
      for (const id of inTile) {
        const ward = byId.get(id) as LayerFeature
        expect(decoded.get(`wards:${id}`)?.properties, `${where}: ${id}`).toEqual(expectedAttributes(ward))
      }
      for (const label of [...decoded.values()].filter((f) => f.layer === 'wards-labels')) {
        expect(label.type).toBe(1)
        expect(label.properties).toEqual(expectedAttributes(byId.get(label.id) as LayerFeature))
      }
    }
  })
})

describe.runIf(testEngine() === 'postgresql')(
  'ST_AsMVT and the in-process tiler agree (same database)',
  () => {
    it('gives the same features, ids and attributes, and the same geometry within a pixel or two', async () => {
      const database = await workerDatabase()
      const postgis = new TileService(database, { mode: 'postgis', cacheBytes: 0 })
      const inProcess = new TileService(database, { mode: 'in-process', cacheBytes: 0 })
      let compared = 0
      for (const layer of LAYERS) {
        for (const tile of sampleTiles().filter((t) => t.z >= layer.minZoom && t.z <= layer.maxZoom)) {
          const a = decodeTile((await postgis.tile(layer.id, tile)).body)
          const b = decodeTile((await inProcess.tile(layer.id, tile)).body)
          const where = `${layer.id} ${tile.z}/${tile.x}/${tile.y}`
          expect([...b.keys()].sort(), where).toEqual([...a.keys()].sort())
          for (const [key, fa] of a) {
            const fb = b.get(key) as DecodedFeature
            expect({ type: fb.type, mvtId: fb.mvtId, properties: fb.properties }, `${where} ${key}`).toEqual({
              type: fa.type,
              mvtId: fa.mvtId,
              properties: fa.properties,
            })
            expectSameGeometry(fa, fb, `${where} ${key}`)
            compared++
          }
        }
      }
      expect(compared).toBeGreaterThan(500)
    })
  },
)

/**
 * Points within one unit. Polygons: area within 6% (or 64 units² for slivers) and area-weighted
 * centroid within 16 units (0.4% of the tile) — robust to the zero-area spikes geojson-vt leaves
 * along the buffer edge and to the slightly different simplification.
 */
function expectSameGeometry(a: DecodedFeature, b: DecodedFeature, where: string) {
  if (a.type === 1) {
    const pa = a.rings.flat()
    const pb = b.rings.flat()
    expect(pb.length, where).toBe(pa.length)
    pa.forEach((p, i) => {
      expect(Math.abs(p.x - (pb[i]?.x ?? Number.NaN)), where).toBeLessThanOrEqual(1)
      expect(Math.abs(p.y - (pb[i]?.y ?? Number.NaN)), where).toBeLessThanOrEqual(1)
    })
    return
  }
  const ga = areaAndCentroid(a.rings)
  const gb = areaAndCentroid(b.rings)
  expect(Math.abs(ga.area - gb.area), where).toBeLessThanOrEqual(Math.max(64, 0.06 * ga.area))
  if (ga.area > 256) expect(Math.hypot(ga.x - gb.x, ga.y - gb.y), where).toBeLessThanOrEqual(16)
}
