import {
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  sql,
} from 'kysely'
import pg from 'pg'
import { EmbeddedSession } from './embedded.ts'
import { preparedNameOf } from './prepared.ts'
import type { DB } from './schema.ts'
import { typeParsers } from './type-parsers.ts'

export type Engine = 'embedded' | 'postgresql'

export interface DatabaseOptions {
  /** PostgreSQL + PostGIS connection string; without it the embedded engine is used. */
  url?: string
  /** Where the embedded engine keeps its files. */
  embeddedDir: string
  poolMax: number
}

/**
 * The one data-access path of the platform: a Kysely instance whose dialect is PostgreSQL on both
 * engines. Only the "pool" under it differs: node-postgres against a server, or a single leased
 * PGlite session. Repositories write PostGIS SQL with Kysely's `sql` tag and never know which.
 */
export interface Database {
  readonly engine: Engine
  readonly db: Kysely<DB>
  /** Present on the embedded engine: pg-boss and migrations share the session through it. */
  readonly embedded?: EmbeddedSession
  readonly url?: string
  ping(): Promise<boolean>
  close(): Promise<void>
}

const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    const parser = typeParsers[oid]
    if (parser && (format === undefined || format === 'text')) return parser
    // biome-ignore lint/suspicious/noExplicitAny: node-postgres's overloads do not accept a plain number here
    return pg.types.getTypeParser(oid as any, format as any)
  },
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openServerDatabase(options.url, options.poolMax)
  return openEmbeddedDatabase(options.embeddedDir)
}

function openServerDatabase(url: string, poolMax: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, types: pgTypes })
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) })
  return {
    engine: 'postgresql',
    db,
    url,
    ping: () => ping(db),
    async close() {
      // Kysely only ends a pool it has used; end ours whether or not a query ran.
      await db.destroy()
      if (!pool.ended) await pool.end()
    },
  }
}

async function openEmbeddedDatabase(dir: string): Promise<Database> {
  const session = await EmbeddedSession.open(dir)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: embeddedPool(session) }) })
  return {
    engine: 'embedded',
    db,
    embedded: session,
    ping: () => ping(db),
    async close() {
      // Kysely ends the pool (closing the session) only if it was used; close it regardless.
      await db.destroy()
      await session.close()
    },
  }
}

/**
 * The node-postgres pool as Kysely sees it, except that a query marked with `prepared(name)`
 * (prepared.ts) goes out as the named statement `name`: parsed and planned once per connection.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      const query = (text: unknown, params?: ReadonlyArray<unknown>) => {
        const name = typeof text === 'string' ? preparedNameOf(text) : undefined
        if (name) return client.query({ name, text: text as string, values: params as unknown[] })
        // biome-ignore lint/suspicious/noExplicitAny: passes Kysely's text or cursor through unchanged
        return client.query(text as any, params as unknown[])
      }
      return { query, release: () => client.release() } as unknown as PostgresPoolClient
    },
    end: () => pool.end(),
  }
}

/** A "pool" of one connection: connect() waits for the session, release() gives it back. */
function embeddedPool(session: EmbeddedSession): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const lease = await session.lease()
      const client = {
        query: async <R>(text: string, params: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> => {
          const result = await lease.query<R>(text, params)
          return {
            command: (result.command ?? 'SELECT') as PostgresQueryResult<R>['command'],
            rowCount: result.rowCount,
            rows: result.rows,
          }
        },
        release: () => lease.release(),
      }
      return client as PostgresPoolClient
    },
    end: () => session.close(),
  }
}

async function ping(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}
