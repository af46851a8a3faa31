import * as oidc from 'openid-client'
import { type Config, ConfigError } from '../../../config.ts'

/**
 * The platform as an OpenID Connect relying party: of the national e-ID for residents
 * (residents/oidc-client.ts) and of an agency's own provider for officials
 * (officials/official-oidc.ts). openid-client does the protocol checks: the ID token's issuer,
 * audience, expiry and nonce, the state, PKCE (S256), the authorization response's `iss`, and —
 * because we enable its non-repudiation checks — the ID token's signature against the provider's
 * JWKS. What the claims mean is the caller's business: this returns them verified.
 */

/**
 * Seconds of clock difference tolerated on the ID token's exp/iat/nbf (openid-client's default is
 * 30). A minute absorbs ordinary NTP drift between the provider and us without making an expired
 * token usable for long.
 */
export const CLOCK_TOLERANCE_SECONDS = 60

export interface ProviderSettings {
  issuer: string
  clientId: string
  /** Confidential client (client_secret_basic). Absent: a public client relying on PKCE alone. */
  clientSecret?: string | undefined
  /** Plain http: only for a provider on this machine (the development provider, tests). */
  allowInsecure?: boolean
}

export interface AuthorizationRequest {
  url: URL
  /** The configured issuer (as `issuer` reports it): the callback checks the provider is still the same. */
  issuer: string
  state: string
  nonce: string
  codeVerifier: string
}

export interface ExpectedResponse {
  state: string
  nonce: string
  codeVerifier: string
}

/** The outcome of a completed sign-in: the provider's issuer and its claims, signature-checked. */
export interface VerifiedSignIn {
  issuer: string
  /** The ID token's claims over userinfo's (the signed token wins where both say something). */
  claims: Record<string, unknown>
}

/** The codes the protocol itself can end on; each kind of sign-in adds its own. */
export type OidcProtocolErrorCode =
  | 'sign_in_unavailable'
  | 'sign_in_failed'
  | 'access_denied'
  | 'sign_in_expired'

/**
 * A refused sign-in: `code` is what the person is shown (…/dang-nhap?loi=<code>), `message` is
 * for the log.
 */
export class OidcSignInError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

export function isLoopbackHttp(issuer: string): boolean {
  if (!URL.canParse(issuer)) return false
  const url = new URL(issuer)
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
}

/**
 * One provider, one client registration. Mutable on purpose: the development e-ID provider starts
 * after the platform listens (its redirect URI needs the port), then hands its issuer and secret here.
 */
export class OidcRelyingParty {
  #settings: ProviderSettings | undefined
  #configuration: Promise<oidc.Configuration> | undefined

  /**
   * `scopes`: what to ask for. `providerName`: how log messages and errors name the provider
   * ("e-ID provider", "organisation provider").
   */
  constructor(
    readonly scopes: string,
    readonly providerName: string,
  ) {}

  setProvider(settings: ProviderSettings): void {
    if (settings.allowInsecure && !isLoopbackHttp(settings.issuer)) {
      throw new ConfigError(
        `Plain http is only allowed for an ${this.providerName} on this machine; got ${settings.issuer}`,
      )
    }
    this.#settings = { ...settings }
    this.#configuration = undefined
  }

  get configured(): boolean {
    return this.#settings !== undefined
  }

  get issuer(): string | undefined {
    return this.#settings?.issuer
  }

