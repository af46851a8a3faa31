import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Caller,
  createTestAgency,
  createTestOfficial,
  createTestResident,
  sessionCaller,
} from '../../../../tests/support/principals.ts'
import { testAppAndPlatform } from '../../../../tests/support/test-platform.ts'
import type { Platform } from '../../../core/platform.ts'
import { buildPersonalDataExport } from './personal-data-export.ts'
import { runRetention } from './retention.job.ts'

let app: FastifyInstance
let platform: Platform
let agencyId: string
let officer: Caller
let officerName: string
let agencyAdmin: Caller
let leader: Caller
let alertOperator: Caller
const REASON = 'Xác minh hồ sơ đăng ký thường trú'

beforeAll(async () => {
  ;({ app, platform } = await testAppAndPlatform())
  agencyId = await createTestAgency(platform, 'privacy')
  const official = async (role: 'officer' | 'agency_admin' | 'leader' | 'alert_operator') => {
    const { id, username } = await createTestOfficial(platform, { agencyId, roles: [role], label: role })
    return { caller: await sessionCaller(platform, { kind: 'official', officialId: id }, role), username }
  }
  const made = await official('officer')
  officer = made.caller
  officerName = `Cán bộ ${made.username}`
  agencyAdmin = (await official('agency_admin')).caller
  leader = (await official('leader')).caller
  alertOperator = (await official('alert_operator')).caller
})
afterAll(() => app?.close())

const residentCaller = (residentId: string) =>
  sessionCaller(platform, { kind: 'resident', residentId }, `resident ${residentId}`)

