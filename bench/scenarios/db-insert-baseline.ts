import { measureHttp } from '../lib/http.ts'
import {
  connectOrSkip,
  databaseUrl,
  dropBenchSchemaIfEmpty,
  ensureBenchSchema,
  serverVersion,
} from '../lib/pg.ts'
import { withServer } from '../lib/server-process.ts'
import { asBaseline, type Scenario } from '../lib/types.ts'

const poolSize = 10

export const dbInsertBaseline: Scenario = {
  name: 'db-insert-baseline',
  description: `Fastify POST route with one single-row INSERT … RETURNING through pg.Pool(${poolSize}) (JSON body, uuid key, committed)`,
  async run(ctx) {
    const client = await connectOrSkip()
    try {
      const version = await serverVersion(client)
      await ensureBenchSchema(client)
      await client.query('DROP TABLE IF EXISTS bench.bench_insert')
      // A uuid key and a timestamp default like most write tables of the platform.
      await client.query(
        `CREATE TABLE bench.bench_insert (
           id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
           description text NOT NULL,
           lon double precision NOT NULL,
           lat double precision NOT NULL,
           created_at timestamptz NOT NULL DEFAULT now())`,
      )
      const baseline = await ctx.scenario('http-baseline')
      const server = {
        module: new URL('../servers/db-insert.ts', import.meta.url),
        env: { BENCH_DATABASE_URL: databaseUrl(), BENCH_PG_POOL_SIZE: String(poolSize) },
      }
      let n = 0
      const figure = await withServer(server, (running) =>
        measureHttp(ctx.config, {
          url: running.url,
          method: 'POST',
          nextRequest: () => ({
            path: '/items',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              description: `Ổ gà giữa làn xe máy, số ${++n}`,
              lon: 106.6 + Math.random() * 0.2,
              lat: 10.7 + Math.random() * 0.1,
            }),
          }),
          expectBody: (body) => typeof (body as { id?: unknown }).id === 'string',
        }),
      )
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM bench.bench_insert')
      return {
        ...figure,
        details: { ...figure.details, poolSize, rowsWritten: Number(rows[0]?.count), postgres: version },
        baseline: asBaseline('http-baseline', baseline),
      }
    } finally {
      await client.query('DROP TABLE IF EXISTS bench.bench_insert').catch(() => {})
      await dropBenchSchemaIfEmpty(client).catch(() => {})
      await client.end()
    }
  },
}
