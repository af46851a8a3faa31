import { loadConfig } from '../../server/config.ts'
import { openDatabase } from '../../server/core/db/database.ts'
import { migrate } from '../../server/core/db/migrate.ts'
import { runSeeds } from '../../server/core/seed.ts'
import { createIdentity } from '../../server/modules/identity/identity.ts'
import { upsertResident } from '../../server/modules/identity/residents/resident.repository.ts'
import { SEEDS } from '../../server/modules/index.ts'
import { BenchSkip } from './errors.ts'
import { connectOrSkip, databaseUrl, redactedUrl, serverVersion } from './pg.ts'

/**
 * The platform's database on the bench's PostgreSQL server: dc_bench, migrated and seeded, kept
 * between runs (the seed ledger makes later runs skip loading). Scenarios that only read use it
 * as it is (tiles); scenarios that write get a copy of their own, dropped afterwards, so written
 * rows never pile up in dc_bench and a run never measures a table grown by the runs before it.
 */
const BENCH_DB = 'dc_bench'

const urlOf = (name: string) => {
  const url = new URL(databaseUrl())
  url.pathname = `/${name}`
  return url.toString()
}

let prepared: Promise<{ url: string; postgres: string }> | undefined

/** dc_bench: created if missing, migrated and seeded like a platform start, once per run. */
export function benchDatabase(log: (message: string) => void): Promise<{ url: string; postgres: string }> {
  prepared ??= (async () => {
    const admin = await connectOrSkip()
    let postgres: string
    try {
      postgres = await serverVersion(admin)
      const exists = await admin.query('select 1 from pg_database where datname = $1', [BENCH_DB])
      if (exists.rowCount === 0) {
        log(`creating database ${BENCH_DB}`)
        await admin.query(`create database ${BENCH_DB}`).catch((error: Error) => {
          throw new BenchSkip(`cannot create ${BENCH_DB} on ${redactedUrl()}: ${error.message}`)
        })
      }
    } finally {
      await admin.end()
    }
    const database = await openDatabase({ url: urlOf(BENCH_DB), embeddedDir: '', poolMax: 2 })
    try {
      log(`migrating and seeding ${BENCH_DB}`)
      await migrate(database)
      await runSeeds(database, SEEDS)
    } finally {
      await database.close()
    }
    return { url: urlOf(BENCH_DB), postgres }
  })()
  return prepared
}

export interface ScratchDatabase {
  url: string
  postgres: string
  drop(): Promise<void>
}

/** A fresh copy of dc_bench named `name` (a file copy on the server: seconds, not a re-seed). */
export async function scratchPlatformDatabase(
  name: string,
  log: (message: string) => void,
): Promise<ScratchDatabase> {
  const { postgres } = await benchDatabase(log)
  const admin = await connectOrSkip()
  try {
    await admin.query(`drop database if exists ${name} with (force)`)
    log(`copying ${BENCH_DB} to ${name}`)
    await admin.query(`create database ${name} template ${BENCH_DB}`)
  } finally {
    await admin.end()
  }
  return {
    url: urlOf(name),
    postgres,
    async drop() {
      const client = await connectOrSkip()
      try {
        await client.query(`drop database if exists ${name} with (force)`)
      } finally {
        await client.end()
      }
    },
  }
}

/**
 * Residents signed in, as request headers (session cookie + CSRF token): made through the identity
 * module's services as tests/support/principals.ts does, with the configuration the platform
 * server will load (same master key), so the server accepts the sessions.
 */
export async function residentSessions(url: string, count: number): Promise<Record<string, string>[]> {
  const database = await openDatabase({ url, embeddedDir: '', poolMax: 2 })
  try {
    const identity = await createIdentity(database, loadConfig({ ...process.env, DATABASE_URL: url }))
    const sessions: Record<string, string>[] = []
    for (let i = 0; i < count; i++) {
      const serial = String(100_000_000 + i)
      const { id } = await upsertResident(database.db, identity.cipher, {
        issuer: 'https://bench-eid.invalid',
        subject: `bench-resident-${i}`,
        fullName: `Nguyễn Văn Bench ${i}`,
        nationalId: `079${serial}`,
        birthDate: '1990-05-17',
        phone: `09${serial.slice(1)}`,
        assuranceLevel: 'level2',
      })
      const { token, session } = await identity.sessions.create(
        { kind: 'resident', residentId: id },
        { userAgent: 'bench' },
      )
      sessions.push({ cookie: `dc_session=${token}`, 'x-csrf-token': session.csrfToken })
    }
    return sessions
  } finally {
    await database.close()
  }
}
