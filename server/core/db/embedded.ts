import { mkdirSync } from 'node:fs'
import { PGlite, type Results } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { Mutex } from 'async-mutex'
import { typeParsers } from './type-parsers.ts'

/**
 * The embedded engine: PGlite (PostgreSQL 18 in WASM) with PostGIS, persisted in a directory.
 *
 * PGlite is ONE session. Anything that shares it (Kysely, pg-boss, migrations) must not interleave
 * statements with another caller's open transaction, so every user goes through `EmbeddedSession`:
 * a caller either runs one statement (or one multi-statement block) under the lock, or leases the
 * whole session for a transaction and releases it afterwards.
 */
export class EmbeddedSession {
  readonly #lock = new Mutex()

  private constructor(readonly pglite: PGlite) {}

  static async open(dataDir: string): Promise<EmbeddedSession> {
    mkdirSync(dataDir, { recursive: true })
    const pglite = await PGlite.create({ dataDir, extensions: { postgis }, parsers: typeParsers })
    return new EmbeddedSession(pglite)
  }

  /** One statement with parameters, or a parameterless (possibly multi-statement) block. */
  async query<T = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<EmbeddedResult<T>> {
    return this.#lock.runExclusive(() => runOn<T>(this.pglite, text, params))
  }

  /** Every statement's result of a parameterless block (pg-boss needs them all). */
  async exec(text: string): Promise<Results[]> {
    return this.#lock.runExclusive(() => this.pglite.exec(text))
  }

  /** Take the session for a sequence of statements (a transaction); call release() when done. */
  async lease(): Promise<EmbeddedLease> {
    const release = await this.#lock.acquire()
    let released = false
    return {
      query: <T>(text: string, params?: readonly unknown[]) => runOn<T>(this.pglite, text, params),
      release: () => {
        if (!released) {
          released = true
          release()
        }
      },
    }
  }

  async close(): Promise<void> {
    await this.#lock.runExclusive(() => this.pglite.close())
  }
}

export interface EmbeddedResult<T> {
  rows: T[]
  rowCount: number
  command: string | undefined
}

export interface EmbeddedLease {
  query<T>(text: string, params?: readonly unknown[]): Promise<EmbeddedResult<T>>
  release(): void
}

async function runOn<T>(
  pglite: PGlite,
  text: string,
  params?: readonly unknown[],
): Promise<EmbeddedResult<T>> {
  if (params && params.length > 0) {
    const result = await pglite.query<T>(text, params as unknown[])
    return {
      rows: result.rows,
      rowCount: result.affectedRows ?? result.rows.length,
      command: commandOf(text),
    }
  }
  // Parameterless SQL goes through the simple protocol (exec), like node-postgres does with no
  // values, so migration files with several statements run the same way on both engines.
  const results = await pglite.exec(text)
  const last = results.at(-1)
  const rows = (last?.rows ?? []) as T[]
  return { rows, rowCount: last?.affectedRows ?? rows.length, command: commandOf(text) }
}

/** Kysely reads the command tag to report affected rows; PGlite's query() does not return it. */
function commandOf(text: string): string | undefined {
  const match = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge|select)\b/i.exec(text)
  return match?.[1]?.toUpperCase()
}
