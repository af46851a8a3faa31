import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../../core/db/schema.ts'
import type { OfficialRole } from '../../../core/http/access.ts'
import { CITY_AGENCY_ID, wardCommitteeId } from '../agencies/agency.seed.ts'
import { hashPassword } from './password-policy.ts'

/** The demo password of every development account (documented in the README; never in production). */
export const DEMO_PASSWORD = 'Thanh-pho-so-2026!'

interface DemoOfficial {
  username: string
  fullName: string
  roles: OfficialRole[]
  /** The agency id, or the ward whose People's Committee it is. */
  agency: { id: string } | { wardFullName: string }
}

export const DEMO_OFFICIALS: readonly DemoOfficial[] = [
  {
    username: 'quantri',
    fullName: 'Quản trị hệ thống',
    roles: ['system_admin'],
    agency: { id: CITY_AGENCY_ID },
  },
  {
    username: 'canbo.phuongsaigon',
    fullName: 'Cán bộ Phường Sài Gòn',
    roles: ['officer'],
    agency: { wardFullName: 'Phường Sài Gòn' },
  },
  { username: 'lanhdao', fullName: 'Lãnh đạo Thành phố', roles: ['leader'], agency: { id: CITY_AGENCY_ID } },
]

/**
 * Development only: makes sure the demo officials exist (idempotent; existing accounts are left as
 * they are, so a changed password or an enrolled TOTP survives restarts). TOTP is not enrolled:
 * the first sign-in sets it up. Returns the usernames it created.
 */
export async function ensureDemoOfficials(
  db: Kysely<DB>,
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void },
): Promise<string[]> {
  const created: string[] = []
  let passwordHash: string | undefined
  for (const demo of DEMO_OFFICIALS) {
    const agencyId = await agencyIdOf(db, demo)
    if (!agencyId) {
      logger?.warn({ username: demo.username }, 'demo official skipped: its agency is not seeded')
      continue
    }
    passwordHash ??= await hashPassword(DEMO_PASSWORD)
    const row = await db
      .insertInto('identity.officials')
      .values({
        id: randomUUID(),
        username: demo.username,
        full_name: demo.fullName,
        agency_id: agencyId,
        roles: demo.roles,
        password_hash: passwordHash,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (row) created.push(demo.username)
  }
  if (created.length > 0) logger?.info({ usernames: created }, 'development demo officials created')
  return created
}

async function agencyIdOf(db: Kysely<DB>, demo: DemoOfficial): Promise<string | undefined> {
  let id: string | undefined
  if ('id' in demo.agency) id = demo.agency.id
  else {
    const ward = await db
      .selectFrom('geo.wards')
      .select('code')
      .where('full_name', '=', demo.agency.wardFullName)
      .executeTakeFirst()
    id = ward && wardCommitteeId(ward.code)
  }
  if (!id) return undefined
  const agency = await db.selectFrom('identity.agencies').select('id').where('id', '=', id).executeTakeFirst()
  return agency?.id
}
