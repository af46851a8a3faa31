import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { workerDatabase } from '../../../tests/support/test-platform.ts'
import { SEEDS } from '../../modules/index.ts'
import { runSeeds } from '../seed.ts'
import { MigrationError, migrate, migrationsApplied, readMigrations } from './migrate.ts'
import { prepared } from './prepared.ts'

describe('one data-access path on both engines', () => {
  it('returns the same JavaScript types for bigint, numeric, date, timestamptz and json', async () => {
    const { db } = await workerDatabase()
    const { rows } = await sql<{ n: number; x: number; d: string; t: Date; j: { a: number[] } }>`
      select 42::int8 as n, 1.25::numeric as x, date '2026-09-02' as d,
             timestamptz '2026-09-02 08:00:00+07' as t, '{"a":[1,2]}'::jsonb as j`.execute(db)
    expect(rows[0]).toEqual({
      n: 42,
      x: 1.25,
      d: '2026-09-02',
      t: new Date('2026-09-02T01:00:00Z'),
      j: { a: [1, 2] },
    })
  })

  it('sends a marked query as a named prepared statement on PostgreSQL, and runs it on both engines', async () => {
    const database = await workerDatabase()
    const { db } = database
    const statements = await db.transaction().execute(async (trx) => {
      // One transaction: one connection, whose prepared statements the view lists.
      for (const n of [1, 2, 3]) {
        const { rows } = await sql<{
          n: number
        }>`${prepared('db_test_marked')} select ${n}::int as n`.execute(trx)
        expect(rows).toEqual([{ n }])
      }
      const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(trx)
      return rows.map((row) => row.name)
    })
    // The embedded engine has one session and no network: it runs the text and keeps no statement.
    expect(statements.includes('db_test_marked')).toBe(database.engine === 'postgresql')
  })

  it('runs PostGIS', async () => {
    const { db } = await workerDatabase()
    const { rows } = await sql<{ full_name: string }>`
      select full_name from geo.wards
      where ST_Contains(geom, ST_SetSRID(ST_MakePoint(106.698, 10.7725), 4326))`.execute(db)
    // Chợ Bến Thành lies in Phường Bến Thành (landmark check from data/SOURCES.md).
    expect(rows.map((row) => row.full_name)).toEqual(['Phường Bến Thành'])
  })

  it('rolls a failed transaction back', async () => {
    const { db } = await workerDatabase()
    const name = `rollback-${Date.now()}`
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('public.seed_runs').values({ name, checksum: 'x', rows: 0 }).execute()
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    const found = await db.selectFrom('public.seed_runs').select('name').where('name', '=', name).execute()
    expect(found).toEqual([])
  })

  it('serialises concurrent transactions without interleaving them', async () => {
    const { db } = await workerDatabase()
    const prefix = `concurrent-${Date.now()}`
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('public.seed_runs')
            .values({ name: `${prefix}-${i}`, checksum: 'c', rows: i })
            .execute()
          if (i % 2 === 1) throw new Error('odd ones roll back')
        }),
      ).map((promise) => promise.catch(() => undefined)),
    )
    const rows = await db
      .selectFrom('public.seed_runs')
      .select('rows')
      .where('name', 'like', `${prefix}-%`)
      .execute()
    expect(rows.map((row) => row.rows).sort()).toEqual([0, 2, 4, 6])
  })
})

