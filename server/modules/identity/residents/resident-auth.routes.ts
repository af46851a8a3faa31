import { RESIDENT_HOME_PATH } from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Platform } from '../../../core/platform.ts'
import { oidcSignInRoutes, safeLocalPath } from '../oidc/oidc-sign-in.routes.ts'
import { upsertResident } from './resident.repository.ts'

export { SIGN_IN_COOKIE } from '../oidc/oidc-sign-in.routes.ts'

const BASE_PATH = '/auth/resident'
export const CALLBACK_PATH = `${BASE_PATH}/callback`

/**
 * Resident sign-in with the national e-ID (OpenID Connect, authorization code + PKCE):
 * GET /auth/resident/login?returnTo=… and GET /auth/resident/callback (see oidc-sign-in.routes.ts).
 * Every outcome is a redirect, failures to /dang-nhap?loi=<code>.
 */
export function residentAuthRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { identity } = platform.services
  const { db } = platform.database
  return oidcSignInRoutes(platform, {
    who: 'resident',
    basePath: BASE_PATH,
    provider: identity.residentSignIn,
    failurePath: '/dang-nhap',
    returnTo: safeReturnTo,
    defaultReturnTo: RESIDENT_HOME_PATH,
    summaries: {
      login: 'Start signing in with the national e-ID: redirects to the provider',
      callback: 'Where the e-ID provider returns: signs the resident in and redirects to returnTo',
    },
    async signIn(claims) {
      const resident = await upsertResident(db, identity.cipher, claims)
      return {
        subject: { kind: 'resident', residentId: resident.id },
        log: { residentId: resident.id, created: resident.created, acr: claims.assuranceLevel },
      }
    },
  })
}

/** A path on this site (see safeLocalPath), else the resident's account page. */
export function safeReturnTo(value: string | undefined): string {
  return safeLocalPath(value, RESIDENT_HOME_PATH)
}
