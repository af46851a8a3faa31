import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestResident, sessionCaller } from '../../../tests/support/principals.ts'
import { testAppAndPlatform } from '../../../tests/support/test-platform.ts'
import type { Platform } from '../../core/platform.ts'
import { hashToken } from './sessions.ts'

let app: FastifyInstance
let platform: Platform
beforeAll(async () => {
  ;({ app, platform } = await testAppAndPlatform())
})
afterAll(() => app?.close())

const whoAmI = async (cookie: string) =>
  (await app.inject({ url: '/api/v1/auth/session', headers: { cookie } })).json()

async function residentSession() {
  const resident = await createTestResident(platform)
  const caller = await sessionCaller(platform, { kind: 'resident', residentId: resident.id }, 'r')
  const token = (caller.headers.cookie as string).replace('dc_session=', '')
  return { resident, caller, token }
}

describe('sessions', () => {
  it('stores only a hash of the token', async () => {
    const { token } = await residentSession()
    const rows = await platform.database.db
      .selectFrom('identity.sessions')
      .select('token_hash')
      .where('token_hash', 'in', [token, hashToken(token)])
      .execute()
    expect(rows.map((row) => row.token_hash)).toEqual([hashToken(token)])
  })

  it('looks up sessions in flight together in one query, each answering for its own resident', async () => {
    const sessions = await Promise.all([1, 2, 3, 4, 5, 6].map(() => residentSession()))
    const revoked = sessions[2] as (typeof sessions)[number]
    await platform.services.identity.sessions.revokeToken(revoked.token)
    const answers = await Promise.all(sessions.map((one) => whoAmI(one.caller.headers.cookie as string)))
    for (const [n, answer] of answers.entries()) {
      if (n === 2) expect(answer.signedIn).toBe(false)
      else expect(answer.resident?.id).toBe(sessions[n]?.resident.id)
    }
    // The same token twice in one batch, and an unknown one, each get their own answer.
    const token = (sessions[0] as (typeof sessions)[number]).token
    const same = await Promise.all(
      [token, token, 'not-a-session'].map((one) => platform.services.identity.sessions.resolve(one)),
    )
    expect(same.map((one) => one?.residentId ?? null)).toEqual([
      sessions[0]?.resident.id,
      sessions[0]?.resident.id,
      null,
    ])
  })

  it('ends after the idle timeout and after the absolute timeout', async () => {
    const idle = await residentSession()
    expect((await whoAmI(idle.caller.headers.cookie as string)).signedIn).toBe(true)
    const idleMinutes = platform.config.identity.sessionIdleMinutes
    await platform.database.db
      .updateTable('identity.sessions')
      .set({ last_seen_at: new Date(Date.now() - (idleMinutes + 1) * 60_000) })
      .where('id', '=', idle.caller.sessionId)
      .execute()
    const response = await app.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: idle.caller.headers.cookie as string },
    })
    expect(response.json().signedIn).toBe(false)
    // The stale cookie is cleared.
    expect(String(response.headers['set-cookie'])).toMatch(/dc_session=;/)

    const old = await residentSession()
    await platform.database.db
      .updateTable('identity.sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', old.caller.sessionId)
      .execute()
    expect((await whoAmI(old.caller.headers.cookie as string)).signedIn).toBe(false)
  })

  it('lists, ends one, and signs out everywhere; resident A cannot end resident B’s session', async () => {
    const a = await residentSession()
    const a2 = await sessionCaller(platform, { kind: 'resident', residentId: a.resident.id }, 'a2')
    const b = await residentSession()
    const list = await app.inject({ url: '/api/v1/auth/sessions', headers: a.caller.headers })
    const ids = list.json().sessions.map((s: { id: string; current: boolean }) => s.id)
    expect(ids).toEqual(expect.arrayContaining([a.caller.sessionId, a2.sessionId]))
    expect(ids).not.toContain(b.caller.sessionId)

    const foreign = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${b.caller.sessionId}`,
      headers: a.caller.headers,
    })
    expect(foreign.statusCode).toBe(404)
    expect((await whoAmI(b.caller.headers.cookie as string)).signedIn).toBe(true)

    const own = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${a2.sessionId}`,
      headers: a.caller.headers,
    })
    expect(own.statusCode).toBe(204)
    expect((await whoAmI(a2.headers.cookie as string)).signedIn).toBe(false)

    const a3 = await sessionCaller(platform, { kind: 'resident', residentId: a.resident.id }, 'a3')
    const all = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sessions/revoke-all',
      headers: a.caller.headers,
    })
    expect(all.json().ended).toBe(2)
    expect((await whoAmI(a.caller.headers.cookie as string)).signedIn).toBe(false)
    expect((await whoAmI(a3.headers.cookie as string)).signedIn).toBe(false)
    expect((await whoAmI(b.caller.headers.cookie as string)).signedIn).toBe(true)
  })

  it('sign-out ends the session and clears the cookie', async () => {
    const { caller } = await residentSession()
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: caller.headers,
    })
    expect(response.statusCode).toBe(204)
    expect(String(response.headers['set-cookie'])).toMatch(/dc_session=;.*HttpOnly/i)
    expect((await whoAmI(caller.headers.cookie as string)).signedIn).toBe(false)
  })

  it('sets HttpOnly, Secure and SameSite on the session cookie', async () => {
    const { caller } = await residentSession()
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: caller.headers,
    })
    const cookie = String(response.headers['set-cookie'])
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/SameSite=Lax/)
  })
})
