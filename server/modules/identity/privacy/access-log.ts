import { createHash } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../core/db/schema.ts'

/**
 * The access log: every read of a resident's personal data by an official, append-only and
 * hash-chained. Each row's hash is SHA-256(previous row's hash + the row's canonical JSON), so
 * editing a row breaks its own hash and removing one breaks the sequence and the next row's link;
 * `npm run audit:verify` walks the chain and names the first broken row.
 */

/** prev_hash of the first row. */
export const ACCESS_LOG_GENESIS = '0'.repeat(64)

/**
 * The advisory lock that serialises appends across every process, so that seq and prev_hash are
 * read and written as one step ("dclog" in ASCII; any constant no other code uses would do).
 */
export const ACCESS_LOG_LOCK = 0x6463_6c6f67

/** What an official did: found residents by national ID, or opened one resident's full profile. */
export type AccessAction = 'lookup' | 'view' | (string & {})

export interface AccessLogInput {
  officialId: string
  agencyId: string
  residentId: string
  action: AccessAction
  /** Which personal data was shown, named as in ResidentProfile, e.g. ['nationalId', 'phone']. */
  fields: readonly string[]
  /** Why, in the official's words (required; the resident sees it). */
  reason: string
  requestId?: string | null
}

export interface AccessLogRow {
  seq: number
  at: Date
  officialId: string
  agencyId: string
  residentId: string
  action: string
  fields: string[]
  reason: string
  requestId: string | null
}

export type BrokenReason = 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch'

export interface VerifyResult {
  ok: boolean
  /** Rows checked (up to and including the first broken one). */
  checked: number
  firstBroken?: { seq: number; reason: BrokenReason }
}

export interface ResidentAccessEntry {
  seq: number
  at: Date
  officialName: string | null
  agencyName: string | null
  action: string
  fields: string[]
  reason: string
}

/** The hashed text of a row: fixed key order, instants as ISO 8601 with milliseconds (UTC). */
export function canonicalJson(row: AccessLogRow): string {
  return JSON.stringify({
    seq: row.seq,
    at: row.at.toISOString(),
    officialId: row.officialId,
    agencyId: row.agencyId,
    residentId: row.residentId,
    action: row.action,
    fields: row.fields,
    reason: row.reason,
    requestId: row.requestId,
  })
}

export function chainHash(prevHash: string, row: AccessLogRow): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex')
}

export class AccessLog {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Appends one entry. Given a transaction, the entry commits (or not) with the caller's work;
   * given the database, it runs in its own transaction. Either way the advisory lock is held
   * until commit, so concurrent appends from any process form one unbroken chain.
   */
  async append(
    entry: AccessLogInput,
    executor: Kysely<DB> = this.db,
  ): Promise<AccessLogRow & { hash: string }> {
    if (!executor.isTransaction) {
      return executor.transaction().execute((trx) => this.append(entry, trx))
    }
    await sql`select pg_advisory_xact_lock(${ACCESS_LOG_LOCK}::bigint)`.execute(executor)
    const last = await executor
      .selectFrom('identity.access_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
    const row: AccessLogRow = {
      seq: (last?.seq ?? 0) + 1,
      // Whole milliseconds, so the stored timestamptz reads back to the same ISO text.
      at: new Date(Date.now()),
      officialId: entry.officialId,
      agencyId: entry.agencyId,
      residentId: entry.residentId,
      action: entry.action,
      fields: [...entry.fields],
      reason: entry.reason.normalize('NFC'),
      requestId: entry.requestId ?? null,
    }
    const prevHash = last?.hash ?? ACCESS_LOG_GENESIS
    const hash = chainHash(prevHash, row)
    await executor
      .insertInto('identity.access_log')
      .values({
        seq: row.seq,
        at: row.at,
        official_id: row.officialId,
        agency_id: row.agencyId,
        resident_id: row.residentId,
        action: row.action,
        fields: row.fields,
        reason: row.reason,
        request_id: row.requestId,
        prev_hash: prevHash,
        hash,
      })
      .execute()
    return { ...row, hash }
  }

  /** Walks the whole chain in seq order, a batch at a time, recomputing every hash. */
  async verify(options: { batchSize?: number } = {}): Promise<VerifyResult> {
    const batchSize = options.batchSize ?? 1000
    let expectedSeq = 1
    let prevHash = ACCESS_LOG_GENESIS
    let checked = 0
    for (;;) {
      const rows = await this.db
        .selectFrom('identity.access_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batchSize)
        .execute()
      for (const stored of rows) {
        checked++
        const broken = (reason: BrokenReason): VerifyResult => ({
          ok: false,
          checked,
          firstBroken: { seq: stored.seq, reason },
        })
        if (stored.seq !== expectedSeq) return broken('seq_gap')
        if (stored.prev_hash !== prevHash) return broken('prev_hash_mismatch')
        const recomputed = chainHash(prevHash, {
          seq: stored.seq,
          at: stored.at,
          officialId: stored.official_id,
          agencyId: stored.agency_id,
          residentId: stored.resident_id,
          action: stored.action,
          fields: stored.fields,
          reason: stored.reason,
          requestId: stored.request_id,
        })
        if (stored.hash !== recomputed) return broken('hash_mismatch')
        prevHash = stored.hash
        expectedSeq++
      }
      if (rows.length < batchSize) return { ok: true, checked }
    }
  }

  /** Who read the resident's data, newest first, with the official's and agency's names. */
  async forResident(residentId: string): Promise<ResidentAccessEntry[]> {
    const rows = await this.db
      .selectFrom('identity.access_log as l')
      .leftJoin('identity.officials as o', 'o.id', 'l.official_id')
      .leftJoin('identity.agencies as a', 'a.id', 'l.agency_id')
      .select([
        'l.seq',
        'l.at',
        'o.full_name as official_name',
        'a.name as agency_name',
        'l.action',
        'l.fields',
        'l.reason',
      ])
      .where('l.resident_id', '=', residentId)
      .orderBy('l.seq', 'desc')
      .execute()
    return rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      officialName: row.official_name,
      agencyName: row.agency_name,
      action: row.action,
      fields: row.fields,
      reason: row.reason,
    }))
  }
}

export const BROKEN_REASON_TEXT: Record<BrokenReason, { vi: string; en: string }> = {
  seq_gap: {
    vi: 'thiếu bản ghi ngay trước (số thứ tự bị đứt quãng)',
    en: 'a row before it is missing (sequence gap)',
  },
  prev_hash_mismatch: {
    vi: 'không khớp với mã băm của bản ghi trước',
    en: "does not link to the previous row's hash",
  },
  hash_mismatch: {
    vi: 'nội dung đã bị sửa (mã băm không khớp)',
    en: 'its contents were changed (hash does not match)',
  },
}