describe('migrations', () => {
  it('are applied once: running again (also concurrently) changes nothing', async () => {
    const database = await workerDatabase()
    expect(await migrationsApplied(database)).toBe(true)
    const again = await Promise.all([migrate(database), migrate(database)])
    expect(again).toEqual([[], []])
  })

  it('apply a new file, record it, and refuse an applied file that was edited', async () => {
    const database = await workerDatabase()
    const dir = mkdtempSync(join(tmpdir(), 'dc-migrations-'))
    try {
      const table = `probe_${process.pid}_${Date.now()}`
      const files = [
        ...readMigrations(),
        {
          version: '9990',
          name: table,
          sql: `create table public.${table} (id int); insert into public.${table} values (1), (2);`,
          checksum: 'a',
        },
      ]
      expect(await migrate(database, files)).toEqual([`9990_${table}`])
      const count = await sql<{
        n: number
      }>`select count(*)::int as n from ${sql.table(`public.${table}`)}`.execute(database.db)
      expect(count.rows[0]?.n).toBe(2)
      const edited = files.map((file) => (file.version === '9990' ? { ...file, checksum: 'b' } : file))
      await expect(migrate(database, edited)).rejects.toBeInstanceOf(MigrationError)
      await database.db.deleteFrom('public.schema_migrations').where('version', '=', '9990').execute()
      await sql`drop table ${sql.table(`public.${table}`)}`.execute(database.db)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('roll back a failing file entirely', async () => {
    const database = await workerDatabase()
    const table = `broken_${process.pid}_${Date.now()}`
    const files = [
      ...readMigrations(),
      {
        version: '9991',
        name: 'broken',
        sql: `create table public.${table} (id int); select 1/0;`,
        checksum: 'z',
      },
    ]
    await expect(migrate(database, files)).rejects.toThrow()
    const exists = await sql<{
      t: string | null
    }>`select to_regclass(${`public.${table}`})::text as t`.execute(database.db)
    expect(exists.rows[0]?.t).toBeNull()
    expect(await migrationsApplied(database)).toBe(true)
  })

  it('reads files in version order and ignores other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dc-migrations-'))
    try {
      writeFileSync(join(dir, '0002_b.sql'), 'select 2;')
      writeFileSync(join(dir, '0001_a.sql'), 'select 1;')
      writeFileSync(join(dir, 'README.md'), '# not a migration')
      expect(readMigrations(dir).map((file) => `${file.version}:${file.name}`)).toEqual(['0001:a', '0002:b'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('seed', () => {
  it('loads the 168 wards of 2025 and the old→new mapping, once', async () => {
    const database = await workerDatabase()
    const outcomes = await runSeeds(database, SEEDS)
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([
      ['geo.hcmc-wards-2025', 'already-loaded'],
      ['geo.hcmc-traffic-cameras-2017', 'already-loaded'],
      ['geo.hcmc-flood-points-2026-10', 'already-loaded'],
      ['identity.hcmc-agencies', 'already-loaded'],
      ['feedback.categories', 'already-loaded'],
    ])
    const kinds = await database.db
      .selectFrom('geo.wards')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .orderBy('kind')
      .execute()
    expect(kinds.map((k) => [k.kind, Number(k.n)])).toEqual([
      ['dac_khu', 1],
      ['phuong', 113],
      ['xa', 54],
    ])
    const links = await database.db
      .selectFrom('geo.ward_links')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .orderBy('kind')
      .execute()
    expect(links.map((k) => [k.kind, Number(k.n)])).toEqual([
      ['full', 395],
      ['partial', 98],
    ])
  })

  it('keeps names NFC and makes them searchable without diacritics', async () => {
    const { db } = await workerDatabase()
    const ward = await db
      .selectFrom('geo.wards')
      .select(['full_name', 'search_text'])
      .where('search_text', 'like', '%ben thanh%')
      .executeTakeFirstOrThrow()
    expect(ward.full_name).toBe('Phường Bến Thành'.normalize('NFC'))
    expect(ward.full_name.normalize('NFC')).toBe(ward.full_name)
  })

  it('maps an old ward to its new ward(s) by code', async () => {
    const { db } = await workerDatabase()
    // Old Phường Phú Cường (Thủ Dầu Một) went wholly into new Phường Thủ Dầu Một.
    const rows = await db
      .selectFrom('geo.ward_links')
      .innerJoin('geo.wards', 'geo.wards.code', 'geo.ward_links.new_code')
      .select(['geo.wards.full_name', 'geo.ward_links.kind'])
      .where('geo.ward_links.old_code', '=', '25747')
      .execute()
    expect(rows).toEqual([{ full_name: 'Phường Thủ Dầu Một', kind: 'full' }])
  })
})
