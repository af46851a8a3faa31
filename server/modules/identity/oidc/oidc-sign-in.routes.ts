import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { access } from '../../../core/http/access.ts'
import type { Platform } from '../../../core/platform.ts'
import {
  clientOf,
  hashToken,
  newToken,
  type SessionSubject,
  sessionTokenOf,
  setSessionCookie,
} from '../sessions.ts'
import { type AuthorizationRequest, type ExpectedResponse, OidcSignInError } from './relying-party.ts'

/**
 * The browser side of an OpenID Connect sign-in (authorization code + PKCE), shared by residents
 * (national e-ID, /auth/resident) and officials (their agency's provider, /auth/official):
 * GET <base>/login remembers state, nonce and PKCE verifier in a pending sign-in and redirects to
 * the provider; GET <base>/callback takes that pending sign-in (single use), lets the relying party
 * verify the answer, asks the flow whose session it is, and starts a new session. Browser
 * navigations, not API calls: every outcome is a redirect, failures to `<failurePath>?loi=<code>`.
 */

/** Holds the pending sign-in's token between /login and /callback (its hash keys the row). */
export const SIGN_IN_COOKIE = 'dc_signin'
/** How long a person has at the provider before the sign-in must start again. */
const PENDING_MINUTES = 10

/** What the routes need of a relying party; `complete` returns whatever the flow's `signIn` takes. */
export interface SignInProvider<Verified> {
  readonly issuer: string | undefined
  authorizationRequest(redirectUri: string): Promise<AuthorizationRequest>
  complete(callbackUrl: URL, expected: ExpectedResponse): Promise<Verified>
}

export interface OidcSignInFlow<Verified> {
  /** Who signs in: names the log lines and keeps one flow's pending sign-ins out of the other's. */
  who: 'resident' | 'official'
  /** '/auth/resident': /login and /callback live under it, and the pending cookie is scoped to it. */
  basePath: string
  provider: SignInProvider<Verified>
  /** Where a refused sign-in lands, with ?loi=<code>. */
  failurePath: string
  /** The place to go back to, made safe (a path of this site, or the default). */
  returnTo(value: string | undefined): string
  defaultReturnTo: string
  summaries: { login: string; callback: string }
  /** Whose session the verified sign-in opens (throw an OidcSignInError to refuse), and what to log. */
  signIn(
    verified: Verified,
    request: FastifyRequest,
  ): Promise<{ subject: SessionSubject; log: Record<string, unknown> }>
}

/** What /login remembers for /callback (identity.pending_sign_ins.data, kind 'oidc'). */
interface PendingOidcSignIn extends ExpectedResponse {
  flow: 'resident' | 'official'
  issuer: string
  redirectUri: string
  returnTo: string
}

// Loose on purpose: whatever the provider sends is checked by the OIDC client, not by the schema.
const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String()),
    state: Type.Optional(Type.String()),
    iss: Type.Optional(Type.String()),
    error: Type.Optional(Type.String()),
    error_description: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
)

const Redirect = Type.Null({ description: 'Redirect (Location header)' })

