import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testAppAndPlatform, testConfig } from '../../../../tests/support/test-platform.ts'
import type { Platform } from '../../../core/platform.ts'
import { CITY_AGENCY_ID } from '../agencies/agency.seed.ts'
import { createOfficial } from './official.repository.ts'
import { OfficialService, totpSecretContext } from './official.service.ts'
import { newTotpSecret, totpCode } from './totp.ts'

const THRESHOLD = 3
const BASE_SECONDS = 60
const PASSWORD = 'mây-trôi-qua-cầu-tre-7'

let app: FastifyInstance
let platform: Platform
beforeAll(async () => {
  const config = testConfig({
    LOCKOUT_THRESHOLD: String(THRESHOLD),
    LOCKOUT_BASE_SECONDS: String(BASE_SECONDS),
  })
  ;({ app, platform } = await testAppAndPlatform(undefined, { config }))
})
afterAll(() => app?.close())

async function newOfficial(roles: ('officer' | 'agency_admin' | 'system_admin')[] = ['officer']) {
  const username = `test.${randomUUID().slice(0, 8)}`
  const official = await createOfficial(platform.database.db, {
    username,
    fullName: 'Trần Thị Thử Nghiệm',
    agencyId: CITY_AGENCY_ID,
    roles,
    password: PASSWORD,
  })
  return official
}

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, headers })

const signIn = (username: string, password: string) =>
  post('/api/v1/auth/official/sign-in', { username, password })

/** Password, TOTP enrolment and the first code: the cookie of the new session. */
async function signInFully(username: string, password = PASSWORD) {
  const first = await signIn(username, password)
  expect(first.statusCode).toBe(200)
  expect(first.json().status).toBe('totp_enrollment_required')
  const { challenge } = first.json()
  const enrolled = await post('/api/v1/auth/official/totp/enroll', { challenge })
  expect(enrolled.statusCode).toBe(200)
  const { secret } = enrolled.json()
  const done = await post('/api/v1/auth/official/totp', { challenge, code: totpCode(secret, Date.now()) })
  expect(done.statusCode).toBe(200)
  expect(done.json()).toEqual({ status: 'signed_in' })
  const cookie = String(done.headers['set-cookie']).match(/dc_session=([^;]+)/)?.[1]
  expect(cookie).toBeTruthy()
  return { cookie: `dc_session=${cookie}`, secret, setCookie: String(done.headers['set-cookie']) }
}

