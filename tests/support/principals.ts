import { randomUUID } from 'node:crypto'
import type { ApiScope, OfficialRole } from '../../server/core/http/access.ts'
import type { Platform } from '../../server/core/platform.ts'
import { upsertResident } from '../../server/modules/identity/residents/resident.repository.ts'

/** Request headers that act as one caller: a session cookie (+ its CSRF token) or an API key. */
export interface Caller {
  label: string
  headers: Record<string, string>
}

export const ANONYMOUS_CALLER: Caller = { label: 'anonymous', headers: {} }

const unique = () => randomUUID().slice(0, 8)

/** An agency of its own for a test (tests share the database). */
export async function createTestAgency(platform: Platform, label = 'test'): Promise<string> {
  const id = `test-${label}-${unique()}`
  await platform.database.db
    .insertInto('identity.agencies')
    .values({
      id,
      parent_id: null,
      kind: 'department',
      name: `Cơ quan ${id}`,
      name_en: `Agency ${id}`,
      ward_code: null,
      search_text: id,
    })
    .execute()
  return id
}

/** A resident with distinctive personal data, and nothing else. */
export async function createTestResident(platform: Platform, label = 'resident') {
  const serial = String(Math.floor(Math.random() * 1e9)).padStart(9, '0')
  const claims = {
    issuer: 'https://test-eid.invalid',
    subject: `${label}-${unique()}`,
    fullName: `Nguyễn Thị ${label}`,
    nationalId: `079${serial}`,
    birthDate: '1990-05-17',
    phone: `09${serial.slice(0, 8)}`,
    assuranceLevel: 'level2',
  }
  const { id } = await upsertResident(platform.database.db, platform.services.identity.cipher, claims)
  return { id, claims }
}

export async function createTestOfficial(
  platform: Platform,
  options: { agencyId: string; roles: OfficialRole[]; wardCodes?: string[]; label?: string },
): Promise<{ id: string; username: string }> {
  const id = randomUUID()
  const username = `${options.label ?? 'official'}.${unique()}`.toLowerCase()
  await platform.database.db
    .insertInto('identity.officials')
    .values({
      id,
      username,
      full_name: `Cán bộ ${username}`,
      email: null,
      agency_id: options.agencyId,
      roles: options.roles,
      ward_codes: options.wardCodes ?? [],
      password_hash: null,
      totp_secret_enc: null,
      totp_last_step: null,
      oidc_issuer: null,
      oidc_subject: null,
      locked_until: null,
      disabled_at: null,
    })
    .execute()
  return { id, username }
}

/** A fresh session for a resident or official, as request headers (cookie + CSRF token). */
export async function sessionCaller(
  platform: Platform,
  subject: { kind: 'resident'; residentId: string } | { kind: 'official'; officialId: string },
  label: string,
): Promise<Caller & { sessionId: string }> {
  const { token, session } = await platform.services.identity.sessions.create(subject, {
    userAgent: 'vitest',
  })
  return {
    label,
    sessionId: session.id,
    headers: { cookie: `dc_session=${token}`, 'x-csrf-token': session.csrfToken },
  }
}

export async function apiKeyCaller(
  platform: Platform,
  agencyId: string,
  scopes: ApiScope[],
  label: string,
): Promise<Caller & { keyId: string; key: string }> {
  const { key, record } = await platform.services.identity.apiKeys.create({
    agencyId,
    name: label,
    scopes,
    rateLimitPerMinute: 10_000,
  })
  return { label, keyId: record.id, key, headers: { authorization: `Bearer ${key}` } }
}