describe('officials look residents up', () => {
  it('finds by national ID with masked data and logs one entry per match', async () => {
    const { id, claims } = await createTestResident(platform, 'lookup')
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/console/residents',
      query: { nationalId: claims.nationalId, reason: REASON },
      headers: { ...officer.headers, 'x-request-id': 'lookup-req-0001' },
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.json()).toEqual({
      residents: [
        {
          id,
          fullName: claims.fullName,
          nationalIdMasked: `********${claims.nationalId.slice(-4)}`,
          phoneMasked: `******${claims.phone.slice(-4)}`,
          closed: false,
        },
      ],
    })
    expect(response.body).not.toContain(claims.nationalId)
    expect(response.body).not.toContain(claims.phone)
    const rows = await platform.database.db
      .selectFrom('identity.access_log')
      .selectAll()
      .where('resident_id', '=', id)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      action: 'lookup',
      agency_id: agencyId,
      reason: REASON,
      request_id: 'lookup-req-0001',
    })
    expect(rows[0]?.fields).toContain('nationalId')
  })

  it('requires a reason of at least 5 characters and a 12-digit national ID', async () => {
    const { claims } = await createTestResident(platform, 'noreason')
    const queries: Record<string, string>[] = [
      { nationalId: claims.nationalId },
      { nationalId: claims.nationalId, reason: 'abc' },
      { nationalId: claims.nationalId, reason: '        ' },
      { nationalId: '12345', reason: REASON },
    ]
    for (const query of queries) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/console/residents',
        query,
        headers: officer.headers,
      })
      expect(response.statusCode, JSON.stringify(query)).toBe(400)
      expect(response.json().code).toBe('validation_failed')
    }
  })

  it('opens the full profile only after logging the view', async () => {
    const { id, claims } = await createTestResident(platform, 'view')
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/console/residents/${id}`,
      query: { reason: REASON },
      headers: agencyAdmin.headers,
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      id,
      fullName: claims.fullName,
      nationalId: claims.nationalId,
      phone: claims.phone,
      birthDate: claims.birthDate,
      closedAt: null,
    })
    const rows = await platform.database.db
      .selectFrom('identity.access_log')
      .select(['action', 'fields', 'reason'])
      .where('resident_id', '=', id)
      .execute()
    expect(rows).toEqual([
      { action: 'view', fields: ['fullName', 'nationalId', 'phone', 'birthDate'], reason: REASON },
    ])

    const noReason = await app.inject({
      method: 'GET',
      url: `/api/v1/console/residents/${id}`,
      headers: agencyAdmin.headers,
    })
    expect(noReason.statusCode).toBe(400)
  })

  it('returns no data when the access log cannot be written', async () => {
    const { id, claims } = await createTestResident(platform, 'logfails')
    const original = platform.services.identity.accessLog.append
    platform.services.identity.accessLog.append = async () => {
      throw new Error('log unavailable')
    }
    try {
      for (const url of [`/api/v1/console/residents/${id}`, '/api/v1/console/residents']) {
        const response = await app.inject({
          method: 'GET',
          url,
          query: { reason: REASON, nationalId: claims.nationalId },
          headers: officer.headers,
        })
        expect(response.statusCode).toBe(500)
        expect(response.body).not.toContain(claims.nationalId)
        expect(response.body).not.toContain(claims.fullName)
      }
    } finally {
      platform.services.identity.accessLog.append = original
    }
  })

  it('refuses other roles, residents and anonymous callers', async () => {
    const { id, claims } = await createTestResident(platform, 'roles')
    const resident = await residentCaller(id)
    for (const [caller, status] of [
      [leader, 403],
      [alertOperator, 403],
      [resident, 403],
      [{ label: 'anonymous', headers: {} }, 401],
    ] as const) {
      for (const url of ['/api/v1/console/residents', `/api/v1/console/residents/${id}`]) {
        const response = await app.inject({
          method: 'GET',
          url,
          query: { nationalId: claims.nationalId, reason: REASON },
          headers: caller.headers,
        })
        expect(response.statusCode, `${caller.label} ${url}`).toBe(status)
      }
    }
    const logged = await platform.database.db
      .selectFrom('identity.access_log')
      .select('seq')
      .where('resident_id', '=', id)
      .execute()
    expect(logged).toEqual([])
  })
})

describe("residents' own data", () => {
  it('shows the resident who read their data, when and why', async () => {
    const { id, claims } = await createTestResident(platform, 'history')
    await app.inject({
      method: 'GET',
      url: '/api/v1/console/residents',
      query: { nationalId: claims.nationalId, reason: REASON },
      headers: officer.headers,
    })
    const resident = await residentCaller(id)
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/me/access-log',
      headers: resident.headers,
    })
    expect(response.statusCode).toBe(200)
    const agencyName = `Cơ quan ${agencyId}`
    expect(response.json()).toEqual({
      entries: [
        {
          at: expect.any(String),
          officialName: officerName,
          agencyName,
          action: 'lookup',
          fields: ['nationalId', 'fullName', 'phone'],
          reason: REASON,
        },
      ],
    })
  })

  it('GET /api/v1/me returns the own profile, uncached', async () => {
    const { id, claims } = await createTestResident(platform, 'me')
    const resident = await residentCaller(id)
    const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers: resident.headers })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.json()).toEqual({
      id,
      fullName: claims.fullName,
      nationalId: claims.nationalId,
      birthDate: claims.birthDate,
      phone: claims.phone,
      assuranceLevel: claims.assuranceLevel,
      createdAt: expect.any(String),
      lastSignInAt: expect.any(String),
    })
    expect((await app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401)
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: officer.headers })).statusCode,
    ).toBe(403)
  })

  it("the export is a download of the resident's own data only", async () => {
    const a = await createTestResident(platform, 'export-a')
    const b = await createTestResident(platform, 'export-b')
    for (const target of [a, b]) {
      await app.inject({
        method: 'GET',
        url: `/api/v1/console/residents/${target.id}`,
        query: { reason: `Kiểm tra ${target.claims.subject}` },
        headers: officer.headers,
      })
    }
    const callerA = await residentCaller(a.id)
    await residentCaller(b.id)
    const response = await app.inject({ method: 'GET', url: '/api/v1/me/export', headers: callerA.headers })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="du-lieu-ca-nhan-\d{4}-\d{2}-\d{2}\.json"$/,
    )
    const data = response.json()
    expect(data).toMatchObject({
      format: 'digital-citizen.personal-data',
      version: 1,
      profile: { id: a.id, nationalId: a.claims.nationalId, phone: a.claims.phone },
      accessLog: [{ action: 'view', reason: `Kiểm tra ${a.claims.subject}` }],
      sections: {},
    })
    expect(data.sessions.map((session: { id: string }) => session.id)).toContain(callerA.sessionId)
    expect(
      data.sessions.every(
        (session: { current: boolean; id: string }) => session.current === (session.id === callerA.sessionId),
      ),
    ).toBe(true)
    for (const secret of [b.id, b.claims.nationalId, b.claims.phone, b.claims.fullName, b.claims.subject]) {
      expect(response.body).not.toContain(secret)
    }
    // No query or path parameter picks another resident.
    const probing = await app.inject({
      method: 'GET',
      url: `/api/v1/me/export?residentId=${b.id}`,
      headers: callerA.headers,
    })
    expect(probing.json().profile.id).toBe(a.id)
  })

  it('modules add their sections to the export', async () => {
    const { id } = await createTestResident(platform, 'sections')
    const { identity } = platform.services
    const data = await buildPersonalDataExport(
      {
        db: platform.database.db,
        cipher: identity.cipher,
        sessions: identity.sessions,
        accessLog: identity.accessLog,
      },
      id,
      { exporters: [{ section: 'feedback', export: async (_db, residentId) => [{ reporter: residentId }] }] },
    )
    expect(data.sections).toEqual({ feedback: [{ reporter: id }] })
  })
})

describe('closing the account and retention', () => {
  it('closing signs out everywhere; retention anonymises after the period, keeps recent ones', async () => {
    const old = await createTestResident(platform, 'closing-old')
    const recent = await createTestResident(platform, 'closing-recent')
    const oldCaller = await residentCaller(old.id)
    const oldOtherDevice = await residentCaller(old.id)

    const noCsrf = await app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      headers: { cookie: oldCaller.headers.cookie as string },
    })
    expect(noCsrf.statusCode).toBe(403)

    const closed = await app.inject({ method: 'DELETE', url: '/api/v1/me', headers: oldCaller.headers })
    expect(closed.statusCode).toBe(204)
    expect(String(closed.headers['set-cookie'])).toMatch(/dc_session=;/)
    for (const caller of [oldCaller, oldOtherDevice]) {
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/me', headers: caller.headers })).statusCode,
      ).toBe(401)
    }
    const live = await platform.database.db
      .selectFrom('identity.sessions')
      .select('id')
      .where('resident_id', '=', old.id)
      .where('revoked_at', 'is', null)
      .execute()
    expect(live).toEqual([])

    const recentCaller = await residentCaller(recent.id)
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/v1/me', headers: recentCaller.headers })).statusCode,
    ).toBe(204)

    const { db } = platform.database
    const retentionDays = platform.config.identity.retentionDays
    // "old" closed retentionDays + 2 days before the run; "recent" one day before it.
    const now = new Date(Date.now() + (retentionDays + 1) * 86_400_000)
    await db
      .updateTable('identity.residents')
      .set({ closed_at: new Date(now.getTime() - (retentionDays + 2) * 86_400_000) })
      .where('id', '=', old.id)
      .execute()
    await db
      .updateTable('identity.residents')
      .set({ closed_at: new Date(now.getTime() - 86_400_000) })
      .where('id', '=', recent.id)
      .execute()

    const summary = await runRetention(
      { db, sessions: platform.services.identity.sessions, retentionDays, anonymisers: [] },
      now,
    )
    expect(summary.residentsAnonymised).toBeGreaterThanOrEqual(1)

    const oldRow = await db
      .selectFrom('identity.residents')
      .selectAll()
      .where('id', '=', old.id)
      .executeTakeFirstOrThrow()
    expect(oldRow).toMatchObject({
      full_name: null,
      national_id_enc: null,
      national_id_hash: null,
      phone_enc: null,
      birth_date_enc: null,
      oidc_subject: `anonymised:${old.id}`,
    })
    expect(oldRow.anonymised_at?.getTime()).toBe(now.getTime())
    expect(JSON.stringify(oldRow)).not.toContain(old.claims.subject)
    expect(
      await db.selectFrom('identity.sessions').select('id').where('resident_id', '=', old.id).execute(),
    ).toEqual([])

    const recentRow = await db
      .selectFrom('identity.residents')
      .selectAll()
      .where('id', '=', recent.id)
      .executeTakeFirstOrThrow()
    expect(recentRow).toMatchObject({ full_name: recent.claims.fullName, anonymised_at: null })
    expect(recentRow.national_id_enc).not.toBeNull()

    // An anonymised resident is no longer found by national ID. (A run this far in the future has
    // also deleted every session, the officer's included, as long ended: sign in again.)
    const { id: officialId } = await createTestOfficial(platform, { agencyId, roles: ['officer'] })
    const freshOfficer = await sessionCaller(platform, { kind: 'official', officialId }, 'officer again')
    const lookup = await app.inject({
      method: 'GET',
      url: '/api/v1/console/residents',
      query: { nationalId: old.claims.nationalId, reason: REASON },
      headers: freshOfficer.headers,
    })
    expect(lookup.json()).toEqual({ residents: [] })
  })

  it('retention deletes long-ended sessions and expired sign-ins in progress, and runs module anonymisers', async () => {
    const { id } = await createTestResident(platform, 'ended')
    const { db } = platform.database
    const { sessions } = platform.services.identity
    const ended = await sessions.create({ kind: 'resident', residentId: id }, {})
    const live = await sessions.create({ kind: 'resident', residentId: id }, {})
    await sessions.revokeToken(ended.token)
    const tokenHash = `test-pending-${id}`
    await db
      .insertInto('identity.pending_sign_ins')
      .values({
        token_hash: tokenHash,
        kind: 'oidc',
        data: JSON.stringify({}),
        expires_at: new Date(Date.now() + 60_000),
      })
      .execute()
    const seen: Date[] = []
    const now = new Date(Date.now() + 31 * 86_400_000)
    const summary = await runRetention(
      {
        db,
        sessions,
        retentionDays: platform.config.identity.retentionDays,
        anonymisers: [
          {
            name: 'test.module',
            anonymise: async (_db, context) => {
              seen.push(context.now)
              return 3
            },
          },
        ],
      },
      now,
    )
    expect(summary.modules).toEqual({ 'test.module': 3 })
    expect(seen).toEqual([now])
    const remaining = await db
      .selectFrom('identity.sessions')
      .select('id')
      .where('resident_id', '=', id)
      .execute()
    // The live one expired too by then (absolute lifetime), so both are gone; before that neither was.
    expect(remaining.map((row) => row.id)).not.toContain(ended.session.id)
    expect(summary.sessionsDeleted).toBeGreaterThanOrEqual(1)
    expect(
      await db
        .selectFrom('identity.pending_sign_ins')
        .select('token_hash')
        .where('token_hash', '=', tokenHash)
        .execute(),
    ).toEqual([])
    expect(live.session.id).toBeDefined()
  })
})
