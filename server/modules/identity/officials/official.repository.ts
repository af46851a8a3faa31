import { randomUUID } from 'node:crypto'
import type { OfficialRecord } from '@dc/contracts'
import type { Kysely, Selectable } from 'kysely'
import type { DB, OfficialsTable } from '../../../core/db/schema.ts'
import { AppError } from '../../../core/errors.ts'
import type { OfficialRole } from '../../../core/http/access.ts'
import { assertStrongPassword, hashPassword } from './password-policy.ts'

/** Only these columns ever leave the repository: never the password hash or the TOTP secret. */
const PUBLIC_COLUMNS = [
  'id',
  'username',
  'full_name',
  'email',
  'agency_id',
  'roles',
  'ward_codes',
  'totp_enabled',
  'failed_attempts',
  'locked_until',
  'disabled_at',
  'created_at',
  'updated_at',
] as const

type PublicRow = Pick<Selectable<OfficialsTable>, (typeof PUBLIC_COLUMNS)[number]>

export function toOfficialRecord(row: PublicRow): OfficialRecord {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    email: row.email,
    agencyId: row.agency_id,
    roles: row.roles as OfficialRole[],
    wardCodes: row.ward_codes,
    totpEnabled: row.totp_enabled,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until?.toISOString() ?? null,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

export interface NewOfficial {
  username: string
  fullName: string
  email?: string | null | undefined
  agencyId: string
  roles: OfficialRole[]
  wardCodes?: string[] | undefined
  password: string
}

export interface OfficialChanges {
  fullName?: string | undefined
  email?: string | null | undefined
  roles?: OfficialRole[] | undefined
  wardCodes?: string[] | undefined
  disabled?: boolean | undefined
}

export async function listOfficials(
  db: Kysely<DB>,
  agencyIds: readonly string[] | 'all',
): Promise<OfficialRecord[]> {
  let query = db
    .selectFrom('identity.officials')
    .select(PUBLIC_COLUMNS)
    .orderBy('agency_id')
    .orderBy('username')
  if (agencyIds !== 'all') {
    if (agencyIds.length === 0) return []
    query = query.where('agency_id', 'in', agencyIds)
  }
  return (await query.execute()).map(toOfficialRecord)
}

export async function getOfficial(db: Kysely<DB>, id: string): Promise<OfficialRecord | undefined> {
  const row = await db
    .selectFrom('identity.officials')
    .select(PUBLIC_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst()
  return row && toOfficialRecord(row)
}

/** Creates an official with a policy-checked password (TOTP is set up at the first sign-in). */
export async function createOfficial(db: Kysely<DB>, input: NewOfficial): Promise<OfficialRecord> {
  const username = input.username.trim().toLowerCase()
  assertStrongPassword(input.password, { username, fullName: input.fullName, email: input.email })
  await assertWardCodes(db, input.wardCodes ?? [])
  const existing = await db
    .selectFrom('identity.officials')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst()
  if (existing) throw usernameTaken()
  const row = await db
    .insertInto('identity.officials')
    .values({
      id: randomUUID(),
      username,
      full_name: input.fullName.normalize('NFC').trim(),
      email: input.email ?? null,
      agency_id: input.agencyId,
      roles: [...new Set(input.roles)],
      ward_codes: [...new Set(input.wardCodes ?? [])],
      password_hash: await hashPassword(input.password),
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst()
  if (!row) throw usernameTaken()
  return toOfficialRecord(row)
}

export async function updateOfficial(
  db: Kysely<DB>,
  id: string,
  changes: OfficialChanges,
): Promise<OfficialRecord | undefined> {
  if (changes.wardCodes) await assertWardCodes(db, changes.wardCodes)
  const row = await db
    .updateTable('identity.officials')
    .set({
      ...(changes.fullName !== undefined ? { full_name: changes.fullName.normalize('NFC').trim() } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.roles ? { roles: [...new Set(changes.roles)] } : {}),
      ...(changes.wardCodes ? { ward_codes: [...new Set(changes.wardCodes)] } : {}),
      ...(changes.disabled !== undefined ? { disabled_at: changes.disabled ? new Date() : null } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst()
  return row && toOfficialRecord(row)
}

/** Clears the failure counter and any lock. */
export async function unlockOfficial(db: Kysely<DB>, id: string): Promise<OfficialRecord | undefined> {
  const row = await db
    .updateTable('identity.officials')
    .set({ failed_attempts: 0, locked_until: null, updated_at: new Date() })
    .where('id', '=', id)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst()
  return row && toOfficialRecord(row)
}

/** Forgets the TOTP secret (a lost phone): the next sign-in sets up a new one. */
export async function resetOfficialTotp(db: Kysely<DB>, id: string): Promise<OfficialRecord | undefined> {
  const row = await db
    .updateTable('identity.officials')
    .set({ totp_secret_enc: null, totp_enabled: false, totp_last_step: null, updated_at: new Date() })
    .where('id', '=', id)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst()
  return row && toOfficialRecord(row)
}

async function assertWardCodes(db: Kysely<DB>, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return
  const known = new Set(
    (
      await db
        .selectFrom('geo.wards')
        .select('code')
        .where('code', 'in', [...codes])
        .execute()
    ).map((row) => row.code),
  )
  const errors = codes.flatMap((code, index) =>
    known.has(code)
      ? []
      : [
          {
            pointer: `/wardCodes/${index}`,
            message: {
              vi: `Không có phường, xã, đặc khu nào mã ${code}.`,
              en: `There is no ward with code ${code}.`,
            },
          },
        ],
  )
  if (errors.length > 0) throw new AppError('validation_failed', { errors })
}

const usernameTaken = () =>
  new AppError('conflict', {
    detail: { vi: 'Tên đăng nhập này đã có người dùng.', en: 'This username is already taken.' },
  })
