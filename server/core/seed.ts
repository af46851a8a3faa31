import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sql, type Transaction } from 'kysely'
import type { Database } from './db/database.ts'
import { ADVISORY_LOCK } from './db/migrate.ts'
import type { DB } from './db/schema.ts'

/**
 * A data set the platform loads once into an empty database (the city's wards, say). Its checksum
 * is taken over the files it reads, so the ledger shows which version of the data is loaded.
 */
export interface SeedDefinition {
  name: string
  files: string[]
  /** Loads the data inside the given transaction; returns how many rows it wrote. */
  load(trx: Transaction<DB>): Promise<number>
}

export interface SeedOutcome {
  name: string
  status: 'loaded' | 'already-loaded'
  rows: number
}

export function checksumOf(files: readonly string[]): string {
  const hash = createHash('sha256')
  for (const file of files) hash.update(readFileSync(file))
  return hash.digest('hex')
}

/**
 * Loads each seed that the ledger does not list yet, in its own transaction, under an advisory
 * lock: two instances starting together load it once, and a restart loads nothing.
 */
export async function runSeeds(database: Database, seeds: readonly SeedDefinition[]): Promise<SeedOutcome[]> {
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${ADVISORY_LOCK.seed})`.execute(conn)
    try {
      const outcomes: SeedOutcome[] = []
      for (const seed of seeds) {
        const done = await conn
          .selectFrom('public.seed_runs')
          .select(['rows'])
          .where('name', '=', seed.name)
          .executeTakeFirst()
        if (done) {
          outcomes.push({ name: seed.name, status: 'already-loaded', rows: done.rows })
          continue
        }
        const checksum = checksumOf(seed.files)
        const rows = await conn.transaction().execute(async (trx) => {
          const written = await seed.load(trx)
          await trx
            .insertInto('public.seed_runs')
            .values({ name: seed.name, checksum, rows: written })
            .execute()
          return written
        })
        outcomes.push({ name: seed.name, status: 'loaded', rows })
      }
      return outcomes
    } finally {
      await sql`select pg_advisory_unlock(${ADVISORY_LOCK.seed})`.execute(conn)
    }
  })
}

/** True when every named seed is in the ledger (part of /ready). */
export async function seedsLoaded(database: Database, names: readonly string[]): Promise<boolean> {
  if (names.length === 0) return true
  try {
    const rows = await database.db
      .selectFrom('public.seed_runs')
      .select('name')
      .where('name', 'in', names)
      .execute()
    return rows.length === names.length
  } catch {
    return false
  }
}
