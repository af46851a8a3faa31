import type { ResidentSignInErrorCode } from '@dc/contracts'
import { toNfc } from '@dc/contracts'
import { type Config, ConfigError } from '../../../config.ts'
import {
  type AuthorizationRequest,
  assertIssuerUrl,
  type ExpectedResponse,
  OidcRelyingParty,
  OidcSignInError,
  type ProviderSettings,
  providerSettings,
} from '../oidc/relying-party.ts'
import type { ResidentClaims } from './resident.repository.ts'

/**
 * Residents sign in with the national e-ID (VNeID; the development provider when OIDC_ISSUER is
 * unset). The protocol is the shared relying party's (../oidc/relying-party.ts); this file adds
 * what is the residents': which provider, which scopes, and turning claims into a resident.
 */

export {
  type AuthorizationRequest,
  CLOCK_TOLERANCE_SECONDS,
  type ExpectedResponse,
  isLoopbackHttp,
  type ProviderSettings,
} from '../oidc/relying-party.ts'

/** What the platform asks the provider for (national_id is VNeID's custom scope and claim). */
export const RESIDENT_SCOPES = 'openid profile phone national_id'

/** A refused sign-in: `code` is what the resident is shown (/dang-nhap?loi=…), `message` is for the log. */
export class ResidentSignInError extends OidcSignInError<ResidentSignInErrorCode> {}

/**
 * The resident sign-in service. Mutable on purpose: the development provider starts after the
 * platform listens (its redirect URI needs the port), then hands its issuer and secret here.
 */
export class ResidentSignIn {
  readonly #party = new OidcRelyingParty(RESIDENT_SCOPES, 'e-ID provider')

  setProvider(settings: ProviderSettings): void {
    this.#party.setProvider(settings)
  }

  get configured(): boolean {
    return this.#party.configured
  }

  get issuer(): string | undefined {
    return this.#party.issuer
  }

  /** Where to send the browser, and the secrets the callback must match. */
  authorizationRequest(redirectUri: string): Promise<AuthorizationRequest> {
    return this.#party.authorizationRequest(redirectUri)
  }

  /** Finishes the sign-in (see OidcRelyingParty.complete) and maps the claims to a resident. */
  async complete(callbackUrl: URL, expected: ExpectedResponse): Promise<ResidentClaims> {
    const { issuer, claims } = await this.#party.complete(callbackUrl, expected)
    return residentClaimsFrom(issuer, claims)
  }
}

const NATIONAL_ID = /^\d{12}$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The provider's claims as a resident; a missing or malformed national ID refuses the sign-in. */
export function residentClaimsFrom(issuer: string, claims: Record<string, unknown>): ResidentClaims {
  const subject = text(claims.sub)
  if (!subject) throw new ResidentSignInError('sign_in_failed', 'the ID token has no subject')
  const nationalId = text(claims.national_id)
  if (!nationalId || !NATIONAL_ID.test(nationalId)) {
    throw new ResidentSignInError(
      'identity_incomplete',
      nationalId ? 'national_id is not 12 digits' : 'the provider sent no national_id',
    )
  }
  const birthDate = text(claims.birthdate)
  return {
    issuer,
    subject,
    fullName: fullNameOf(claims),
    nationalId,
    birthDate: birthDate && ISO_DATE.test(birthDate) ? birthDate : null,
    phone: text(claims.phone_number),
    assuranceLevel: text(claims.acr),
  }
}

/** `name`, or the parts in Vietnamese order (family, middle, given) when only those are sent. */
function fullNameOf(claims: Record<string, unknown>): string | null {
  const name =
    text(claims.name) ??
    ([text(claims.family_name), text(claims.middle_name), text(claims.given_name)]
      .filter(Boolean)
      .join(' ') ||
      null)
  return name ? toNfc(name).replace(/\s+/g, ' ') : null
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

/**
 * Checked before the API starts: production needs a real provider (the development one refuses to
 * run there) and, for the confidential client, its secret.
 */
export function assertResidentSignInConfig(config: Pick<Config, 'env' | 'identity'>): void {
  assertIssuerUrl(config, 'OIDC_ISSUER', config.identity.oidcIssuer)
  if (config.env !== 'production') return
  if (!config.identity.oidcIssuer) {
    throw new ConfigError(
      'OIDC_ISSUER is required in production (the national e-ID provider); the development provider never runs there. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.',
    )
  }
  if (!config.identity.oidcClientSecret) {
    throw new ConfigError('OIDC_CLIENT_SECRET is required in production when OIDC_ISSUER is set')
  }
}

/** The provider from configuration (OIDC_ISSUER), when set. */
export function configuredProvider(config: Pick<Config, 'env' | 'identity'>): ProviderSettings | undefined {
  const { oidcIssuer, oidcClientId, oidcClientSecret } = config.identity
  return providerSettings(config, oidcIssuer, oidcClientId, oidcClientSecret)
}
