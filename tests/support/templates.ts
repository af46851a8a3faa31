import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { openDatabase } from '../../server/core/db/database.ts'
import { MIGRATIONS_DIR, migrate } from '../../server/core/db/migrate.ts'
import { runSeeds } from '../../server/core/seed.ts'
import { SEEDS } from '../../server/modules/index.ts'

/**
 * Prepared databases for tests. Starting PGlite with PostGIS and loading the city takes many
 * seconds and about 1 GB, so it is done once: a template (migrated and seeded) that every test
 * worker copies. The template's name carries a hash of the migrations and seed data, so a change
 * to either prepares a new one and a stale template is never used.
 */
export const REPO_ROOT = resolve(import.meta.dirname, '../..')
const TEMPLATE_ROOT = join(REPO_ROOT, 'var', 'test-templates')

export function templateHash(): string {
  const hash = createHash('sha256')
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(readFileSync(join(MIGRATIONS_DIR, file)))
  for (const seed of SEEDS) for (const file of seed.files) hash.update(readFileSync(file))
  return hash.digest('hex').slice(0, 12)
}

export function embeddedTemplateDir(): string {
  return join(TEMPLATE_ROOT, `embedded-${templateHash()}`)
}

export async function prepareEmbeddedTemplate(): Promise<string> {
  const dir = embeddedTemplateDir()
  if (existsSync(join(dir, 'PG_VERSION'))) return dir
  // Build beside it and rename, so an interrupted build never looks finished.
  const building = `${dir}.building-${process.pid}`
  rmSync(building, { recursive: true, force: true })
  const database = await openDatabase({ embeddedDir: building, poolMax: 1 })
  try {
    await migrate(database)
    await runSeeds(database, SEEDS)
  } finally {
    await database.close()
  }
  rmSync(dir, { recursive: true, force: true })
  renameSync(building, dir)
  return dir
}

/** A private copy of the embedded template for one worker or one server process. */
export function copyEmbeddedTemplate(label: string): string {
  const target = mkdtempSync(join(tmpdir(), `dc-${label}-`))
  cpSync(embeddedTemplateDir(), target, { recursive: true })
  return target
}

export function postgresTemplateName(): string {
  return `dc_template_${templateHash()}`
}

/** A URL to another database on the same server as DATABASE_URL. */
export function databaseUrlFor(name: string): string {
  const url = new URL(process.env.DATABASE_URL as string)
  url.pathname = `/${name}`
  return url.toString()
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export async function preparePostgresTemplate(): Promise<string> {
  const name = postgresTemplateName()
  const exists = await withAdmin(async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name])
    return found.rowCount === 1
  })
  if (exists) return name
  const building = `${name}_building`
  await withAdmin(async (client) => {
    await client.query(`drop database if exists ${building}`)
    await client.query(`create database ${building}`)
  })
  const database = await openDatabase({ url: databaseUrlFor(building), embeddedDir: '', poolMax: 2 })
  try {
    await migrate(database)
    await runSeeds(database, SEEDS)
  } finally {
    await database.close()
  }
  await withAdmin(async (client) => {
    await client.query(`alter database ${building} rename to ${name}`)
  })
  return name
}

/**
 * Worker copies are named after the run's own database (DATABASE_URL), so two runs on one server
 * (a developer's and CI's, say) never drop each other's copies when they clean up.
 */
function workerPrefix(): string {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://localhost/dc').pathname.slice(1)
  return `dc_test_${base}_`.replace(/[^a-z0-9_]/g, '_')
}

/** A fresh database for one worker, copied from the template (fast: a file copy on the server). */
export async function createPostgresWorkerDatabase(label: string): Promise<string> {
  const name = `${workerPrefix()}${label}_${process.pid}`.replace(/[^a-z0-9_]/g, '_')
  await withAdmin(async (client) => {
    await client.query(`drop database if exists ${name}`)
    await client.query(`create database ${name} template ${postgresTemplateName()}`)
  })
  return databaseUrlFor(name)
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1)
  await withAdmin(async (client) => {
    await client.query(`drop database if exists ${name} with (force)`)
  })
}

/** Removes what test workers left behind: their database copies (a worker never closes its shared one). */
export async function removeWorkerDatabases(): Promise<void> {
  for (const entry of readdirSync(tmpdir())) {
    if (/^dc-(w|server|restart|lock|import|migrations)-/.test(entry))
      rmSync(join(tmpdir(), entry), { recursive: true, force: true })
  }
  if (!process.env.DATABASE_URL) return
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [workerPrefix()],
    )
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`)
  })
}