  /** The provider's metadata, discovered once (and again after a failure, so an outage heals). */
  private configuration(): Promise<oidc.Configuration> {
    const settings = this.#settings
    if (!settings) {
      return Promise.reject(
        new OidcSignInError('sign_in_unavailable', `no ${this.providerName} is configured`),
      )
    }
    if (!this.#configuration) {
      const metadata: Partial<oidc.ClientMetadata> = {
        [oidc.clockTolerance]: CLOCK_TOLERANCE_SECONDS,
        id_token_signed_response_alg: 'RS256',
      }
      const discovering = oidc
        .discovery(
          new URL(settings.issuer),
          settings.clientId,
          metadata,
          settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
          {
            // openid-client does not verify the signature of an ID token that came from the token
            // endpoint unless asked (OIDC Core allows trusting TLS there): we ask, so a forged or
            // altered ID token is refused against the provider's JWKS whatever the transport.
            execute: settings.allowInsecure
              ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks]
              : [oidc.enableNonRepudiationChecks],
          },
        )
        .catch((error: unknown) => {
          if (this.#configuration === discovering) this.#configuration = undefined
          throw new OidcSignInError(
            'sign_in_unavailable',
            `${this.providerName} discovery failed: ${describeError(error)}`,
            { cause: error },
          )
        })
      this.#configuration = discovering
    }
    return this.#configuration
  }

  /** Where to send the browser, and the secrets the callback must match. */
  async authorizationRequest(redirectUri: string): Promise<AuthorizationRequest> {
    const issuer = this.issuer as string
    const configuration = await this.configuration()
    const state = oidc.randomState()
    const nonce = oidc.randomNonce()
    const codeVerifier = oidc.randomPKCECodeVerifier()
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.scopes,
      response_type: 'code',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    })
    return { url, issuer, state, nonce, codeVerifier }
  }

  /**
   * Finishes the sign-in: checks the authorization response, exchanges the code, verifies the ID
   * token and merges userinfo. `callbackUrl` is the registered redirect URI with the query the
   * provider sent (openid-client sends the same redirect_uri to the token endpoint).
   */
  async complete(callbackUrl: URL, expected: ExpectedResponse): Promise<VerifiedSignIn> {
    const configuration = await this.configuration()
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        pkceCodeVerifier: expected.codeVerifier,
        idTokenExpected: true,
      })
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError && error.error === 'access_denied') {
        throw new OidcSignInError('access_denied', `cancelled at the ${this.providerName}`, { cause: error })
      }
      throw new OidcSignInError('sign_in_failed', `code exchange refused: ${describeError(error)}`, {
        cause: error,
      })
    }
    const idClaims = tokens.claims()
    if (!idClaims) throw new OidcSignInError('sign_in_failed', 'no ID token in the token response')

    let userinfo: Record<string, unknown> = {}
    if (configuration.serverMetadata().userinfo_endpoint) {
      try {
        // fetchUserInfo refuses a response whose sub differs from the ID token's.
        userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
      } catch (error) {
        throw new OidcSignInError('sign_in_failed', `userinfo refused: ${describeError(error)}`, {
          cause: error,
        })
      }
    }
    // The signed ID token wins where both say something; userinfo fills what it left out.
    return { issuer: configuration.serverMetadata().issuer, claims: { ...userinfo, ...idClaims } }
  }
}

/** Provider settings from configuration; plain http only for a loopback provider outside production. */
export function providerSettings(
  config: Pick<Config, 'env'>,
  issuer: string | undefined,
  clientId: string,
  clientSecret: string | undefined,
): ProviderSettings | undefined {
  if (!issuer) return undefined
  return {
    issuer,
    clientId,
    clientSecret,
    allowInsecure: config.env !== 'production' && isLoopbackHttp(issuer),
  }
}

/** An issuer setting must be a URL, and an https one in production. */
export function assertIssuerUrl(config: Pick<Config, 'env'>, name: string, issuer: string | undefined): void {
  if (!issuer) return
  if (!URL.canParse(issuer)) throw new ConfigError(`${name} must be a URL; got "${issuer}"`)
  if (config.env === 'production' && new URL(issuer).protocol !== 'https:') {
    throw new ConfigError(`${name} must be an https URL in production; got ${issuer}`)
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    const oauthError = (error as { error?: unknown }).error
    return [
      typeof code === 'string' ? code : undefined,
      typeof oauthError === 'string' ? oauthError : undefined,
      error.message,
    ]
      .filter(Boolean)
      .join(': ')
  }
  return String(error)
}
