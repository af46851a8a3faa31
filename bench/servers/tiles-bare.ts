import Fastify from 'fastify'
import pg from 'pg'
import { findLayer, type LayerDefinition } from '../../server/modules/geo/layers.ts'
import { mvtSql } from '../../server/modules/geo/tiles/tile-layer.ts'
import type { StartOptions } from '../lib/server-process.ts'

// The floor for uncached vector tiles: Fastify plus the platform's very ST_AsMVT query (same SQL
// text, same pool size) and nothing else — no versions, ETags, cache, labels or problem mapping.
export async function start({ host, port }: StartOptions) {
  const pool = new pg.Pool({
    connectionString: process.env.BENCH_DATABASE_URL,
    max: Number(process.env.BENCH_PG_POOL_SIZE ?? 10),
  })
  const text = mvtSql(findLayer('wards') as LayerDefinition)
  const app = Fastify({ logger: false })
  app.addHook('onClose', async () => {
    await pool.end()
  })
  app.get<{ Params: { z: string; x: string; y: string } }>(
    '/tiles/wards/:z/:x/:y.mvt',
    async (request, reply) => {
      const { rows } = await pool.query<{ mvt: Buffer }>(text, [
        Number(request.params.z),
        Number(request.params.x),
        Number(request.params.y),
      ])
      const mvt = rows[0]?.mvt
      if (!mvt || mvt.byteLength === 0) return reply.code(204).send()
      return reply.type('application/vnd.mapbox-vector-tile').send(mvt)
    },
  )
  await app.listen({ host, port })
  return app
}
