import { randomBytes, randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TestBrowser } from '../../../../tests/support/test-browser.ts'
import { testApp, testConfig, testPlatform, workerDatabase } from '../../../../tests/support/test-platform.ts'
import { ConfigError, loadConfig } from '../../../config.ts'
import type { Platform } from '../../../core/platform.ts'
import { startPlatform } from '../../../platform.ts'
import { hashToken } from '../sessions.ts'
import { DEMO_RESIDENTS } from './demo-residents.ts'
import { type DevIdentityProvider, DevProviderRefused, startDevIdentityProvider } from './dev-provider.ts'
import { startDevSignIn } from './dev-sign-in.ts'
import { assertResidentSignInConfig } from './oidc-client.ts'
import { NATIONAL_ID_LOOKUP, readResidentProfile, upsertResident } from './resident.repository.ts'

const [hà, minh, phúc] = DEMO_RESIDENTS as [
  (typeof DEMO_RESIDENTS)[number],
  (typeof DEMO_RESIDENTS)[number],
  (typeof DEMO_RESIDENTS)[number],
]

let app: FastifyInstance
let platform: Platform
let provider: DevIdentityProvider
let base: string

beforeAll(async () => {
  platform = await testPlatform(await workerDatabase())
  app = await testApp(undefined, { services: platform.services })
  await app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const clientId = platform.config.identity.oidcClientId
  provider = await startDevIdentityProvider({
    port: 0,
    host: '127.0.0.1',
    clientId,
    redirectUris: [`${base}/auth/resident/callback`],
  })
  platform.services.identity.residentSignIn.setProvider({
    issuer: provider.issuer,
    clientId,
    clientSecret: provider.clientSecret,
    allowInsecure: true,
  })
})

afterAll(async () => {
  await app?.close()
  await provider?.close()
})

const isCallback = (url: URL) => url.href.startsWith(`${base}/auth/resident/callback`)
const leavesSignIn = (url: URL) => url.origin === base && !url.pathname.startsWith('/auth/resident/')

/** From /auth/resident/login to the provider's page listing the residents. */
async function openProviderPage(browser: TestBrowser, returnTo = '/tai-khoan') {
  const { response, visited } = await browser.follow(
    `${base}/auth/resident/login?returnTo=${encodeURIComponent(returnTo)}`,
  )
  if (!response) throw new Error('no page')
  expect(response.status).toBe(200)
  const page = await response.text()
  return { page, pageUrl: visited.at(-1) as URL }
}

/** Chooses a resident on the provider's page and follows until the browser would reach `stopBefore`. */
async function choose(
  browser: TestBrowser,
  sub: string,
  stopBefore: (url: URL) => boolean,
  returnTo?: string,
) {
  const { page, pageUrl } = await openProviderPage(browser, returnTo)
  const action = /<form method="post" action="([^"]+\/choose)">/.exec(page)?.[1]
  expect(action).toBeDefined()
  return browser.follow(new URL(action as string, pageUrl), {
    method: 'POST',
    body: new URLSearchParams({ sub }).toString(),
    stopBefore,
  })
}

/** The whole sign-in; returns where the callback sent the browser. */
async function signIn(browser: TestBrowser, sub: string, returnTo?: string): Promise<URL> {
  const { stoppedAt } = await choose(browser, sub, leavesSignIn, returnTo)
  if (!stoppedAt) throw new Error('the sign-in did not come back to the platform')
  return stoppedAt
}

async function sessionOf(browser: TestBrowser) {
  const token = browser.cookie(base, 'dc_session')
  const response = await app.inject({
    url: '/api/v1/auth/session',
    cookies: token ? { dc_session: token } : {},
  })
  return response.json()
}

async function residentRow(sub: string) {
  return platform.database.db
    .selectFrom('identity.residents')
    .selectAll()
    .where('oidc_issuer', '=', provider.issuer)
    .where('oidc_subject', '=', sub)
    .executeTakeFirst()
}

