import { type TileCoord, tilesCovering } from '../../server/modules/geo/tiles/tile-grid.ts'
import { BenchFailure } from '../lib/errors.ts'
import { measureHttp } from '../lib/http.ts'
import { redactedUrl } from '../lib/pg.ts'
import { benchDatabase } from '../lib/platform-database.ts'
import { withServer } from '../lib/server-process.ts'
import { asBaseline, type Scenario } from '../lib/types.ts'

/**
 * Vector tiles of the wards layer (the heaviest: 168 detailed polygons) on PostgreSQL:
 * - tiles-st-asmvt-bare: Fastify + pg running the platform's ST_AsMVT query, nothing else;
 * - tiles: the platform (role api) with its tile cache off, same tiles: goal ≥ 90% of bare;
 * - tiles-cached: the platform with its cache warm, against the bare HTTP floor: goal ≥ 50%.
 * All on one database, dc_bench on the bench's PostgreSQL server (lib/platform-database.ts), read only.
 */
const LAYER = 'wards'
/** The urban core, where wards are small and tiles dense. */
const CORE: [number, number, number, number] = [106.55, 10.65, 106.85, 10.95]
const POOL_SIZE = 10

/**
 * ~4,000 distinct tiles (z14–z16), so 50 concurrent requests rarely ask for the same one; drawn per
 * request (not from a prebuilt pool, which every connection would walk in the same order).
 */
const uncachedTiles = [14, 15, 16].flatMap((z) => tilesCovering(CORE, z))
/** ~200 z14 tiles: all fit in the cache, requested once each before measuring. */
const cachedTiles = tilesCovering(CORE, 14)

const pathOf = ({ z, x, y }: TileCoord) => `/tiles/${LAYER}/${z}/${x}/${y}.mvt`
const randomPath = (tiles: TileCoord[]) => () =>
  pathOf(tiles[Math.floor(Math.random() * tiles.length)] as TileCoord)

const platformServer = (url: string, env: Record<string, string> = {}) => ({
  module: new URL('../servers/platform.ts', import.meta.url),
  env: { BENCH_DATABASE_URL: url, DATABASE_POOL_MAX: String(POOL_SIZE), ...env },
  readyTimeoutMs: 120_000,
})

export const tilesBare: Scenario = {
  name: 'tiles-st-asmvt-bare',
  description: `Bare Fastify + pg.Pool(${POOL_SIZE}) running the platform's ST_AsMVT query for random ${LAYER} tiles (z14–z16, urban core)`,
  async run(ctx) {
    const { url, postgres } = await benchDatabase(ctx.log)
    const server = {
      module: new URL('../servers/tiles-bare.ts', import.meta.url),
      env: { BENCH_DATABASE_URL: url, BENCH_PG_POOL_SIZE: String(POOL_SIZE) },
    }
    const figure = await withServer(server, (running) =>
      measureHttp(ctx.config, { url: running.url, nextPath: randomPath(uncachedTiles) }),
    )
    const details = { ...figure.details, tiles: uncachedTiles.length, postgres }
    return { ...figure, details, baseline: { name: 'tiles-st-asmvt-bare', ...figure, details } }
  },
}

export const tilesUncached: Scenario = {
  name: 'tiles',
  description: `Platform GET /tiles/${LAYER}/{z}/{x}/{y}.mvt with the tile cache off (TILE_CACHE_MB=0): ST_AsMVT + label points + ETag`,
  goal: { ratio: 0.9, against: 'tiles-st-asmvt-bare' },
  async run(ctx) {
    const { url } = await benchDatabase(ctx.log)
    const baseline = await ctx.scenario('tiles-st-asmvt-bare')
    const figure = await withServer(platformServer(url, { TILE_CACHE_MB: '0' }), (running) =>
      measureHttp(ctx.config, { url: running.url, nextPath: randomPath(uncachedTiles) }),
    )
    return {
      ...figure,
      details: { ...figure.details, tiles: uncachedTiles.length, database: redactedUrl(url) },
      baseline: asBaseline('tiles-st-asmvt-bare', baseline),
    }
  },
}

export const tilesCached: Scenario = {
  name: 'tiles-cached',
  description: `Platform GET /tiles/${LAYER}/… over ${cachedTiles.length} z14 tiles already in its LRU cache (a version check per burst, no rendering)`,
  goal: { ratio: 0.5, against: 'http-baseline' },
  async run(ctx) {
    const { url } = await benchDatabase(ctx.log)
    const baseline = await ctx.scenario('http-baseline')
    const figure = await withServer(platformServer(url), async (running) => {
      let bytes = 0
      for (const tile of cachedTiles) {
        const res = await fetch(new URL(pathOf(tile), running.url))
        if (res.status !== 200 && res.status !== 204)
          throw new BenchFailure(`warming ${pathOf(tile)}: ${res.status}`)
        bytes += (await res.arrayBuffer()).byteLength
      }
      ctx.log(
        `cache warm: ${cachedTiles.length} tiles, ${(bytes / cachedTiles.length / 1024).toFixed(1)} KiB each on average`,
      )
      // Prebuilt paths: building one per request would load the client more than this server.
      const measured = await measureHttp(ctx.config, {
        url: running.url,
        nextPath: randomPath(cachedTiles),
        pathPool: 1000,
      })
      return {
        ...measured,
        details: { ...measured.details, averageTileBytes: Math.round(bytes / cachedTiles.length) },
      }
    })
    return {
      ...figure,
      details: { ...figure.details, tiles: cachedTiles.length, database: redactedUrl(url) },
      baseline: asBaseline('http-baseline', baseline),
    }
  },
}

/** In run order: the bare baseline first, so `tiles` reuses its measurement. */
export const tileScenarios: Scenario[] = [tilesBare, tilesUncached, tilesCached]
