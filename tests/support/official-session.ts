import type { BrowserContext } from 'playwright-core'
import { totpCode } from '../../server/modules/identity/officials/totp.ts'

/** The demo system administrator, created when the server runs with NODE_ENV=development. */
export const DEMO_ADMIN = {
  username: 'quantri',
  fullName: 'Quản trị hệ thống',
  password: 'Thanh-pho-so-2026!',
}

/**
 * Signs an official in through the API (password, then TOTP — enrolling it on the first sign-in)
 * and puts the session cookie into the browser context, so console pages open signed in.
 * The server must run with NODE_ENV=development for the demo accounts to exist.
 */
export async function signInOfficial(
  context: BrowserContext,
  serverUrl: string,
  official: { username: string; password: string } = DEMO_ADMIN,
): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(serverUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const first = await post('/api/v1/auth/official/sign-in', official)
  if (!first.ok) throw new Error(`official sign-in answered ${first.status}: ${await first.text()}`)
  const step = (await first.json()) as { status: string; challenge: string }
  let secret = officialSecrets.get(`${serverUrl} ${official.username}`)
  if (step.status === 'totp_enrollment_required') {
    const enrolled = await post('/api/v1/auth/official/totp/enroll', { challenge: step.challenge })
    if (!enrolled.ok) throw new Error(`TOTP enrolment answered ${enrolled.status}: ${await enrolled.text()}`)
    secret = ((await enrolled.json()) as { secret: string }).secret
    officialSecrets.set(`${serverUrl} ${official.username}`, secret)
  }
  if (!secret)
    throw new Error(`${official.username} has TOTP enrolled by someone else: no secret to make codes`)
  // A code is accepted once per 30-second step: a second sign-in in the same step uses the next one.
  const lastUsed = lastStep.get(secret) ?? 0
  const step30 = Math.max(Math.floor(Date.now() / 30_000), lastUsed + 1)
  lastStep.set(secret, step30)
  const done = await post('/api/v1/auth/official/totp', {
    challenge: step.challenge,
    code: totpCode(secret, step30 * 30_000),
  })
  if (!done.ok) throw new Error(`TOTP step answered ${done.status}: ${await done.text()}`)
  const cookie = done.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('dc_session='))
  if (!cookie) throw new Error('the TOTP step set no dc_session cookie')
  await context.addCookies([
    {
      name: 'dc_session',
      value: cookie.slice('dc_session='.length),
      url: serverUrl,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ])
}

const officialSecrets = new Map<string, string>()
const lastStep = new Map<string, number>()
