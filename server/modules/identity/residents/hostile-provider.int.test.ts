import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type FakeOidcProvider,
  type IdTokenFlaw,
  startFakeOidcProvider,
} from '../../../../tests/support/fake-oidc-provider.ts'
import { TestBrowser } from '../../../../tests/support/test-browser.ts'
import { testApp, testPlatform, workerDatabase } from '../../../../tests/support/test-platform.ts'
import type { Platform } from '../../../core/platform.ts'

/**
 * A provider that lies (tests/support/fake-oidc-provider.ts), returning crafted ID tokens. Each
 * flaw must stop the sign-in (redirect to /dang-nhap?loi=…, no session, no resident); the same
 * provider telling the truth signs in, so the refusals are the flaws' doing.
 */

type Flaw = IdTokenFlaw | 'bad_national_id'

const CLIENT_ID = 'digital-citizen'

let fake: FakeOidcProvider
let issuer: string
let app: FastifyInstance
let platform: Platform
let base: string

beforeAll(async () => {
  fake = await startFakeOidcProvider({ clientId: CLIENT_ID })
  issuer = fake.issuer
  // Another national ID in the payload, the original signature kept.
  fake.tamperedClaims = { national_id: '079193009999' }

  platform = await testPlatform(await workerDatabase())
  app = await testApp(undefined, { services: platform.services })
  await app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  platform.services.identity.residentSignIn.setProvider({
    issuer,
    clientId: CLIENT_ID,
    clientSecret: 'fake-secret',
    allowInsecure: true,
  })
})

afterAll(async () => {
  await app?.close()
  await fake?.close()
})

async function attempt(withFlaw: Flaw) {
  fake.flaw = withFlaw === 'bad_national_id' ? 'none' : withFlaw
  fake.claims = {
    name: 'Huỳnh Thị Lan',
    national_id: withFlaw === 'bad_national_id' ? '07919' : '079193001234',
    birthdate: '1993-05-12',
    acr: 'level2',
  }
  const subject = `hostile-${withFlaw}-${randomUUID()}`
  fake.subject = subject
  const browser = new TestBrowser()
  const { stoppedAt } = await browser.follow(`${base}/auth/resident/login`, {
    stopBefore: (url) => url.origin === base && !url.pathname.startsWith('/auth/resident/'),
  })
  const resident = await platform.database.db
    .selectFrom('identity.residents')
    .select('id')
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst()
  return {
    landed: `${stoppedAt?.pathname}${stoppedAt?.search}`,
    session: browser.cookie(base, 'dc_session'),
    resident,
  }
}

describe('a provider telling the truth', () => {
  it('signs the resident in (the control for the cases below)', async () => {
    const { landed, session, resident } = await attempt('none')
    expect(landed).toBe('/tai-khoan')
    expect(session).toBeTruthy()
    expect(resident).toBeDefined()
  })
})

describe('a hostile provider', () => {
  it.each<[Flaw, string]>([
    ['tampered', 'a payload altered after signing'],
    ['expired', 'an ID token expired ten minutes ago (beyond the 60 s tolerance)'],
    ['wrong_audience', 'an ID token for another client'],
    ['wrong_issuer', 'an ID token from another issuer'],
    ['wrong_nonce', 'an ID token with another nonce (replayed from another sign-in)'],
    ['foreign_key', 'an ID token signed with a key not in the JWKS'],
    ['unsigned', 'an unsigned (alg none) ID token'],
  ])('%s: refuses %s', async (withFlaw) => {
    const { landed, session, resident } = await attempt(withFlaw)
    expect(landed).toBe('/dang-nhap?loi=sign_in_failed')
    expect(session).toBeUndefined()
    expect(resident).toBeUndefined()
  })

  it('refuses a national ID that is not 12 digits', async () => {
    const { landed, session, resident } = await attempt('bad_national_id')
    expect(landed).toBe('/dang-nhap?loi=identity_incomplete')
    expect(session).toBeUndefined()
    expect(resident).toBeUndefined()
  })
})