describe('resident sign-in with the development e-ID provider', () => {
  it('signs a demo resident in end to end, storing the national ID encrypted', async () => {
    const browser = new TestBrowser()
    const landed = await signIn(browser, hà.sub, '/tai-khoan/ho-so?tab=1')
    expect(landed.pathname + landed.search).toBe('/tai-khoan/ho-so?tab=1')
    expect(browser.cookie(base, 'dc_session')).toBeTruthy()
    expect(browser.cookie(base, 'dc_signin')).toBeUndefined()

    const session = await sessionOf(browser)
    expect(session).toMatchObject({ signedIn: true, kind: 'resident', resident: { fullName: hà.name } })
    expect(session.resident.fullName).toBe(hà.name.normalize('NFC'))

    const row = await residentRow(hà.sub)
    expect(row?.id).toBe(session.resident.id)
    expect(row?.national_id_enc).toBeTruthy()
    expect(row?.national_id_enc).not.toContain(hà.nationalId)
    expect(row?.phone_enc).not.toContain(hà.phone)
    expect(row?.national_id_hash).toBe(
      platform.services.identity.cipher.lookupHash(hà.nationalId, NATIONAL_ID_LOOKUP),
    )
    expect(row?.assurance_level).toBe('level2')
    const profile = await readResidentProfile(
      platform.database.db,
      platform.services.identity.cipher,
      row?.id ?? '',
    )
    expect(profile).toMatchObject({ nationalId: hà.nationalId, birthDate: hà.birthdate, phone: hà.phone })
  })

  it('shows an accessible, bilingual provider page listing the demo residents', async () => {
    const { page } = await openProviderPage(new TestBrowser())
    expect(page).toContain('<html lang="vi">')
    expect(page).toContain('name="viewport"')
    expect(page).toContain('Cổng định danh điện tử — môi trường phát triển')
    expect(page).toContain('e-ID development provider')
    for (const resident of DEMO_RESIDENTS) expect(page).toContain(resident.name)
    expect(page.match(/<button type="submit" class="resident"/g)).toHaveLength(DEMO_RESIDENTS.length)
    expect(page).toMatch(/<button type="submit" class="cancel">Huỷ đăng nhập/)
  })

  it('sends a resident who cancels back with access_denied and no session', async () => {
    const browser = new TestBrowser()
    const { page, pageUrl } = await openProviderPage(browser)
    const cancel = /<form method="post" action="([^"]+\/cancel)">/.exec(page)?.[1] as string
    const { stoppedAt } = await browser.follow(new URL(cancel, pageUrl), {
      method: 'POST',
      body: '',
      stopBefore: leavesSignIn,
    })
    expect(stoppedAt?.pathname + (stoppedAt?.search ?? '')).toBe('/dang-nhap?loi=access_denied')
    expect(browser.cookie(base, 'dc_session')).toBeUndefined()
  })

  it('keeps returnTo on this site', async () => {
    for (const hostile of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', '/%09/x\t/']) {
      const browser = new TestBrowser()
      const landed = await signIn(browser, minh.sub, hostile)
      expect(landed.origin).toBe(base)
      expect(landed.pathname).toBe('/tai-khoan')
    }
  })
})

