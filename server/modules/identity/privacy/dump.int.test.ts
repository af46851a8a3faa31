import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { testConfig, testEngine, workerDatabase } from '../../../../tests/support/test-platform.ts'
import type { Database } from '../../../core/db/database.ts'
import { createIdentity } from '../identity.ts'
import { upsertResident } from '../residents/resident.repository.ts'

/**
 * What someone holding a copy of the database (a backup, a stolen dump, the data directory) can
 * read: neither national IDs nor phone numbers, in any usual spelling. Run on the real dump tools.
 */

interface Planted {
  id: string
  fullName: string
  nationalId: string
  phone: string
  ciphertexts: string[]
}

let database: Database
const planted: Planted[] = []

/** Distinctive digits that occur nowhere else (a random tail under a fixed, unusual head). */
const digits = (count: number) => Array.from({ length: count }, () => Math.floor(Math.random() * 10)).join('')

beforeAll(async () => {
  database = await workerDatabase()
  const { cipher } = await createIdentity(database, testConfig())
  for (let index = 0; index < 3; index++) {
    const nationalId = `0799${digits(8)}`
    const phone = `0967${digits(6)}`
    const fullName = `Lê Thị Bảo Mật ${digits(6)}`
    const { id } = await upsertResident(database.db, cipher, {
      issuer: 'https://dump-test.invalid',
      subject: randomUUID(),
      fullName,
      nationalId,
      phone,
      birthDate: '1979-11-23',
    })
    const row = await database.db
      .selectFrom('identity.residents')
      .select(['national_id_enc', 'phone_enc'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    planted.push({
      id,
      fullName,
      nationalId,
      phone,
      ciphertexts: [row.national_id_enc as string, row.phone_enc as string],
    })
  }
})

/** The plaintext in the spellings people and systems use. */
function spellings({ nationalId, phone }: Planted): string[] {
  const id = nationalId
  const local = phone.slice(1)
  const texts = [
    id,
    `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6, 9)} ${id.slice(9)}`,
    `${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8)}`,
    `${id.slice(0, 3)}-${id.slice(3, 6)}-${id.slice(6, 9)}-${id.slice(9)}`,
    id.slice(3), // the 9 digits after the province code
    phone,
    `+84${local}`,
    `84${local}`,
    `+84 ${local.slice(0, 2)} ${local.slice(2, 5)} ${local.slice(5)}`,
    `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`,
    `${phone.slice(0, 4)}.${phone.slice(4, 7)}.${phone.slice(7)}`,
    `${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`,
  ]
  return [
    ...texts,
    ...[id, phone].flatMap((value) => [
      Buffer.from(value).toString('hex'),
      Buffer.from(value).toString('base64'),
      Buffer.from(value, 'utf16le').toString('latin1'),
    ]),
  ]
}

/** PG_DUMP if set, else Debian's /usr/bin/pg_dump, else whichever is on PATH. */
function pgDump(): string {
  if (process.env.PG_DUMP) return process.env.PG_DUMP
  return existsSync('/usr/bin/pg_dump') ? '/usr/bin/pg_dump' : 'pg_dump'
}

describe('a copy of the database reveals no national ID or phone number', () => {
  it(`${testEngine()}: ${testEngine() === 'postgresql' ? 'pg_dump output' : 'every file of the data directory'}`, async () => {
    if (testEngine() === 'postgresql') checkPgDump()
    else await checkDataDirectory()
  })
})

function checkPgDump() {
  const dir = mkdtempSync(join(tmpdir(), 'dc-w-dump-'))
  try {
    const file = join(dir, 'dump.sql')
    const run = spawnSync(pgDump(), ['--format=plain', `--file=${file}`, `--dbname=${database.url}`], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    // Never skip: without pg_dump on the PostgreSQL run, this test must fail.
    if (run.error)
      throw new Error(`pg_dump could not run (install the PostgreSQL client): ${run.error.message}`)
    expect(run.status, run.stderr).toBe(0)
    const dump = readFileSync(file, 'utf8')
    expect(dump).toContain('COPY identity.residents')
    for (const resident of planted) {
      // Not vacuous: the rows are in the dump, encrypted; the name (kept in clear) shows the
      // search would find clear text.
      expect(dump).toContain(resident.id)
      expect(dump).toContain(resident.fullName)
      for (const ciphertext of resident.ciphertexts) expect(dump).toContain(ciphertext)
      for (const spelling of spellings(resident)) expect(dump, spelling).not.toContain(spelling)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function checkDataDirectory() {
  const dataDir = database.embedded?.pglite.dataDir
  expect(dataDir).toBeTruthy()
  // Flush shared buffers so the rows are in the data files, not only in memory and the WAL.
  await sql`checkpoint`.execute(database.db)
  const files = listFiles(dataDir as string)
  expect(files.length).toBeGreaterThan(100)
  const contents = files.map((file) => readFileSync(file))
  const found = (needle: Buffer) => contents.some((content) => content.includes(needle))
  for (const resident of planted) {
    // Not vacuous: the rows are on disk (uuid as its 16 bytes), with their ciphertexts.
    expect(found(Buffer.from(resident.id.replaceAll('-', ''), 'hex'))).toBe(true)
    expect(found(Buffer.from(resident.fullName))).toBe(true)
    for (const ciphertext of resident.ciphertexts) expect(found(Buffer.from(ciphertext))).toBe(true)
    for (const spelling of spellings(resident))
      expect(found(Buffer.from(spelling, 'latin1')), spelling).toBe(false)
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    const stat = statSync(path)
    return stat.isDirectory() ? listFiles(path) : stat.isFile() ? [path] : []
  })
}
