import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

  private constructor(
    readonly pglite: PGlite,
    private readonly lockFile: string,
  ) {}

  static async open(dataDir: string): Promise<EmbeddedSession> {
    mkdirSync(dataDir, { recursive: true })
    const lockFile = takeLock(dataDir)
    try {
      const pglite = await PGlite.create({ dataDir, extensions: { postgis }, parsers: typeParsers })
      return new EmbeddedSession(pglite, lockFile)
    } catch (error) {
      rmSync(lockFile, { force: true })
      throw error
    }
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

  /** Idempotent: Kysely's destroy() and Database.close() may both call it. */
  async close(): Promise<void> {
    await this.#lock.runExclusive(async () => {
      if (!this.pglite.closed) await this.pglite.close()
    })
    rmSync(this.lockFile, { force: true })
  }
}

export class EmbeddedDatabaseInUseError extends Error {}

/**
 * PGlite has no postmaster to stop a second process opening the same files, which would corrupt
 * them. A lock file beside the directory, holding the owner's pid, does that job; a lock left by a
 * process that no longer runs is taken over.
 */
function takeLock(dataDir: string): string {
  const lockFile = `${dataDir.replace(/\/+$/, '')}.lock`
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
    return lockFile
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const owner = Number(readFileSync(lockFile, 'utf8'))
  if (Number.isInteger(owner) && isRunning(owner)) {
    throw new EmbeddedDatabaseInUseError(
      `the embedded database ${dataDir} is in use by process ${owner}; stop it first (or set DATABASE_URL)`,
    )
  }
  writeFileSync(lockFile, String(process.pid))
  return lockFile
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
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
