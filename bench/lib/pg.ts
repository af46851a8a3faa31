import pg from 'pg'
import { BenchSkip } from './errors.ts'

/** Schema owned by the bench: scenarios create their tables here and drop them afterwards. */
export const benchSchema = 'bench'

export function databaseUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ||
    process.env.DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres'
  )
}

/**
 * The database of the platform server (servers/platform.ts): PostgreSQL only when a URL is set,
 * else the embedded engine — unlike databaseUrl(), there is no default server to fall back on.
 */
export function platformDatabaseUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined
}

/** The URL with any password hidden, for messages and latest.json. */
export function redactedUrl(url = databaseUrl()): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparseable database URL)'
  }
}

/**
 * A connected client, or a BenchSkip if PostgreSQL is unreachable: without a database the
 * scenario has nothing honest to report, so it is skipped rather than failed or faked.
 */
export async function connectOrSkip(url = databaseUrl()): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => {})
    const reason = error instanceof Error ? error.message : String(error)
    throw new BenchSkip(
      `PostgreSQL unreachable at ${redactedUrl(url)} (${reason}); set BENCH_DATABASE_URL or DATABASE_URL`,
    )
  }
  return client
}

export async function serverVersion(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version')
  return rows[0]?.server_version ?? 'unknown'
}

export async function ensureBenchSchema(client: pg.Client): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${benchSchema}`)
}

/**
 * Drops the bench schema once the last scenario's tables are gone. A schema still holding
 * objects (another scenario's, or someone's manual experiment) is left alone rather than
 * dropped with CASCADE.
 */
export async function dropBenchSchemaIfEmpty(client: pg.Client): Promise<void> {
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${benchSchema} RESTRICT`)
  } catch (error) {
    if ((error as { code?: string }).code !== '2BP01') throw error
  }
}
