import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { workerDatabase } from '../../../../tests/support/test-platform.ts'
import type { DB } from '../../../core/db/schema.ts'
import { ACCESS_LOG_GENESIS, AccessLog, type AccessLogInput, chainHash } from './access-log.ts'

let db: Kysely<DB>
let log: AccessLog
beforeAll(async () => {
  db = (await workerDatabase()).db
  log = new AccessLog(db)
})

const entry = (overrides: Partial<AccessLogInput> = {}): AccessLogInput => ({
  officialId: randomUUID(),
  agencyId: 'test-agency',
  residentId: randomUUID(),
  action: 'view',
  fields: ['nationalId', 'phone'],
  reason: 'Xác minh hồ sơ đăng ký khai sinh',
  requestId: `req-${randomUUID()}`,
  ...overrides,
})

/** Runs `change` with the append-only trigger off (as an attacker with table ownership could). */
async function tamper(change: (trx: Kysely<DB>) => Promise<unknown>) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table identity.access_log disable trigger access_log_append_only`.execute(trx)
    await change(trx)
    await sql`alter table identity.access_log enable trigger access_log_append_only`.execute(trx)
  })
}

describe('access log', () => {
  it('links each entry to the previous one and verifies', async () => {
    const first = await log.append(entry())
    const second = await log.append(entry({ action: 'lookup', fields: ['nationalId'] }))
    expect(second.seq).toBe(first.seq + 1)
    const stored = await db
      .selectFrom('identity.access_log')
      .selectAll()
      .where('seq', 'in', [first.seq, second.seq])
      .orderBy('seq')
      .execute()
    expect(stored[1]?.prev_hash).toBe(stored[0]?.hash)
    expect(stored[1]?.hash).toBe(chainHash(first.hash, second))
    expect(stored[0]?.hash).toMatch(/^[0-9a-f]{64}$/)
    if (first.seq === 1) expect(stored[0]?.prev_hash).toBe(ACCESS_LOG_GENESIS)
    const result = await log.verify({ batchSize: 3 })
    expect(result).toEqual({ ok: true, checked: expect.any(Number) })
    expect(result.checked).toBeGreaterThanOrEqual(second.seq)
  })

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { seq } = await log.append(entry())
    await expect(
      db.updateTable('identity.access_log').set({ reason: 'sửa lại' }).where('seq', '=', seq).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('identity.access_log').where('seq', '=', seq).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`truncate identity.access_log`.execute(db)).rejects.toThrow(/append-only/)
    expect(
      await db.selectFrom('identity.access_log').select('reason').where('seq', '=', seq).executeTakeFirst(),
    ).toEqual({ reason: 'Xác minh hồ sơ đăng ký khai sinh' })
  })

  it('detects an edited row and names it', async () => {
    const edited = await log.append(entry())
    await log.append(entry())
    await tamper((trx) =>
      trx
        .updateTable('identity.access_log')
        .set({ reason: 'Lý do khác' })
        .where('seq', '=', edited.seq)
        .execute(),
    )
    try {
      expect(await log.verify({ batchSize: 7 })).toEqual({
        ok: false,
        checked: edited.seq,
        firstBroken: { seq: edited.seq, reason: 'hash_mismatch' },
      })
    } finally {
      await tamper((trx) =>
        trx
          .updateTable('identity.access_log')
          .set({ reason: edited.reason })
          .where('seq', '=', edited.seq)
          .execute(),
      )
    }
    expect((await log.verify()).ok).toBe(true)
  })

  it('detects an edited row whose hash was recomputed: the next link breaks', async () => {
    const edited = await log.append(entry())
    const next = await log.append(entry())
    const row = await db
      .selectFrom('identity.access_log')
      .selectAll()
      .where('seq', '=', edited.seq)
      .executeTakeFirstOrThrow()
    // Rewrite the row and recompute its own hash consistently: the row verifies, its successor does not.
    const forged = chainHash(row.prev_hash, { ...edited, reason: 'Lý do khác' })
    await tamper((trx) =>
      trx
        .updateTable('identity.access_log')
        .set({ reason: 'Lý do khác', hash: forged })
        .where('seq', '=', edited.seq)
        .execute(),
    )
    try {
      expect(await log.verify()).toMatchObject({
        ok: false,
        firstBroken: { seq: next.seq, reason: 'prev_hash_mismatch' },
      })
    } finally {
      await tamper((trx) =>
        trx
          .updateTable('identity.access_log')
          .set({ reason: row.reason, hash: row.hash })
          .where('seq', '=', edited.seq)
          .execute(),
      )
    }
    expect(next.seq).toBe(edited.seq + 1)
    expect((await log.verify()).ok).toBe(true)
  })

  it('detects a deleted row (sequence gap)', async () => {
    const removed = await log.append(entry())
    const after = await log.append(entry())
    const row = await db
      .selectFrom('identity.access_log')
      .selectAll()
      .where('seq', '=', removed.seq)
      .executeTakeFirstOrThrow()
    await tamper((trx) => trx.deleteFrom('identity.access_log').where('seq', '=', removed.seq).execute())
    try {
      expect(await log.verify({ batchSize: 2 })).toMatchObject({
        ok: false,
        firstBroken: { seq: after.seq, reason: 'seq_gap' },
      })
    } finally {
      await db.insertInto('identity.access_log').values(row).execute()
    }
    expect((await log.verify()).ok).toBe(true)
  })

  it('keeps one unbroken chain under concurrent appends', async () => {
    const residentId = randomUUID()
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        log.append(entry({ residentId, reason: `Lý do số ${index + 1}` })),
      ),
    )
    const seqs = appended.map((row) => row.seq).sort((a, b) => a - b)
    expect(new Set(seqs).size).toBe(20)
    expect((seqs.at(-1) ?? 0) - (seqs[0] ?? 0)).toBeGreaterThanOrEqual(19)
    expect((await log.verify({ batchSize: 5 })).ok).toBe(true)
    expect(await log.forResident(residentId)).toHaveLength(20)
  })

  it('appends inside the caller’s transaction: a rollback leaves no entry', async () => {
    const residentId = randomUUID()
    await expect(
      db.transaction().execute(async (trx) => {
        await log.append(entry({ residentId }), trx)
        throw new Error('the caller failed')
      }),
    ).rejects.toThrow('the caller failed')
    expect(await log.forResident(residentId)).toEqual([])
    expect((await log.verify()).ok).toBe(true)
  })
})
