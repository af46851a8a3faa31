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

const rows = 100_000
const poolSize = 10

export const dbReadBaseline: Scenario = {
  name: 'db-read-baseline',
  description: `Fastify route with one primary-key read through pg.Pool(${poolSize}) from ${rows} rows, random ids`,
  async run(ctx) {
    // Connect first: with no database we skip at once instead of measuring a baseline for nothing.
    const client = await connectOrSkip()
    try {
      const version = await serverVersion(client)
      await ensureBenchSchema(client)
      await client.query('DROP TABLE IF EXISTS bench.bench_read')
      await client.query('CREATE TABLE bench.bench_read (id int PRIMARY KEY, payload text NOT NULL)')
      ctx.log(`filling bench.bench_read with ${rows} rows`)
      await client.query(
        `INSERT INTO bench.bench_read SELECT i, repeat(md5(i::text), 2) FROM generate_series(1, ${rows}) AS i`,
      )
      await client.query('ANALYZE bench.bench_read')

      const baseline = await ctx.scenario('http-baseline')
      const server = { module: new URL('../servers/db-read.ts', import.meta.url), env: serverEnv() }
      const figure = await withServer(server, (running) =>
        measureHttp(ctx.config, {
          url: running.url,
          // Random ids over the whole table, so one hot row in shared buffers doesn't flatter us.
          nextPath: () => `/item/${1 + Math.floor(Math.random() * rows)}`,
          expectBody: (body) => typeof (body as { payload?: unknown }).payload === 'string',
        }),
      )
      return {
        ...figure,
        details: { ...figure.details, rows, poolSize, postgres: version },
        baseline: asBaseline('http-baseline', baseline),
      }
    } finally {
      await client.query('DROP TABLE IF EXISTS bench.bench_read').catch(() => {})
      await dropBenchSchemaIfEmpty(client).catch(() => {})
      await client.end()
    }
  },
}

function serverEnv(): Record<string, string> {
  return { BENCH_DATABASE_URL: databaseUrl(), BENCH_PG_POOL_SIZE: String(poolSize) }
}
