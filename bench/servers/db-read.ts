import Fastify from 'fastify'
import pg from 'pg'
import type { StartOptions } from '../lib/server-process.ts'

// Fastify plus one indexed primary-key read: the floor for any route that touches PostgreSQL.
export async function start({ host, port }: StartOptions) {
  const pool = new pg.Pool({
    connectionString: process.env.BENCH_DATABASE_URL,
    max: Number(process.env.BENCH_PG_POOL_SIZE ?? 10),
  })
  const app = Fastify({ logger: false })
  app.addHook('onClose', async () => {
    await pool.end()
  })
  app.get<{ Params: { id: string } }>('/item/:id', async (request, reply) => {
    const id = Number(request.params.id)
    if (!Number.isInteger(id)) return reply.code(400).send({ error: 'id must be an integer' })
    const { rows } = await pool.query<{ id: number; payload: string }>(
      'SELECT id, payload FROM bench.bench_read WHERE id = $1',
      [id],
    )
    const row = rows[0]
    if (!row) return reply.code(404).send({ error: 'not found' })
    return { id: row.id, payload: row.payload }
  })
  await app.listen({ host, port })
  return app
}