describe('state and single use', () => {
  it('refuses a callback whose state differs from the one sent', async () => {
    const browser = new TestBrowser()
    const { stoppedAt } = await choose(browser, phúc.sub, isCallback)
    const callback = new URL(stoppedAt as URL)
    expect(callback.searchParams.get('state')).toBeTruthy()
    callback.searchParams.set('state', randomBytes(16).toString('base64url'))
    const { stoppedAt: landed } = await browser.follow(callback, { stopBefore: leavesSignIn })
    expect(landed?.pathname + (landed?.search ?? '')).toBe('/dang-nhap?loi=sign_in_failed')
    expect(browser.cookie(base, 'dc_session')).toBeUndefined()
  })

  it('refuses a callback without the sign-in cookie', async () => {
    const browser = new TestBrowser()
    const { stoppedAt } = await choose(browser, phúc.sub, isCallback)
    browser.deleteCookie(base, 'dc_signin')
    const { stoppedAt: landed } = await browser.follow(stoppedAt as URL, { stopBefore: leavesSignIn })
    expect(landed?.pathname + (landed?.search ?? '')).toBe('/dang-nhap?loi=sign_in_expired')
    expect(browser.cookie(base, 'dc_session')).toBeUndefined()
  })

  it('refuses a replayed callback, even with the same sign-in cookie', async () => {
    const browser = new TestBrowser()
    const { stoppedAt } = await choose(browser, phúc.sub, isCallback)
    const signInToken = browser.cookie(base, 'dc_signin') as string
    const first = await browser.follow(stoppedAt as URL, { stopBefore: leavesSignIn })
    expect(first.stoppedAt?.pathname).toBe('/tai-khoan')

    const attacker = new TestBrowser()
    attacker.setCookie(base, 'dc_signin', signInToken, '/auth/resident')
    const replay = await attacker.follow(stoppedAt as URL, { stopBefore: leavesSignIn })
    expect(replay.stoppedAt?.pathname + (replay.stoppedAt?.search ?? '')).toBe(
      '/dang-nhap?loi=sign_in_expired',
    )
    expect(attacker.cookie(base, 'dc_session')).toBeUndefined()
  })

  it('refuses an expired pending sign-in', async () => {
    const browser = new TestBrowser()
    const { stoppedAt } = await choose(browser, phúc.sub, isCallback)
    await platform.database.db
      .updateTable('identity.pending_sign_ins')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', hashToken(browser.cookie(base, 'dc_signin') as string))
      .execute()
    const { stoppedAt: landed } = await browser.follow(stoppedAt as URL, { stopBefore: leavesSignIn })
    expect(landed?.search).toBe('?loi=sign_in_expired')
  })
})

describe('PKCE', () => {
  it('is enforced by the provider: a wrong code_verifier gets no tokens', async () => {
    const browser = new TestBrowser()
    const { stoppedAt } = await choose(browser, phúc.sub, isCallback)
    const tokenHash = hashToken(browser.cookie(base, 'dc_signin') as string)
    const { db } = platform.database
    const row = await db
      .selectFrom('identity.pending_sign_ins')
      .select('data')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirstOrThrow()
    const data = row.data as Record<string, unknown>
    expect(typeof data.codeVerifier).toBe('string')
    await db
      .updateTable('identity.pending_sign_ins')
      .set({ data: JSON.stringify({ ...data, codeVerifier: randomBytes(32).toString('base64url') }) })
      .where('token_hash', '=', tokenHash)
      .execute()

    const { stoppedAt: landed } = await browser.follow(stoppedAt as URL, { stopBefore: leavesSignIn })
    expect(landed?.pathname + (landed?.search ?? '')).toBe('/dang-nhap?loi=sign_in_failed')
    expect(browser.cookie(base, 'dc_session')).toBeUndefined()
  })
})

describe('session fixation', () => {
  it('never keeps a session planted before sign-in, and ends a planted valid one', async () => {
    const { db } = platform.database
    const { cipher, sessions } = platform.services.identity
    const victim = await upsertResident(db, cipher, {
      issuer: 'https://other.example',
      subject: `planted-${randomUUID()}`,
      fullName: 'Đặng Thị Mai',
      nationalId: '079190009999',
    })
    const planted = await sessions.create({ kind: 'resident', residentId: victim.id }, {})

    const browser = new TestBrowser()
    browser.setCookie(base, 'dc_session', planted.token)
    await signIn(browser, minh.sub)
    const after = browser.cookie(base, 'dc_session')
    expect(after).toBeTruthy()
    expect(after).not.toBe(planted.token)
    expect(await sessions.resolve(planted.token)).toBeUndefined()
    const session = await sessionOf(browser)
    expect(session).toMatchObject({ signedIn: true, resident: { fullName: minh.name } })
    expect(session.resident.id).not.toBe(victim.id)

    const randomPlant = new TestBrowser()
    const random = randomBytes(32).toString('base64url')
    randomPlant.setCookie(base, 'dc_session', random)
    await signIn(randomPlant, minh.sub)
    expect(randomPlant.cookie(base, 'dc_session')).not.toBe(random)
    expect((await sessionOf(randomPlant)).signedIn).toBe(true)
  })
})

