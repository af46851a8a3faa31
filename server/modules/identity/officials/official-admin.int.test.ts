import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Caller, createTestOfficial, sessionCaller } from '../../../../tests/support/principals.ts'
import { testAppAndPlatform } from '../../../../tests/support/test-platform.ts'
import type { OfficialRole } from '../../../core/http/access.ts'
import type { Platform } from '../../../core/platform.ts'

let app: FastifyInstance
let platform: Platform
beforeAll(async () => {
  ;({ app, platform } = await testAppAndPlatform())
})
afterAll(() => app?.close())

const unique = () => randomUUID().slice(0, 8)

/** Agency X with a unit X1 under it, and an unrelated agency Y; the directory is reloaded. */
async function agencies() {
  const x = `test-x-${unique()}`
  const x1 = `${x}-unit`
  const y = `test-y-${unique()}`
  const row = (id: string, parent: string | null) => ({
    id,
    parent_id: parent,
    kind: parent ? ('service_unit' as const) : ('department' as const),
    name: `Cơ quan ${id}`,
    name_en: `Agency ${id}`,
    ward_code: null,
    search_text: id,
  })
  await platform.database.db
    .insertInto('identity.agencies')
    .values([row(x, null), row(y, null)])
    .execute()
  await platform.database.db.insertInto('identity.agencies').values(row(x1, x)).execute()
  await platform.services.identity.agencies.reload()
  return { x, x1, y }
}

async function caller(agencyId: string, roles: OfficialRole[], label: string) {
  const official = await createTestOfficial(platform, { agencyId, roles, label })
  return {
    official,
    caller: await sessionCaller(platform, { kind: 'official', officialId: official.id }, label),
  }
}

const send = (who: Caller, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) })

const newOfficialBody = (agencyId: string, roles: OfficialRole[] = ['officer']) => ({
  username: `moi.${unique()}`,
  fullName: 'Lê Văn Mới',
  agencyId,
  roles,
  wardCodes: ['26740'],
  password: 'mây-trôi-qua-cầu-tre-7',
})

