import type { OfficialSignInErrorCode } from '@dc/contracts'
import { type Kysely, sql } from 'kysely'
import type { Config } from '../../../config.ts'
import type { DB } from '../../../core/db/schema.ts'
import {
  assertIssuerUrl,
  OidcSignInError,
  type ProviderSettings,
  providerSettings,
  type VerifiedSignIn,
} from '../oidc/relying-party.ts'

/**
 * Officials may sign in through their agency's OpenID Connect provider instead of password + TOTP
 * (OFFICIAL_OIDC_ISSUER; unset = off). The provider vouches for the person and does the second
 * factor; this file decides which official that person is. An official is found by the provider
 * account linked to them, or — the first time — by the provider's *verified* email matching the
 * email on their record, and the account is then linked, so later sign-ins match by subject even
 * if an email changes. Disabled officials are refused; nobody is created here (an administrator
 * creates officials).
 */

/** What the console asks the agency's provider for. */
export const OFFICIAL_SCOPES = 'openid profile email'

export class OfficialSignInError extends OidcSignInError<OfficialSignInErrorCode> {}

/** The organisation provider from configuration (OFFICIAL_OIDC_ISSUER), when set. */
export function configuredOfficialProvider(
  config: Pick<Config, 'env' | 'identity'>,
): ProviderSettings | undefined {
  const { officialOidcIssuer, officialOidcClientId, officialOidcClientSecret } = config.identity
  return providerSettings(config, officialOidcIssuer, officialOidcClientId, officialOidcClientSecret)
}

/** Checked before the API starts: a URL, https in production (it is optional, unlike the e-ID). */
export function assertOfficialSignInConfig(config: Pick<Config, 'env' | 'identity'>): void {
  assertIssuerUrl(config, 'OFFICIAL_OIDC_ISSUER', config.identity.officialOidcIssuer)
}

export interface OfficialMatch {
  officialId: string
  /** True when this sign-in linked the provider account to the official (matched by email). */
  linkedNow: boolean
}

/** The official a verified sign-in belongs to; refuses with official_not_linked / official_disabled. */
export async function officialForOidcSignIn(
  db: Kysely<DB>,
  { issuer, claims }: VerifiedSignIn,
): Promise<OfficialMatch> {
  const subject = text(claims.sub)
  if (!subject) throw new OfficialSignInError('sign_in_failed', 'the ID token has no subject')

  const linked = await db
    .selectFrom('identity.officials')
    .select(['id', 'disabled_at'])
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst()
  if (linked) {
    if (linked.disabled_at !== null)
      throw new OfficialSignInError('official_disabled', 'the official is disabled')
    return { officialId: linked.id, linkedNow: false }
  }

  // First sign-in: only an email the provider says it verified may claim an official's record.
  const email = text(claims.email)
  if (!email)
    throw new OfficialSignInError('official_not_linked', 'not linked, and the provider sent no email')
  if (claims.email_verified !== true) {
    throw new OfficialSignInError('official_not_linked', 'not linked, and the email is not verified')
  }
  const matches = await db
    .selectFrom('identity.officials')
    .select(['id', 'disabled_at', 'oidc_subject'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .limit(2)
    .execute()
  const [official] = matches
  if (!official) throw new OfficialSignInError('official_not_linked', 'no official has this email')
  if (matches.length > 1) {
    throw new OfficialSignInError('official_not_linked', 'several officials have this email; none is linked')
  }
  if (official.disabled_at !== null)
    throw new OfficialSignInError('official_disabled', 'the official is disabled')
  if (official.oidc_subject !== null) {
    // Never silently re-link: the record already belongs to another provider account.
    throw new OfficialSignInError('official_not_linked', 'the official is linked to another provider account')
  }
  const linking = await db
    .updateTable('identity.officials')
    .set({ oidc_issuer: issuer, oidc_subject: subject, updated_at: sql`now()` })
    .where('id', '=', official.id)
    .where('oidc_subject', 'is', null)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  if (Number(linking.numUpdatedRows) !== 1) {
    throw new OfficialSignInError('official_not_linked', 'the official changed while linking')
  }
  return { officialId: official.id, linkedNow: true }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null
}
