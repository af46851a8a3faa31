import { randomBytes, randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeOidcProvider, startFakeOidcProvider } from '../../../../tests/support/fake-oidc-provider.ts'
import { TestBrowser } from '../../../../tests/support/test-browser.ts'
import { testApp, testAppAndPlatform, testConfig } from '../../../../tests/support/test-platform.ts'
import { ConfigError, loadConfig } from '../../../config.ts'
import type { Platform } from '../../../core/platform.ts'
import { CITY_AGENCY_ID } from '../agencies/agency.seed.ts'
import { createOfficial } from './official.repository.ts'
import { consoleReturnTo } from './official-oidc.routes.ts'
import { assertOfficialSignInConfig } from './official-oidc.ts'

/**
 * Officials signing in with their agency's OpenID Connect provider (a fake one the tests steer:
 * tests/support/fake-oidc-provider.ts), instead of password + TOTP.
 */

const CLIENT_ID = 'digital-citizen-console'

let fake: FakeOidcProvider
let app: FastifyInstance
let platform: Platform
let base: string

beforeAll(async () => {
  fake = await startFakeOidcProvider({ clientId: CLIENT_ID })
  const config = testConfig({ OFFICIAL_OIDC_ISSUER: fake.issuer, OFFICIAL_OIDC_CLIENT_SECRET: 'fake-secret' })
  ;({ app, platform } = await testAppAndPlatform(undefined, { config }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await app?.close()
  await fake?.close()
})

async function newOfficial(options: { email?: string; disabled?: boolean } = {}) {
  const tag = randomUUID().slice(0, 8)
  const official = await createOfficial(platform.database.db, {
    username: `oidc.${tag}`,
    fullName: 'Lê Văn Công Vụ',
    email: options.email ?? `Cong.Vu.${tag}@HCMC.gov.vn`,
    agencyId: CITY_AGENCY_ID,
    roles: ['officer'],
    password: 'mây-trôi-qua-cầu-tre-7',
  })
  if (options.disabled) {
    await platform.database.db
      .updateTable('identity.officials')
      .set({ disabled_at: new Date() })
      .where('id', '=', official.id)
      .execute()
  }
  return official
}

/** What the agency's provider says about the person signing in next. */
function providerSays(claims: Record<string, unknown>, subject = `agency-${randomUUID()}`) {
  fake.flaw = 'none'
  fake.deny = false
  fake.subject = subject
  fake.claims = { name: 'Lê Văn Công Vụ', acr: 'urn:agency:mfa', amr: ['pwd', 'otp'], ...claims }
  return subject
}

const leavesSignIn = (url: URL) => url.origin === base && !url.pathname.startsWith('/auth/official/')
const isCallback = (url: URL) => url.href.startsWith(`${base}/auth/official/callback`)
const pathOf = (url: URL | undefined) => `${url?.pathname}${url?.search}`

async function signIn(browser = new TestBrowser(), returnTo = '/console') {
  const { stoppedAt } = await browser.follow(
    `${base}/auth/official/login?returnTo=${encodeURIComponent(returnTo)}`,
    { stopBefore: leavesSignIn },
  )
  return { landed: pathOf(stoppedAt), session: browser.cookie(base, 'dc_session'), browser }
}

async function sessionOf(token: string | undefined) {
  const response = await app.inject({
    url: '/api/v1/auth/session',
    cookies: token ? { dc_session: token } : {},
  })
  return response.json()
}

async function linkOf(officialId: string) {
  return platform.database.db
    .selectFrom('identity.officials')
    .select(['oidc_issuer', 'oidc_subject'])
    .where('id', '=', officialId)
    .executeTakeFirstOrThrow()
}

describe('signing in with the agency provider', () => {
  it('links an official by verified email on first use, then recognises the subject', async () => {
    const official = await newOfficial()
    const subject = providerSays({ email: (official.email as string).toLowerCase(), email_verified: true })

    const first = await signIn(new TestBrowser(), '/console/quan-tri?tab=can-bo')
    expect(first.landed).toBe('/console/quan-tri?tab=can-bo')
    expect(first.session).toBeTruthy()
    expect(first.browser.cookie(base, 'dc_signin')).toBeUndefined()
    expect(await sessionOf(first.session)).toMatchObject({
      signedIn: true,
      kind: 'official',
      official: { id: official.id },
    })
    expect(await linkOf(official.id)).toEqual({ oidc_issuer: fake.issuer, oidc_subject: subject })

    // The second time the subject decides: the email may have changed (or be absent) at the provider.
    providerSays({ email: 'renamed@example.vn', email_verified: false }, subject)
    const second = await signIn()
    expect(second.landed).toBe('/console')
    expect((await sessionOf(second.session)).official.id).toBe(official.id)
    expect(second.session).not.toBe(first.session)
  })

  it('answers GET /api/v1/auth/official/providers with organisation: true', async () => {
    const response = await app.inject({ url: '/api/v1/auth/official/providers' })
    expect(response.json()).toEqual({ organisation: true })
  })

  it('keeps returnTo inside the console', async () => {
    const official = await newOfficial()
    for (const hostile of [
      '//evil.example/x',
      'https://evil.example/',
      '/tai-khoan',
      '/consolex',
      '/\\evil',
    ]) {
      const subject = `agency-${randomUUID()}`
      await platform.database.db
        .updateTable('identity.officials')
        .set({ oidc_issuer: fake.issuer, oidc_subject: subject })
        .where('id', '=', official.id)
        .execute()
      providerSays({}, subject)
      const { landed, session } = await signIn(new TestBrowser(), hostile)
      expect(landed).toBe('/console')
      expect(session).toBeTruthy()
    }
    expect(consoleReturnTo('/console/ban-do#x')).toBe('/console/ban-do#x')
  })

  it('ends a session the browser brought (no fixation)', async () => {
    const official = await newOfficial()
    const planted = await platform.services.identity.sessions.create(
      { kind: 'official', officialId: official.id },
      {},
    )
    providerSays({ email: official.email, email_verified: true })
    const browser = new TestBrowser()
    browser.setCookie(base, 'dc_session', planted.token)
    const { session } = await signIn(browser)
    expect(session).toBeTruthy()
    expect(session).not.toBe(planted.token)
    expect(await platform.services.identity.sessions.resolve(planted.token)).toBeUndefined()
  })
})

describe('refusals', () => {
  it('refuses an email the provider has not verified, and links nothing', async () => {
    const official = await newOfficial()
    for (const verified of [false, 'true', undefined]) {
      providerSays({ email: official.email, email_verified: verified })
      const { landed, session } = await signIn()
      expect(landed).toBe('/console/dang-nhap?loi=official_not_linked')
      expect(session).toBeUndefined()
    }
    expect(await linkOf(official.id)).toEqual({ oidc_issuer: null, oidc_subject: null })
  })

  it('refuses an email no official has (official_not_linked)', async () => {
    providerSays({ email: `nobody-${randomUUID()}@hcmc.gov.vn`, email_verified: true })
    const { landed, session } = await signIn()
    expect(landed).toBe('/console/dang-nhap?loi=official_not_linked')
    expect(session).toBeUndefined()
  })

  it('refuses an email two officials share, linking neither', async () => {
    const email = `shared-${randomUUID()}@hcmc.gov.vn`
    const one = await newOfficial({ email })
    const two = await newOfficial({ email: email.toUpperCase() })
    providerSays({ email, email_verified: true })
    expect((await signIn()).landed).toBe('/console/dang-nhap?loi=official_not_linked')
    expect((await linkOf(one.id)).oidc_subject).toBeNull()
    expect((await linkOf(two.id)).oidc_subject).toBeNull()
  })

  it('never re-links an official already linked to another provider account', async () => {
    const official = await newOfficial()
    const first = providerSays({ email: official.email, email_verified: true })
    expect((await signIn()).landed).toBe('/console')
    providerSays({ email: official.email, email_verified: true }) // another subject, same email
    const { landed, session } = await signIn()
    expect(landed).toBe('/console/dang-nhap?loi=official_not_linked')
    expect(session).toBeUndefined()
    expect((await linkOf(official.id)).oidc_subject).toBe(first)
  })

  it('refuses a disabled official, by email and by subject', async () => {
    const byEmail = await newOfficial({ disabled: true })
    providerSays({ email: byEmail.email, email_verified: true })
    const refused = await signIn()
    expect(refused.landed).toBe('/console/dang-nhap?loi=official_disabled')
    expect(refused.session).toBeUndefined()
    expect((await linkOf(byEmail.id)).oidc_subject).toBeNull()

    const linked = await newOfficial()
    const subject = providerSays({ email: linked.email, email_verified: true })
    expect((await signIn()).landed).toBe('/console')
    await platform.database.db
      .updateTable('identity.officials')
      .set({ disabled_at: new Date() })
      .where('id', '=', linked.id)
      .execute()
    providerSays({}, subject)
    const again = await signIn()
    expect(again.landed).toBe('/console/dang-nhap?loi=official_disabled')
    expect(again.session).toBeUndefined()
  })

  it('refuses an ID token altered after signing (another official’s email)', async () => {
    const victim = await newOfficial()
    providerSays({ email: `attacker-${randomUUID()}@example.vn`, email_verified: true })
    fake.flaw = 'tampered'
    fake.tamperedClaims = { email: victim.email }
    const { landed, session } = await signIn()
    expect(landed).toBe('/console/dang-nhap?loi=sign_in_failed')
    expect(session).toBeUndefined()
    expect((await linkOf(victim.id)).oidc_subject).toBeNull()
  })

  it('refuses a callback whose state differs from the one sent', async () => {
    const official = await newOfficial()
    providerSays({ email: official.email, email_verified: true })
    const browser = new TestBrowser()
    const { stoppedAt } = await browser.follow(`${base}/auth/official/login`, { stopBefore: isCallback })
    const callback = new URL(stoppedAt as URL)
    expect(callback.searchParams.get('state')).toBeTruthy()
    callback.searchParams.set('state', randomBytes(16).toString('base64url'))
    const { stoppedAt: landed } = await browser.follow(callback, { stopBefore: leavesSignIn })
    expect(pathOf(landed)).toBe('/console/dang-nhap?loi=sign_in_failed')
    expect(browser.cookie(base, 'dc_session')).toBeUndefined()
    expect((await linkOf(official.id)).oidc_subject).toBeNull()
  })

  it('refuses a callback without the sign-in cookie (sign_in_expired)', async () => {
    providerSays({})
    const browser = new TestBrowser()
    const { stoppedAt } = await browser.follow(`${base}/auth/official/login`, { stopBefore: isCallback })
    browser.deleteCookie(base, 'dc_signin')
    const { stoppedAt: landed } = await browser.follow(stoppedAt as URL, { stopBefore: leavesSignIn })
    expect(pathOf(landed)).toBe('/console/dang-nhap?loi=sign_in_expired')
  })

  it('never finishes an official sign-in with a resident’s pending sign-in', async () => {
    const official = await newOfficial()
    const subject = providerSays({ email: official.email, email_verified: true })
    // The same provider, registered for residents too: only the pending sign-in's flow differs.
    platform.services.identity.residentSignIn.setProvider({
      issuer: fake.issuer,
      clientId: CLIENT_ID,
      clientSecret: 'fake-secret',
      allowInsecure: true,
    })
    const browser = new TestBrowser()
    const { stoppedAt } = await browser.follow(`${base}/auth/resident/login`, {
      stopBefore: (url) => url.pathname === '/auth/resident/callback',
    })
    const residentToken = browser.cookie(base, 'dc_signin') as string
    expect(residentToken).toBeTruthy()
    const redirected = new URL(stoppedAt as URL)
    redirected.pathname = '/auth/official/callback'
    const attacker = new TestBrowser()
    attacker.setCookie(base, 'dc_signin', residentToken, '/auth/official')
    const { stoppedAt: landed } = await attacker.follow(redirected, { stopBefore: leavesSignIn })
    expect(pathOf(landed)).toBe('/console/dang-nhap?loi=sign_in_expired')
    expect(attacker.cookie(base, 'dc_session')).toBeUndefined()
    expect((await linkOf(official.id)).oidc_subject).toBeNull()
    expect(subject).toBeTruthy()
  })

  it('sends an official who cancels at the provider back with access_denied', async () => {
    providerSays({})
    fake.deny = true
    const { landed, session } = await signIn()
    expect(landed).toBe('/console/dang-nhap?loi=access_denied')
    expect(session).toBeUndefined()
  })
})

describe('without OFFICIAL_OIDC_ISSUER', () => {
  it('has no organisation sign-in: the login answers sign_in_unavailable', async () => {
    const bare = await testApp()
    try {
      const login = await bare.inject({ url: '/auth/official/login?returnTo=/console' })
      expect(login.statusCode).toBe(302)
      expect(login.headers.location).toBe('/console/dang-nhap?loi=sign_in_unavailable')
      const providers = await bare.inject({ url: '/api/v1/auth/official/providers' })
      expect(providers.json()).toEqual({ organisation: false })
    } finally {
      await bare.close()
    }
  })
})

describe('configuration', () => {
  it('needs an https issuer in production', () => {
    const production = (issuer: string) =>
      loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', OFFICIAL_OIDC_ISSUER: issuer })
    expect(() => assertOfficialSignInConfig(production('http://login.hcmc.gov.vn'))).toThrow(ConfigError)
    expect(() => assertOfficialSignInConfig(production('http://127.0.0.1:9000'))).toThrow(
      /OFFICIAL_OIDC_ISSUER must be an https URL in production/,
    )
    expect(() => assertOfficialSignInConfig(production('https://login.hcmc.gov.vn'))).not.toThrow()
    expect(() => assertOfficialSignInConfig(testConfig({ OFFICIAL_OIDC_ISSUER: 'not a url' }))).toThrow(
      /must be a URL/,
    )
    expect(() => assertOfficialSignInConfig(testConfig())).not.toThrow()
    expect(testConfig().identity.officialOidcClientId).toBe('digital-citizen-console')
  })
})