describe('official sign-in', () => {
  it('answers the same sign_in_failed for an unknown username and a wrong password', async () => {
    const official = await newOfficial()
    const unknown = await signIn(`nobody.${randomUUID().slice(0, 8)}`, PASSWORD)
    const wrong = await signIn(official.username, 'not-the-password-at-all')
    for (const response of [unknown, wrong]) {
      expect(response.statusCode).toBe(401)
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(response.json().code).toBe('sign_in_failed')
    }
    expect(unknown.json().detail).toBe(wrong.json().detail)
  })

  it('signs in with password, TOTP enrolment and code; the session works and is an HttpOnly cookie', async () => {
    const official = await newOfficial()
    const { cookie, setCookie } = await signInFully(official.username)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    const session = await app.inject({ url: '/api/v1/auth/session', headers: { cookie } })
    expect(session.json()).toMatchObject({
      signedIn: true,
      kind: 'official',
      official: { id: official.id, username: official.username, totpEnabled: true, agencyId: CITY_AGENCY_ID },
    })
    // The TOTP secret is stored encrypted only.
    const row = await platform.database.db
      .selectFrom('identity.officials')
      .select(['totp_secret_enc', 'totp_enabled'])
      .where('id', '=', official.id)
      .executeTakeFirstOrThrow()
    expect(row.totp_enabled).toBe(true)
    expect(row.totp_secret_enc).toMatch(/^v1\./)
    // Next time: the code is asked for, not an enrolment, and enrolling again is refused.
    const again = await signIn(official.username, PASSWORD)
    expect(again.json().status).toBe('totp_required')
    const reEnroll = await post('/api/v1/auth/official/totp/enroll', { challenge: again.json().challenge })
    expect(reEnroll.statusCode).toBe(409)
  })

  it('ends the session the browser had before, and refuses a used or unknown challenge', async () => {
    const official = await newOfficial()
    const first = await signInFully(official.username)
    const secondStep = await signIn(official.username, PASSWORD)
    const { challenge } = secondStep.json()
    const row = await platform.database.db
      .selectFrom('identity.officials')
      .select('totp_last_step')
      .where('id', '=', official.id)
      .executeTakeFirstOrThrow()
    // The next step's code (the current one was used by the first sign-in).
    const code = totpCode(first.secret, ((row.totp_last_step as number) + 1) * 30_000)
    const done = await post('/api/v1/auth/official/totp', { challenge, code }, { cookie: first.cookie })
    expect(done.statusCode).toBe(200)
    const old = await app.inject({ url: '/api/v1/auth/session', headers: { cookie: first.cookie } })
    expect(old.json().signedIn).toBe(false)
    const reused = await post('/api/v1/auth/official/totp', { challenge, code })
    expect(reused.statusCode).toBe(401)
    expect(reused.json().code).toBe('sign_in_expired')
  })

  it('takes JSON only', async () => {
    const official = await newOfficial()
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/official/sign-in',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ username: official.username, password: PASSWORD }),
    })
    expect(response.statusCode).toBe(415)
    const form = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/official/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=${official.username}&password=x`,
    })
    expect(form.statusCode).toBe(415)
  })

  it('refuses disabled officials', async () => {
    const official = await newOfficial()
    await platform.database.db
      .updateTable('identity.officials')
      .set({ disabled_at: new Date() })
      .where('id', '=', official.id)
      .execute()
    const response = await signIn(official.username, PASSWORD)
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('sign_in_failed')
  })
})

describe('lockout', () => {
  it('locks after the threshold, refuses even the right password while locked, and doubles', async () => {
    const official = await newOfficial()
    for (let attempt = 1; attempt < THRESHOLD; attempt++) {
      expect((await signIn(official.username, `wrong-${attempt}`)).json().code).toBe('sign_in_failed')
    }
    const locking = await signIn(official.username, 'wrong-last')
    expect(locking.statusCode).toBe(429)
    expect(locking.json().code).toBe('account_locked')
    expect(Number(locking.headers['retry-after'])).toBeGreaterThan(BASE_SECONDS - 5)
    expect(Number(locking.headers['retry-after'])).toBeLessThanOrEqual(BASE_SECONDS)

    const rightButLocked = await signIn(official.username, PASSWORD)
    expect(rightButLocked.statusCode).toBe(429)
    expect(rightButLocked.json().code).toBe('account_locked')
    expect(Number(rightButLocked.headers['retry-after'])).toBeGreaterThan(0)

    // The lock runs out: the right password works again (the counter resets only on a full sign-in).
    const expire = () =>
      platform.database.db
        .updateTable('identity.officials')
        .set({ locked_until: new Date(Date.now() - 1000) })
        .where('id', '=', official.id)
        .execute()
    await expire()
    expect((await signIn(official.username, PASSWORD)).json().status).toBe('totp_enrollment_required')

    // One more failure past the threshold: twice as long.
    await expire()
    const doubled = await signIn(official.username, 'wrong-again')
    expect(doubled.statusCode).toBe(429)
    expect(Number(doubled.headers['retry-after'])).toBeGreaterThan(2 * BASE_SECONDS - 5)
    expect(Number(doubled.headers['retry-after'])).toBeLessThanOrEqual(2 * BASE_SECONDS)
  })

  it('counts wrong TOTP codes, and a full sign-in resets the counter', async () => {
    const official = await newOfficial()
    const first = await signIn(official.username, PASSWORD)
    const { challenge } = first.json()
    const { secret } = (await post('/api/v1/auth/official/totp/enroll', { challenge })).json()
    const wrongCode = totpCode(secret, Date.now() + 10 * 60_000)
    const wrong = await post('/api/v1/auth/official/totp', { challenge, code: wrongCode })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().code).toBe('totp_invalid')
    const counted = () =>
      platform.database.db
        .selectFrom('identity.officials')
        .select(['failed_attempts', 'totp_enabled'])
        .where('id', '=', official.id)
        .executeTakeFirstOrThrow()
    expect(await counted()).toEqual({ failed_attempts: 1, totp_enabled: false })
    const right = await post('/api/v1/auth/official/totp', { challenge, code: totpCode(secret, Date.now()) })
    expect(right.statusCode).toBe(200)
    expect(await counted()).toEqual({ failed_attempts: 0, totp_enabled: true })
  })
})

describe('TOTP drift window and replay (injected clock)', () => {
  it('accepts steps −1, 0, +1, refuses −2 and +2, and never accepts a step twice', async () => {
    const official = await newOfficial()
    const secret = newTotpSecret()
    const { db } = platform.database
    await db
      .updateTable('identity.officials')
      .set({
        totp_secret_enc: platform.services.identity.cipher.encrypt(secret, totpSecretContext(official.id)),
        totp_enabled: true,
      })
      .where('id', '=', official.id)
      .execute()
    const now = Date.UTC(2026, 2, 1, 9, 30, 10)
    const service = new OfficialService(
      db,
      platform.services.identity.cipher,
      { lockoutThreshold: 50, lockoutBaseSeconds: 1 },
      () => now,
    )
    const codeAt = (steps: number) => totpCode(secret, now + steps * 30_000)
    const attempt = async (steps: number) => {
      const { challenge } = await service.signIn(official.username, PASSWORD)
      return service.completeTotp(challenge, codeAt(steps)).then(
        () => 'accepted',
        (error: { code?: string }) => error.code,
      )
    }
    expect(await attempt(-2)).toBe('totp_invalid')
    expect(await attempt(2)).toBe('totp_invalid')
    expect(await attempt(-1)).toBe('accepted')
    expect(await attempt(0)).toBe('accepted')
    expect(await attempt(1)).toBe('accepted')
    // Replays: the same code, and an older one still inside the window.
    expect(await attempt(1)).toBe('totp_invalid')
    expect(await attempt(0)).toBe('totp_invalid')
  })
})

describe('password change and CSRF', () => {
  it('needs the CSRF token, checks the current password and the policy, and ends other sessions', async () => {
    const official = await newOfficial()
    const { cookie } = await signInFully(official.username)
    const { csrfToken } = (await app.inject({ url: '/api/v1/auth/session', headers: { cookie } })).json()
    const other = await platform.services.identity.sessions.create(
      { kind: 'official', officialId: official.id },
      { userAgent: 'other device' },
    )
    const newPassword = 'sông-Sài-Gòn-chiều-nắng-2026'
    const change = (headers: Record<string, string>, body: object) =>
      post('/api/v1/auth/official/password', body, { cookie, ...headers })

    const noToken = await change({}, { currentPassword: PASSWORD, newPassword })
    expect(noToken.statusCode).toBe(403)
    expect(noToken.json().code).toBe('csrf_failed')

    const wrongCurrent = await change(
      { 'x-csrf-token': csrfToken },
      { currentPassword: 'nope-nope-nope', newPassword },
    )
    expect(wrongCurrent.statusCode).toBe(400)
    expect(wrongCurrent.json().errors[0].pointer).toBe('/currentPassword')

    const weak = await change(
      { 'x-csrf-token': csrfToken },
      { currentPassword: PASSWORD, newPassword: 'password123456' },
    )
    expect(weak.statusCode).toBe(400)
    expect(weak.json().code).toBe('weak_password')
    expect(weak.json().errors[0].pointer).toBe('/newPassword')

    const ok = await change({ 'x-csrf-token': csrfToken }, { currentPassword: PASSWORD, newPassword })
    expect(ok.statusCode).toBe(204)
    expect((await app.inject({ url: '/api/v1/auth/session', headers: { cookie } })).json().signedIn).toBe(
      true,
    )
    expect(
      (
        await app.inject({ url: '/api/v1/auth/session', headers: { cookie: `dc_session=${other.token}` } })
      ).json().signedIn,
    ).toBe(false)
    expect((await signIn(official.username, PASSWORD)).statusCode).toBe(401)
    expect((await signIn(official.username, newPassword)).json().status).toBe('totp_required')
  })
})
