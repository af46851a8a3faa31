import Fastify from 'fastify'
import pg from 'pg'
import type { StartOptions } from '../lib/server-process.ts'

interface NewItem {
  description: string
  lon: number
  lat: number
}

// Fastify plus one single-row INSERT … RETURNING: the floor for any route that writes a row.
export async function start({ host, port }: StartOptions) {
  const pool = new pg.Pool({
    connectionString: process.env.BENCH_DATABASE_URL,
    max: Number(process.env.BENCH_PG_POOL_SIZE ?? 10),
  })
  const app = Fastify({ logger: false })
  app.addHook('onClose', async () => {
    await pool.end()
  })
  app.post<{ Body: NewItem }>('/items', async (request, reply) => {
    const { description, lon, lat } = request.body
    const { rows } = await pool.query<{ id: string; created_at: Date }>(
      'INSERT INTO bench.bench_insert (description, lon, lat) VALUES ($1, $2, $3) RETURNING id, created_at',
      [description, lon, lat],
    )
    return reply.code(201).send(rows[0])
  })
  await app.listen({ host, port })
  return app
}
