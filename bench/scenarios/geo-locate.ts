import { readFileSync } from 'node:fs'
import Flatbush from 'flatbush'
import pointInPolygon from 'point-in-polygon-hao'
import { WARDS_FILE } from '../../server/modules/geo/ward.seed.ts'
import { WardLocator, type WardPolygons } from '../../server/modules/geo/ward-locator.ts'
import type { BenchConfig } from '../lib/config.ts'
import { measureHttp } from '../lib/http.ts'
import { connectOrSkip, redactedUrl } from '../lib/pg.ts'
import { withServer } from '../lib/server-process.ts'
import { asBaseline, type Figure, type Scenario } from '../lib/types.ts'

/** The city's land area, where residents drop pins: most points fall in a ward, some in the sea. */
const AREA = { minLon: 106.36, minLat: 10.37, maxLon: 107.2, maxLat: 11.16 }
const randomPoint = (): [number, number] => [
  AREA.minLon + Math.random() * (AREA.maxLon - AREA.minLon),
  AREA.minLat + Math.random() * (AREA.maxLat - AREA.minLat),
]

function loadWards(): WardPolygons[] {
  const file = JSON.parse(readFileSync(WARDS_FILE, 'utf8')) as {
    features: Array<{ properties: { code: string }; geometry: { coordinates: number[][][][] } }>
  }
  return file.features.map((f) => ({ code: f.properties.code, coordinates: f.geometry.coordinates }))
}

/** Calls `fn` on a fixed set of points for `seconds`, returns calls per second. */
function rate(
  seconds: number,
  points: Array<[number, number]>,
  fn: (lon: number, lat: number) => unknown,
): number {
  let calls = 0
  let sink = 0
  const until = performance.now() + seconds * 1000
  const started = performance.now()
  while (performance.now() < until) {
    for (let i = 0; i < 1000; i++) {
      const [lon, lat] = points[(calls + i) % points.length] as [number, number]
      if (fn(lon, lat) !== undefined) sink++
    }
    calls += 1000
  }
  if (sink < 0) throw new Error('unreachable: keeps the results alive')
  return calls / ((performance.now() - started) / 1000)
}

/** The simplest correct loop on the same polygons: flatbush candidates, first part that covers. */
function bareLoop(wards: WardPolygons[]) {
  const parts = wards.flatMap((w) => w.coordinates.map((rings) => ({ code: w.code, rings })))
  const index = new Flatbush(parts.length)
  for (const { rings } of parts) {
    const xs = (rings[0] ?? []).map((c) => c[0] as number)
    const ys = (rings[0] ?? []).map((c) => c[1] as number)
    index.add(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys))
  }
  index.finish()
  return (lon: number, lat: number) => {
    for (const i of index.search(lon, lat, lon, lat)) {
      const part = parts[i]
      if (part && pointInPolygon([lon, lat], part.rings) !== false) return part.code
    }
    return undefined
  }
}

/** One `ST_Contains` query per point through pg (sequential: the per-request cost a server would pay). */
async function postgisPerPoint(config: BenchConfig, wards: WardPolygons[]): Promise<Figure> {
  const client = await connectOrSkip()
  try {
    await client.query('create extension if not exists postgis')
    await client.query(
      'create temporary table bench_wards (code text primary key, geom geometry(MultiPolygon, 4326))',
    )
    for (const ward of wards) {
      await client.query('insert into bench_wards values ($1, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))', [
        ward.code,
        JSON.stringify({ type: 'MultiPolygon', coordinates: ward.coordinates }),
      ])
    }
    await client.query('create index on bench_wards using gist (geom)')
    await client.query('analyze bench_wards')
    const query =
      'select code from bench_wards where ST_Contains(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))'
    const until = Date.now() + config.durationSec * 1000
    let calls = 0
    const started = Date.now()
    while (Date.now() < until) {
      const [lon, lat] = randomPoint()
      await client.query(query, [lon, lat])
      calls++
    }
    return {
      value: calls / ((Date.now() - started) / 1000),
      unit: 'lookups/s',
      details: { database: redactedUrl() },
    }
  } finally {
    await client.end()
  }
}

export const geoLocateInprocess: Scenario = {
  name: 'geo-locate-inprocess',
  description:
    'Point → ward with WardLocator (cell grid, then flatbush + exact point-in-polygon, border rule) vs a bare loop on the same polygons; PostGIS per point in details',
  goal: { ratio: 0.5, against: 'bare flatbush+pip loop' },
  async run(ctx) {
    const wards = loadWards()
    const points = Array.from({ length: 100_000 }, randomPoint)
    const locator = WardLocator.fromWards(wards)
    const bare = bareLoop(wards)
    // Warm both up (JIT), then measure each for the configured duration.
    rate(ctx.config.warmupSec, points, (lon, lat) => locator.locate(lon, lat))
    rate(ctx.config.warmupSec, points, bare)
    const ours = rate(ctx.config.durationSec, points, (lon, lat) => locator.locate(lon, lat))
    const baseline = rate(ctx.config.durationSec, points, bare)
    let postgis: Figure | { skipped: string }
    try {
      postgis = await postgisPerPoint(ctx.config, wards)
    } catch (error) {
      postgis = { skipped: (error as Error).message }
    }
    const postgisValue = 'value' in postgis ? postgis.value : undefined
    return {
      value: ours,
      unit: 'lookups/s',
      details: {
        postgisStContainsPerPoint: postgis,
        ...(postgisValue ? { ratioVsPostgis: ours / postgisValue } : {}),
      },
      baseline: { name: 'bare flatbush+pip loop', value: baseline, unit: 'lookups/s' },
    }
  },
}

export const geoLocateHttp: Scenario = {
  name: 'geo-locate-http',
  description: 'GET /api/v1/geo/locate at random points over the city on the platform server (role api)',
  goal: { ratio: 0.6, against: 'http-baseline' },
  async run(ctx) {
    const baseline = await ctx.scenario('http-baseline')
    const figure = await withServer(
      { module: new URL('../servers/platform.ts', import.meta.url), readyTimeoutMs: 300_000 },
      (running) =>
        measureHttp(ctx.config, {
          url: running.url,
          nextPath: () => {
            // Only points inside the city: an outside point is a 404 problem, which the harness
            // (rightly) counts as a failure.
            const [lon, lat] = [106.6 + Math.random() * 0.15, 10.72 + Math.random() * 0.1]
            return `/api/v1/geo/locate?lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}`
          },
          pathPool: 1000,
          expectBody: (body) => typeof (body as { ward?: { code?: unknown } }).ward?.code === 'string',
        }),
    )
    return { ...figure, baseline: asBaseline('http-baseline', baseline) }
  },
}
