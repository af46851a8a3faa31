import { measureHttp } from '../lib/http.ts'
import { platformDatabaseUrl, redactedUrl } from '../lib/pg.ts'
import { withServer } from '../lib/server-process.ts'
import { asBaseline, type Scenario } from '../lib/types.ts'

/** Where the 282 cameras are: the city's urban core and suburbs (CRS84). */
const AREA = { minLon: 106.48, minLat: 10.65, maxLon: 106.87, maxLat: 10.97 }
const LIMIT = 100

/**
 * A map client's request: a viewport of 1–5 km anywhere over the city, so the query plan, the GiST
 * index and the page size vary from empty boxes to dense central ones (no single hot answer).
 */
function randomBboxPath(): string {
  const width = 0.01 + Math.random() * 0.04
  const height = 0.01 + Math.random() * 0.04
  const minLon = AREA.minLon + Math.random() * (AREA.maxLon - AREA.minLon - width)
  const minLat = AREA.minLat + Math.random() * (AREA.maxLat - AREA.minLat - height)
  const box = [minLon, minLat, minLon + width, minLat + height].map((n) => n.toFixed(5)).join(',')
  return `/ogc/collections/traffic-cameras/items?bbox=${box}&limit=${LIMIT}`
}

export const ogcItemsBbox: Scenario = {
  name: 'ogc-items-bbox',
  description: `OGC API Features items of traffic-cameras in a random 1–5 km bbox over the city (limit ${LIMIT}) on the platform server (role api)`,
  async run(ctx) {
    const baseline = await ctx.scenario('http-baseline')
    const url = platformDatabaseUrl()
    const server = {
      module: new URL('../servers/platform.ts', import.meta.url),
      // A cold machine builds the embedded template first (PostGIS start plus the city seed).
      readyTimeoutMs: 300_000,
    }
    const figure = await withServer(server, (running) =>
      measureHttp(ctx.config, {
        url: running.url,
        nextPath: randomBboxPath,
        expectBody: (body) => {
          const doc = body as { type?: unknown; numberMatched?: unknown }
          return doc.type === 'FeatureCollection' && typeof doc.numberMatched === 'number'
        },
      }),
    )
    return {
      ...figure,
      details: { ...figure.details, engine: url ? `postgresql ${redactedUrl(url)}` : 'embedded (PGlite)' },
      baseline: asBaseline('http-baseline', baseline),
    }
  },
}
