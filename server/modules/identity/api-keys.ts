import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../core/db/schema.ts'
import type { ApiScope } from '../../core/http/access.ts'

/** Keys look like dc_<prefix>_<secret>: the prefix finds the row, the secret is checked against its hash. */
const KEY_PATTERN = /^dc_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/

export interface ApiKeyRecord {
  id: string
  prefix: string
  agencyId: string
  name: string
  scopes: string[]
  rateLimitPerMinute: number
  createdBy: string | null
  createdAt: Date
  lastUsedAt: Date | null
  expiresAt: Date | null
  revokedAt: Date | null
  rotatedFrom: string | null
}

export interface NewApiKey {
  agencyId: string
  name: string
  scopes: ApiScope[]
  rateLimitPerMinute: number
  expiresAt?: Date | null
  createdBy?: string | null
}

/** Last-used times are written at most this often per key. */
const USE_RECORD_INTERVAL_MS = 60_000

/**
 * API keys for machine clients (Open311 clients, sensor gateways, other agencies' systems). Only a
 * SHA-256 of the secret is stored (keys are 256-bit random, so a slow hash adds nothing); the full
 * key is returned once, at creation or rotation. Every request checks the row, so a revocation
 * takes effect on the next request.
 */
export class ApiKeyService {
  constructor(private readonly db: Kysely<DB>) {}

  async create(
    input: NewApiKey,
    rotatedFrom: string | null = null,
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    const prefix = randomBytes(8).toString('hex').slice(0, 12)
    const secret = randomBytes(32).toString('base64url')
    const row = await this.db
      .insertInto('identity.api_keys')
      .values({
        id: randomUUID(),
        prefix,
        secret_hash: hashSecret(secret),
        agency_id: input.agencyId,
        name: input.name,
        scopes: [...new Set(input.scopes)],
        rate_limit_per_minute: input.rateLimitPerMinute,
        created_by: input.createdBy ?? null,
        expires_at: input.expiresAt ?? null,
        rotated_from: rotatedFrom,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return { key: `dc_${prefix}_${secret}`, record: toRecord(row) }
  }

  /** The live key for a presented secret, or undefined. */
  async verify(presented: string): Promise<ApiKeyRecord | undefined> {
    const match = KEY_PATTERN.exec(presented)
    if (!match) return undefined
    const [, prefix, secret] = match as unknown as [string, string, string]
    const row = await this.db
      .selectFrom('identity.api_keys')
      .selectAll()
      .where('prefix', '=', prefix)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .executeTakeFirst()
    if (!row) return undefined
    const expected = Buffer.from(row.secret_hash, 'hex')
    const actual = Buffer.from(hashSecret(secret), 'hex')
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > USE_RECORD_INTERVAL_MS) {
      await this.db
        .updateTable('identity.api_keys')
        .set({ last_used_at: sql`now()` })
        .where('id', '=', row.id)
        .execute()
    }
    return toRecord(row)
  }

  async get(id: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db
      .selectFrom('identity.api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row && toRecord(row)
  }

  async list(agencyIds: readonly string[] | 'all'): Promise<ApiKeyRecord[]> {
    let query = this.db.selectFrom('identity.api_keys').selectAll().orderBy('created_at', 'desc')
    if (agencyIds !== 'all') {
      if (agencyIds.length === 0) return []
      query = query.where('agency_id', 'in', agencyIds)
    }
    return (await query.execute()).map(toRecord)
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('identity.api_keys')
      .set({ revoked_at: sql`now()` })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** A new secret with the same agency, name, scopes and limit; the old key stops working at once. */
  async rotate(
    id: string,
    createdBy: string | null,
  ): Promise<{ key: string; record: ApiKeyRecord } | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const old = await trx
        .updateTable('identity.api_keys')
        .set({ revoked_at: sql`now()` })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returningAll()
        .executeTakeFirst()
      if (!old) return undefined
      return new ApiKeyService(trx).create(
        {
          agencyId: old.agency_id,
          name: old.name,
          scopes: old.scopes as ApiScope[],
          rateLimitPerMinute: old.rate_limit_per_minute,
          expiresAt: old.expires_at,
          createdBy,
        },
        old.id,
      )
    })
  }
}

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

function toRecord(row: {
  id: string
  prefix: string
  agency_id: string
  name: string
  scopes: string[]
  rate_limit_per_minute: number
  created_by: string | null
  created_at: Date
  last_used_at: Date | null
  expires_at: Date | null
  revoked_at: Date | null
  rotated_from: string | null
}): ApiKeyRecord {
  return {
    id: row.id,
    prefix: row.prefix,
    agencyId: row.agency_id,
    name: row.name,
    scopes: row.scopes,
    rateLimitPerMinute: row.rate_limit_per_minute,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    rotatedFrom: row.rotated_from,
  }
}
