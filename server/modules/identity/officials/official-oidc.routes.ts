import { OFFICIAL_HOME_PATH, OfficialSignInProviders } from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { access } from '../../../core/http/access.ts'
import type { Platform } from '../../../core/platform.ts'
import { oidcSignInRoutes, safeLocalPath } from '../oidc/oidc-sign-in.routes.ts'
import { officialForOidcSignIn } from './official-oidc.ts'

/**
 * Officials' sign-in with their agency's provider: GET /auth/official/login?returnTo=/console and
 * GET /auth/official/callback (the shared OIDC flow, oidc-sign-in.routes.ts; failures land on
 * /console/dang-nhap?loi=<code>), and GET /api/v1/auth/official/providers for the sign-in page.
 */
export function officialOidcRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { identity } = platform.services
  const { db } = platform.database
  const signInRoutes = oidcSignInRoutes(platform, {
    who: 'official',
    basePath: '/auth/official',
    provider: identity.officialSignIn,
    failurePath: '/console/dang-nhap',
    returnTo: consoleReturnTo,
    defaultReturnTo: OFFICIAL_HOME_PATH,
    summaries: {
      login: "Start an official's sign-in with the agency's OpenID Connect provider: redirects to it",
      callback: 'Where the agency provider returns: signs the official in and redirects to returnTo',
    },
    async signIn(verified) {
      const { officialId, linkedNow } = await officialForOidcSignIn(db, verified)
      return {
        subject: { kind: 'official', officialId },
        // The second factor is the provider's: what it says it did goes into the log.
        log: { officialId, linkedNow, acr: verified.claims.acr, amr: verified.claims.amr },
      }
    },
  })

  return async (app) => {
    await app.register(signInRoutes)

    app.get(
      '/api/v1/auth/official/providers',
      {
        config: { access: access.public() },
        schema: {
          tags: ['identity'],
          summary: 'Which ways of signing in the console offers besides password + TOTP',
          response: { 200: OfficialSignInProviders },
        },
      },
      async () => ({ organisation: identity.officialSignIn.configured }),
    )
  }
}

/** A path of the console (/console, /console/…), else /console. */
export function consoleReturnTo(value: string | undefined): string {
  const path = safeLocalPath(value, OFFICIAL_HOME_PATH)
  return /^\/console(?:[/?#]|$)/.test(path) ? path : OFFICIAL_HOME_PATH
}