export function oidcSignInRoutes<Verified>(
  platform: Platform,
  flow: OidcSignInFlow<Verified>,
): FastifyPluginAsyncTypebox {
  const { identity } = platform.services
  const { db } = platform.database
  const { config } = platform
  const callbackPath = `${flow.basePath}/callback`
  const cookieOptions = {
    path: flow.basePath,
    httpOnly: true,
    secure: config.identity.cookieSecure,
    sameSite: 'lax' as const,
  }
  const LoginQuery = Type.Object({
    returnTo: Type.Optional(
      Type.String({ maxLength: 2000, description: `A path on this site (default ${flow.defaultReturnTo})` }),
    ),
  })

  return async (app) => {
    app.get(
      `${flow.basePath}/login`,
      {
        config: { access: access.public() },
        schema: {
          tags: ['identity'],
          summary: flow.summaries.login,
          querystring: LoginQuery,
          response: { 302: Redirect },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const returnTo = flow.returnTo(request.query.returnTo)
        const redirectUri = callbackUrlFor(request)
        try {
          const authorization = await flow.provider.authorizationRequest(redirectUri)
          const token = newToken()
          const pending: PendingOidcSignIn = {
            flow: flow.who,
            issuer: authorization.issuer,
            state: authorization.state,
            nonce: authorization.nonce,
            codeVerifier: authorization.codeVerifier,
            redirectUri,
            returnTo,
          }
          // Abandoned sign-ins are swept here, so the table stays small without a job.
          await db
            .deleteFrom('identity.pending_sign_ins')
            .where('kind', '=', 'oidc')
            .where('expires_at', '<', new Date())
            .execute()
          await db
            .insertInto('identity.pending_sign_ins')
            .values({
              token_hash: hashToken(token),
              kind: 'oidc',
              data: JSON.stringify(pending),
              expires_at: new Date(Date.now() + PENDING_MINUTES * 60_000),
            })
            .execute()
          reply.setCookie(SIGN_IN_COOKIE, token, { ...cookieOptions, maxAge: PENDING_MINUTES * 60 })
          return reply.redirect(authorization.url.href, 302)
        } catch (error) {
          return refuse(request, reply, error)
        }
      },
    )

    app.get(
      callbackPath,
      {
        config: { access: access.public() },
        schema: {
          tags: ['identity'],
          summary: flow.summaries.callback,
          querystring: CallbackQuery,
          response: { 302: Redirect },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        reply.clearCookie(SIGN_IN_COOKIE, cookieOptions)
        try {
          const pending = await takePending(request.cookies[SIGN_IN_COOKIE])
          if (flow.provider.issuer !== pending.issuer) {
            throw new OidcSignInError('sign_in_expired', 'the provider changed since the sign-in began')
          }
          // The registered redirect URI plus the provider's query: what openid-client checks and sends on.
          const callbackUrl = new URL(pending.redirectUri)
          const queryStart = request.url.indexOf('?')
          callbackUrl.search = queryStart === -1 ? '' : request.url.slice(queryStart)
          const verified = await flow.provider.complete(callbackUrl, pending)
          const { subject, log } = await flow.signIn(verified, request)

          // No session fixation: whatever session the browser brought ends; the sign-in gets a new one.
          const planted = sessionTokenOf(request)
          if (planted) await identity.sessions.revokeToken(planted)
          const { token } = await identity.sessions.create(subject, clientOf(request))
          setSessionCookie(reply, token, config.identity)
          request.log.info(log, `${flow.who} signed in`)
          return reply.redirect(pending.returnTo, 302)
        } catch (error) {
          return refuse(request, reply, error)
        }
      },
    )
  }

  /** Takes the pending sign-in (single use: the row is deleted as it is read). */
  async function takePending(token: string | undefined): Promise<PendingOidcSignIn> {
    if (!token) throw new OidcSignInError('sign_in_expired', 'no sign-in cookie')
    const row = await db
      .deleteFrom('identity.pending_sign_ins')
      .where('token_hash', '=', hashToken(token))
      .where('kind', '=', 'oidc')
      .returning(['data', 'expires_at'])
      .executeTakeFirst()
    if (!row) throw new OidcSignInError('sign_in_expired', 'unknown or already used sign-in')
    if (row.expires_at.getTime() <= Date.now())
      throw new OidcSignInError('sign_in_expired', 'sign-in expired')
    const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as PendingOidcSignIn
    // A resident's pending sign-in never finishes an official's, nor the other way round.
    if (data.flow !== flow.who) throw new OidcSignInError('sign_in_expired', `not a ${flow.who} sign-in`)
    return data
  }

  /** The redirect URI registered with the provider: PUBLIC_BASE_URL's, else this request's origin. */
  function callbackUrlFor(request: FastifyRequest): string {
    const base = config.publicBaseUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`
    return `${base}${callbackPath}`
  }

  function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    const code = error instanceof OidcSignInError ? error.code : 'sign_in_failed'
    const reason = error instanceof Error ? error.message : String(error)
    if (error instanceof OidcSignInError) request.log.info({ code, reason }, `${flow.who} sign-in refused`)
    else request.log.error({ err: error, code }, `${flow.who} sign-in failed`)
    return reply.redirect(`${flow.failurePath}?loi=${encodeURIComponent(code)}`, 302)
  }
}

/**
 * Only a path on this site: '/…' but not '//host' or '/\host' (browsers read both as another
 * origin), and no control characters or whitespace (browsers drop tabs and newlines, turning
 * '/\t/host' into '//host').
 */
export function safeLocalPath(value: string | undefined, fallback: string): string {
  if (!value || value.length > 2000) return fallback
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return fallback
  return value
}
