import {
  OfficialSignedIn,
  OfficialSignInBody,
  OfficialSignInStep,
  PasswordChangeBody,
  TotpChallengeBody,
  TotpCodeBody,
  TotpEnrollment,
} from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import Type from 'typebox'
import { AppError } from '../../../core/errors.ts'
import { access } from '../../../core/http/access.ts'
import type { Platform } from '../../../core/platform.ts'
import { clientOf, sessionTokenOf, setSessionCookie } from '../sessions.ts'

const SIGN_IN_ERRORS = { 401: Type.Ref('Problem') }

/**
 * /api/v1/auth/official: officials' own sign-in (password, then a TOTP code), TOTP set-up at the
 * first sign-in, and password change. The sign-in steps are public, so the CSRF check of the policy
 * layer does not apply to them; instead they take JSON only (the text/plain parser is removed in
 * this scope): a cross-site HTML form cannot send application/json, and a script on another origin
 * cannot without a CORS preflight, which this API never grants.
 */
export function officialAuthRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { identity } = platform.services
  const { db } = platform.database
  return async (app) => {
    app.removeContentTypeParser('text/plain')

    app.post(
      '/api/v1/auth/official/sign-in',
      {
        config: { access: access.public() },
        schema: {
          tags: ['identity'],
          summary: 'Official sign-in, step 1: username and password → a challenge for the TOTP code',
          description:
            'Wrong username and wrong password answer the same 401 sign_in_failed. After LOCKOUT_THRESHOLD consecutive failures (password or code) the account is locked: 429 account_locked with Retry-After, doubling with each further failure (at most 24 h).',
          body: OfficialSignInBody,
          response: { 200: OfficialSignInStep, ...SIGN_IN_ERRORS },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        return identity.officials.signIn(request.body.username, request.body.password)
      },
    )

    app.post(
      '/api/v1/auth/official/totp/enroll',
      {
        config: { access: access.public() },
        schema: {
          tags: ['identity'],
          summary: 'First sign-in: a new TOTP secret (and its QR code) for the authenticator app',
          description:
            'Only for a challenge answered with totp_enrollment_required. Finish with POST /api/v1/auth/official/totp and the first code.',
          body: TotpChallengeBody,
          response: { 200: TotpEnrollment, 401: Type.Ref('Problem'), 409: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        return identity.officials.enrollTotp(request.body.challenge)
      },
    )

    app.post(
      '/api/v1/auth/official/totp',
      {
        config: { access: access.public() },
        schema: {
          tags: ['identity'],
          summary: 'Official sign-in, step 2: the 6-digit TOTP code → a new session (cookie)',
          description:
            'A wrong code counts toward the lockout (401 totp_invalid). A code is never accepted twice. Any session the browser already had is ended.',
          body: TotpCodeBody,
          response: { 200: OfficialSignedIn, ...SIGN_IN_ERRORS },
        },
      },
      async (request, reply) => {
        const { officialId } = await identity.officials.completeTotp(
          request.body.challenge,
          request.body.code,
        )
        // A new session, never a promoted old one: no session fixation.
        const previous = sessionTokenOf(request)
        if (previous) await identity.sessions.revokeToken(previous)
        const { token } = await identity.sessions.create({ kind: 'official', officialId }, clientOf(request))
        setSessionCookie(reply, token, platform.config.identity)
        reply.header('cache-control', 'no-store')
        return { status: 'signed_in' as const }
      },
    )

    app.post(
      '/api/v1/auth/official/password',
      {
        config: { access: access.official() },
        schema: {
          tags: ['identity'],
          summary: 'Change one’s password (policy-checked); other sessions of the official are ended',
          body: PasswordChangeBody,
          response: { 204: Type.Null(), 401: Type.Ref('Problem'), 403: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        const principal = await request.principal()
        if (principal.kind !== 'official') throw new AppError('forbidden')
        await identity.officials.changePassword(
          principal.officialId,
          request.body.currentPassword,
          request.body.newPassword,
        )
        // Whoever else holds a session with the old password is signed out; this device stays.
        await db
          .updateTable('identity.sessions')
          .set({ revoked_at: sql`now()` })
          .where('official_id', '=', principal.officialId)
          .where('id', '!=', principal.session.id)
          .where('revoked_at', 'is', null)
          .execute()
        return reply.code(204).send(null)
      },
    )
  }
}