describe('officials management', () => {
  it('an agency admin sees and manages its own agency and those under it, not others', async () => {
    const { x, x1, y } = await agencies()
    const admin = await caller(x, ['agency_admin'], 'admin-x')
    const inUnit = await createTestOfficial(platform, { agencyId: x1, roles: ['officer'], label: 'unit' })
    const elsewhere = await createTestOfficial(platform, { agencyId: y, roles: ['officer'], label: 'other' })

    const list = await send(admin.caller, 'GET', '/api/v1/console/officials')
    expect(list.statusCode).toBe(200)
    const ids = list.json().officials.map((o: { id: string }) => o.id)
    expect(ids).toEqual(expect.arrayContaining([admin.official.id, inUnit.id]))
    expect(ids).not.toContain(elsewhere.id)
    expect(new Set(list.json().officials.map((o: { agencyId: string }) => o.agencyId))).toEqual(
      new Set([x, x1]),
    )
    // Never a password hash or TOTP secret.
    expect(JSON.stringify(list.json())).not.toMatch(/password|totp_secret|argon2/i)

    // Naming an agency outside the scope: 403. A record outside it, by id: 404.
    expect((await send(admin.caller, 'GET', `/api/v1/console/officials?agencyId=${y}`)).statusCode).toBe(403)
    expect(
      (await send(admin.caller, 'GET', `/api/v1/console/officials?agencyId=${x1}`)).json().officials,
    ).toEqual([expect.objectContaining({ id: inUnit.id })])
    const patchOther = await send(admin.caller, 'PATCH', `/api/v1/console/officials/${elsewhere.id}`, {
      fullName: 'Đổi tên',
    })
    expect(patchOther.statusCode).toBe(404)
    expect(
      (await send(admin.caller, 'POST', `/api/v1/console/officials/${elsewhere.id}/unlock`)).statusCode,
    ).toBe(404)
    expect(
      (await send(admin.caller, 'POST', '/api/v1/console/officials', newOfficialBody(y))).statusCode,
    ).toBe(403)

    const created = await send(admin.caller, 'POST', '/api/v1/console/officials', newOfficialBody(x1))
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      agencyId: x1,
      roles: ['officer'],
      wardCodes: ['26740'],
      totpEnabled: false,
    })
    expect(JSON.stringify(created.json())).not.toMatch(/argon2/)
  })

  it('an agency admin can never grant system_admin; a system admin can, anywhere', async () => {
    const { x, y } = await agencies()
    const admin = await caller(x, ['agency_admin'], 'admin-x')
    const grant = await send(
      admin.caller,
      'POST',
      '/api/v1/console/officials',
      newOfficialBody(x, ['system_admin']),
    )
    expect(grant.statusCode).toBe(403)
    const officer = await createTestOfficial(platform, { agencyId: x, roles: ['officer'], label: 'officer' })
    const promote = await send(admin.caller, 'PATCH', `/api/v1/console/officials/${officer.id}`, {
      roles: ['officer', 'system_admin'],
    })
    expect(promote.statusCode).toBe(403)
    const stored = await platform.database.db
      .selectFrom('identity.officials')
      .select('roles')
      .where('id', '=', officer.id)
      .executeTakeFirstOrThrow()
    expect(stored.roles).toEqual(['officer'])
    // Nor touch an official who holds it.
    const root = await createTestOfficial(platform, { agencyId: x, roles: ['system_admin'], label: 'root' })
    expect(
      (await send(admin.caller, 'PATCH', `/api/v1/console/officials/${root.id}`, { disabled: true }))
        .statusCode,
    ).toBe(403)

    const system = await caller(y, ['system_admin'], 'sysadmin')
    const all = await send(system.caller, 'GET', '/api/v1/console/officials')
    expect(all.json().officials.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining([admin.official.id, system.official.id]),
    )
    expect(
      (await send(system.caller, 'POST', '/api/v1/console/officials', newOfficialBody(x, ['system_admin'])))
        .statusCode,
    ).toBe(201)
  })

  it('refuses a weak initial password, a taken username and unknown wards', async () => {
    const { x } = await agencies()
    const admin = await caller(x, ['agency_admin'], 'admin-x')
    const weak = await send(admin.caller, 'POST', '/api/v1/console/officials', {
      ...newOfficialBody(x),
      password: 'password123456',
    })
    expect(weak.statusCode).toBe(400)
    expect(weak.json().code).toBe('weak_password')
    const body = newOfficialBody(x)
    expect((await send(admin.caller, 'POST', '/api/v1/console/officials', body)).statusCode).toBe(201)
    expect((await send(admin.caller, 'POST', '/api/v1/console/officials', body)).statusCode).toBe(409)
    const badWard = await send(admin.caller, 'POST', '/api/v1/console/officials', {
      ...newOfficialBody(x),
      wardCodes: ['99999'],
    })
    expect(badWard.statusCode).toBe(400)
    expect(badWard.json().errors[0].pointer).toBe('/wardCodes/0')
  })

  it('disabling ends the official’s sessions; unlock clears the lock; reset-totp forgets the authenticator', async () => {
    const { x } = await agencies()
    const admin = await caller(x, ['agency_admin'], 'admin-x')
    const target = await caller(x, ['officer'], 'target')
    const { db } = platform.database
    await db
      .updateTable('identity.officials')
      .set({
        failed_attempts: 7,
        locked_until: new Date(Date.now() + 3_600_000),
        totp_enabled: true,
        totp_secret_enc: 'v1.x.y',
      })
      .where('id', '=', target.official.id)
      .execute()

    const unlocked = await send(
      admin.caller,
      'POST',
      `/api/v1/console/officials/${target.official.id}/unlock`,
    )
    expect(unlocked.json()).toMatchObject({ failedAttempts: 0, lockedUntil: null })
    const reset = await send(
      admin.caller,
      'POST',
      `/api/v1/console/officials/${target.official.id}/reset-totp`,
    )
    expect(reset.json()).toMatchObject({ totpEnabled: false })
    const row = await db
      .selectFrom('identity.officials')
      .select(['totp_secret_enc'])
      .where('id', '=', target.official.id)
      .executeTakeFirstOrThrow()
    expect(row.totp_secret_enc).toBeNull()

    const session = await sessionCaller(
      platform,
      { kind: 'official', officialId: target.official.id },
      'target-2',
    )
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: session.headers })).json().signedIn,
    ).toBe(true)
    const disabled = await send(admin.caller, 'PATCH', `/api/v1/console/officials/${target.official.id}`, {
      disabled: true,
    })
    expect(disabled.json()).toMatchObject({ disabled: true })
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: session.headers })).json().signedIn,
    ).toBe(false)
    // Own account: not disabled by oneself.
    expect(
      (
        await send(admin.caller, 'PATCH', `/api/v1/console/officials/${admin.official.id}`, {
          disabled: true,
        })
      ).statusCode,
    ).toBe(400)
  })

  it('is closed to officers and residents', async () => {
    const { x } = await agencies()
    const officer = await caller(x, ['officer'], 'officer')
    expect((await send(officer.caller, 'GET', '/api/v1/console/officials')).statusCode).toBe(403)
    expect((await app.inject({ url: '/api/v1/console/officials' })).statusCode).toBe(401)
  })
})
