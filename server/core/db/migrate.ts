import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import type { Database } from './database.ts'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url))

/** Session-level advisory lock keys: one per kind of start-up work, constant across releases. */
export const ADVISORY_LOCK = { migrations: 7_240_001, seed: 7_240_002 } as const

export interface MigrationFile {
  version: string
  name: string
  sql: string
  checksum: string
}

/** `0001_foundation.sql` → version 0001, name foundation. Files are applied in version order. */
export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8')
      const [version, ...rest] = file.replace(/\.sql$/, '').split('_')
      return {
        version: version as string,
        name: rest.join('_'),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      }
    })
}

export class MigrationError extends Error {}

/**
 * Applies the pending migrations, each in its own transaction, under a session advisory lock so
 * that two instances starting together apply each file once. Safe to run any number of times.
 * An applied file whose text has changed is refused: reviewed SQL is never edited after release.
 */
export async function migrate(database: Database, files = readMigrations()): Promise<string[]> {
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${ADVISORY_LOCK.migrations})`.execute(conn)
    try {
      await sql`
        create table if not exists public.schema_migrations (
          version text primary key,
          name text not null,
          checksum text not null,
          applied_at timestamptz not null default now()
        )`.execute(conn)
      const applied = await conn
        .selectFrom('public.schema_migrations')
        .select(['version', 'checksum'])
        .execute()
      const appliedChecksums = new Map(applied.map((row) => [row.version, row.checksum]))
      const done: string[] = []
      for (const file of files) {
        const known = appliedChecksums.get(file.version)
        if (known !== undefined) {
          if (known !== file.checksum) {
            throw new MigrationError(
              `migration ${file.version}_${file.name} was changed after it was applied`,
            )
          }
          continue
        }
        await conn.transaction().execute(async (trx) => {
          await sql.raw(file.sql).execute(trx)
          await trx
            .insertInto('public.schema_migrations')
            .values({ version: file.version, name: file.name, checksum: file.checksum })
            .execute()
        })
        done.push(`${file.version}_${file.name}`)
      }
      return done
    } finally {
      await sql`select pg_advisory_unlock(${ADVISORY_LOCK.migrations})`.execute(conn)
    }
  })
}

/** True when every migration file is recorded as applied (what /ready reports). */
export async function migrationsApplied(database: Database, files = readMigrations()): Promise<boolean> {
  try {
    const rows = await database.db.selectFrom('public.schema_migrations').select('version').execute()
    const applied = new Set(rows.map((row) => row.version))
    return files.every((file) => applied.has(file.version))
  } catch {
    return false
  }
}