describe('the platform wiring (startDevSignIn, as startPlatform calls it)', () => {
  it("registers the platform's callback URL and points sign-in at the provider", async () => {
    const config = testConfig({ DEV_OIDC_PORT: '0', HOST: '127.0.0.1' })
    const wired = await testPlatform(await workerDatabase(), { config })
    const wiredApp = await testApp(undefined, { config, services: wired.services })
    await wiredApp.listen({ port: 0, host: '127.0.0.1' })
    const port = (wiredApp.server.address() as { port: number }).port
    const messages: string[] = []
    const logger = { info: (_: unknown, message?: string) => messages.push(message ?? ''), warn: () => {} }
    const devProvider = await startDevSignIn(config, port, wired.services.identity, logger as never)
    try {
      expect(devProvider?.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(wired.services.identity.residentSignIn.issuer).toBe(devProvider?.issuer)
      expect(messages.join()).toContain('development e-ID provider started')
      const browser = new TestBrowser()
      const { response } = await browser.follow(`http://127.0.0.1:${port}/auth/resident/login`)
      const page = await response?.text()
      const action = /<form method="post" action="([^"]+\/choose)">/.exec(page ?? '')?.[1] as string
      const { stoppedAt } = await browser.follow(new URL(action, devProvider?.issuer), {
        method: 'POST',
        body: new URLSearchParams({ sub: phúc.sub }).toString(),
        stopBefore: (url) => url.port === String(port) && !url.pathname.startsWith('/auth/resident/'),
      })
      expect(stoppedAt?.pathname).toBe('/tai-khoan')
      expect(browser.cookie(`http://127.0.0.1:${port}`, 'dc_session')).toBeTruthy()
    } finally {
      await wiredApp.close()
      await devProvider?.close()
    }
  })
})

describe('without a provider', () => {
  it('sends residents to the sign-in page with sign_in_unavailable', async () => {
    const bare = await testApp()
    try {
      const response = await bare.inject({ url: '/auth/resident/login' })
      expect(response.statusCode).toBe(302)
      expect(response.headers.location).toBe('/dang-nhap?loi=sign_in_unavailable')
    } finally {
      await bare.close()
    }
  })
})

describe('production', () => {
  it('the development provider refuses to start', async () => {
    const options = { port: 0, clientId: 'x', redirectUris: ['http://127.0.0.1:1/auth/resident/callback'] }
    await expect(startDevIdentityProvider({ ...options, env: 'production' })).rejects.toBeInstanceOf(
      DevProviderRefused,
    )
    vi.stubEnv('NODE_ENV', 'production')
    try {
      await expect(startDevIdentityProvider(options)).rejects.toThrow(/never runs in production/)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('the platform refuses to start without OIDC_ISSUER', async () => {
    const production = loadConfig({ NODE_ENV: 'production', PORT: '0', ROLE: 'api', LOG_LEVEL: 'silent' })
    expect(() => assertResidentSignInConfig(production)).toThrow(ConfigError)
    expect(() => assertResidentSignInConfig(production)).toThrow(/OIDC_ISSUER is required in production/)
    const { default: pino } = await import('pino')
    await expect(startPlatform(production, { logger: pino({ level: 'silent' }) })).rejects.toThrow(
      /OIDC_ISSUER is required/,
    )
    expect(() =>
      assertResidentSignInConfig({
        ...production,
        identity: { ...production.identity, oidcIssuer: 'https://id.example.vn', oidcClientSecret: 's' },
      }),
    ).not.toThrow()
    expect(() => assertResidentSignInConfig(testConfig())).not.toThrow()
  })
})
