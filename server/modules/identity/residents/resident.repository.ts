import { randomUUID } from 'node:crypto'
import { toNfc } from '@dc/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../../core/db/schema.ts'
import { fieldContext, type PersonalDataCipher } from '../crypto/personal-data-cipher.ts'

/** What the e-ID provider tells us about a resident (the claims we use). */
export interface ResidentClaims {
  issuer: string
  subject: string
  fullName?: string | null
  /** 12-digit citizen identity number (CCCD). */
  nationalId?: string | null
  /** YYYY-MM-DD */
  birthDate?: string | null
  phone?: string | null
  /** Level of assurance (acr), e.g. VNeID level 2. */
  assuranceLevel?: string | null
}

export interface ResidentProfile {
  id: string
  fullName: string | null
  nationalId: string | null
  birthDate: string | null
  phone: string | null
  assuranceLevel: string | null
  createdAt: Date
  lastSignInAt: Date
  closedAt: Date | null
}

const TABLE = 'identity.residents'
/** The keyed-hash purpose for national ID lookups. */
export const NATIONAL_ID_LOOKUP = 'national_id'

/** Encrypted columns of identity.residents (the key-rotation command re-encrypts these). */
export const RESIDENT_ENCRYPTED_COLUMNS = ['national_id_enc', 'phone_enc', 'birth_date_enc'] as const

/**
 * Creates or updates the resident an e-ID sign-in names (by issuer + subject). Personal data is
 * written encrypted, bound to the row and column; the national ID also as a keyed hash for lookups.
 */
export async function upsertResident(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  claims: ResidentClaims,
): Promise<{ id: string; created: boolean }> {
  const existing = await db
    .selectFrom(TABLE)
    .select(['id', 'closed_at'])
    .where('oidc_issuer', '=', claims.issuer)
    .where('oidc_subject', '=', claims.subject)
    .executeTakeFirst()
  const id = existing?.id ?? randomUUID()
  const nationalId = claims.nationalId?.trim() || null
  const personal = {
    full_name: claims.fullName ? toNfc(claims.fullName.trim()) : null,
    national_id_enc: cipher.encryptOptional(nationalId, fieldContext(TABLE, 'national_id', id)),
    national_id_hash: nationalId ? cipher.lookupHash(nationalId, NATIONAL_ID_LOOKUP) : null,
    phone_enc: cipher.encryptOptional(claims.phone?.trim(), fieldContext(TABLE, 'phone', id)),
    birth_date_enc: cipher.encryptOptional(claims.birthDate?.trim(), fieldContext(TABLE, 'birth_date', id)),
    assurance_level: claims.assuranceLevel ?? null,
  }
  if (existing) {
    // Signing in again reopens a closed (not yet anonymised) account.
    await db
      .updateTable(TABLE)
      .set({ ...personal, last_sign_in_at: new Date(), closed_at: null })
      .where('id', '=', id)
      .execute()
    return { id, created: false }
  }
  await db
    .insertInto(TABLE)
    .values({ id, oidc_issuer: claims.issuer, oidc_subject: claims.subject, ...personal })
    .execute()
  return { id, created: true }
}

/** The resident's personal data, decrypted. Callers that are officials must write the access log. */
export async function readResidentProfile(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  id: string,
): Promise<ResidentProfile | undefined> {
  const row = await db.selectFrom(TABLE).selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    fullName: row.full_name,
    nationalId: cipher.decryptOptional(row.national_id_enc, fieldContext(TABLE, 'national_id', id)),
    birthDate: cipher.decryptOptional(row.birth_date_enc, fieldContext(TABLE, 'birth_date', id)),
    phone: cipher.decryptOptional(row.phone_enc, fieldContext(TABLE, 'phone', id)),
    assuranceLevel: row.assurance_level,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    closedAt: row.closed_at,
  }
}

/** Residents with this national ID (normally one), found through the keyed hash. */
export async function findResidentIdsByNationalId(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  nationalId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom(TABLE)
    .select('id')
    .where('national_id_hash', '=', cipher.lookupHash(nationalId.trim(), NATIONAL_ID_LOOKUP))
    .execute()
  return rows.map((row) => row.id)
}

/** For lists: keep the last `visible` characters, e.g. ********1234. */
export function mask(value: string | null, visible = 4): string | null {
  if (value === null) return null
  return value.length <= visible
    ? '*'.repeat(value.length)
    : '*'.repeat(value.length - visible) + value.slice(-visible)
}
