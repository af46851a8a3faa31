import { randomBytes, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose'

/**
 * Tests only: an OpenID Connect provider written by hand (node:http + jose) — discovery, JWKS, an
 * authorization endpoint that signs whoever asks straight in, and a token endpoint issuing ID
 * tokens the test composes, honest or flawed. The flaws are what a hostile or broken provider
 * could send; each must stop a sign-in.
 */

export type IdTokenFlaw =
  | 'none'
  /** A claim altered after signing (`tamperedClaims`), the signature kept. */
  | 'tampered'
  /** Expired ten minutes ago (beyond the relying party's clock tolerance). */
  | 'expired'
  | 'wrong_audience'
  | 'wrong_issuer'
  /** Another nonce (an ID token replayed from another sign-in). */
  | 'wrong_nonce'
  /** Signed with a key that is not in the JWKS. */
  | 'foreign_key'
  /** alg none. */
  | 'unsigned'

export interface FakeOidcProvider {
  readonly issuer: string
  /** The claims of the next ID tokens, beside iss/aud/sub/nonce/iat/exp. */
  claims: Record<string, unknown>
  subject: string
  flaw: IdTokenFlaw
  /** What 'tampered' writes over the signed payload. */
  tamperedClaims: Record<string, unknown>
  /** The authorization endpoint answers error=access_denied (the person cancelled). */
  deny: boolean
  close(): Promise<void>
}

export async function startFakeOidcProvider(options: { clientId: string }): Promise<FakeOidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const foreign = await generateKeyPair('RS256')
  const kid = 'fake-1'
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] }
  /** code → the nonce the authorization request carried. */
  const nonces = new Map<string, string>()
  let issuer = ''

  const provider: FakeOidcProvider = {
    get issuer() {
      return issuer
    },
    claims: {},
    subject: `fake-${randomUUID()}`,
    flaw: 'none',
    tamperedClaims: {},
    deny: false,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolveClose) => server.close(resolveClose))
    },
  }

  async function idTokenFor(code: string): Promise<string> {
    const { flaw } = provider
    const now = Math.floor(Date.now() / 1000)
    const claims: JWTPayload & Record<string, unknown> = {
      ...provider.claims,
      iss: flaw === 'wrong_issuer' ? 'https://someone-else.example.vn' : issuer,
      aud: flaw === 'wrong_audience' ? 'someone-else' : options.clientId,
      sub: provider.subject,
      nonce: flaw === 'wrong_nonce' ? 'not-the-nonce' : nonces.get(code),
      iat: flaw === 'expired' ? now - 3600 : now,
      exp: flaw === 'expired' ? now - 600 : now + 300,
    }
    if (flaw === 'unsigned') return new UnsecuredJWT(claims).encode()
    const key = flaw === 'foreign_key' ? foreign.privateKey : privateKey
    const idToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key)
    if (flaw !== 'tampered') return idToken
    const [header, payload, signature] = idToken.split('.') as [string, string, string]
    const altered = {
      ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
      ...provider.tamperedClaims,
    }
    return `${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer)
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      })
    }
    if (url.pathname === '/jwks') return json(200, jwks)
    if (url.pathname === '/authorize') {
      // Signs whoever asks straight in: the tests are about what comes back, not a login page.
      const back = new URL(url.searchParams.get('redirect_uri') as string)
      if (provider.deny) back.searchParams.set('error', 'access_denied')
      else {
        const code = randomBytes(16).toString('hex')
        nonces.set(code, url.searchParams.get('nonce') ?? '')
        back.searchParams.set('code', code)
      }
      back.searchParams.set('state', url.searchParams.get('state') ?? '')
      res.writeHead(302, { location: back.href })
      return res.end()
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = ''
      for await (const chunk of req) body += chunk
      const code = new URLSearchParams(body).get('code') ?? ''
      return json(200, {
        access_token: randomUUID(),
        token_type: 'Bearer',
        expires_in: 300,
        id_token: await idTokenFor(code),
      })
    }
    json(404, { error: 'not_found' })
  })
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return provider
}
