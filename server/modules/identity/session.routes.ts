import { ActiveSessionList, SessionIdParams, SessionInfo } from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { AppError } from '../../core/errors.ts'
import { access } from '../../core/http/access.ts'
import type { Platform } from '../../core/platform.ts'
import { clearSessionCookie, type SessionSubject, sessionTokenOf } from './sessions.ts'

const signedIn = access.anyOf(access.resident(), access.official())

/** /api/v1/auth: the current session, sign-out, and the list of one's active sessions. */
export function sessionRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { identity } = platform.services
  const { db } = platform.database
  return async (app) => {
    app.get(
      '/api/v1/auth/session',
      {
        config: { access: access.public() },
        schema: {
          tags: ['identity'],
          summary: 'Who is signed in (and the CSRF token for writes); signedIn false when nobody is',
          response: { 200: SessionInfo },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const principal = await request.principal(reply)
        if (principal.kind === 'resident') {
          const resident = await db
            .selectFrom('identity.residents')
            .select(['id', 'full_name'])
            .where('id', '=', principal.residentId)
            .executeTakeFirstOrThrow()
          return {
            signedIn: true as const,
            kind: 'resident' as const,
            csrfToken: principal.session.csrfToken,
            expiresAt: await expiresAt(principal.session.id),
            resident: { id: resident.id, fullName: resident.full_name },
          }
        }
        if (principal.kind === 'official') {
          const official = await db
            .selectFrom('identity.officials as o')
            .innerJoin('identity.agencies as a', 'a.id', 'o.agency_id')
            .select([
              'o.id',
              'o.username',
              'o.full_name',
              'o.agency_id',
              'a.name as agency_name',
              'o.totp_enabled',
            ])
            .where('o.id', '=', principal.officialId)
            .executeTakeFirstOrThrow()
          return {
            signedIn: true as const,
            kind: 'official' as const,
            csrfToken: principal.session.csrfToken,
            expiresAt: await expiresAt(principal.session.id),
            official: {
              id: official.id,
              username: official.username,
              fullName: official.full_name,
              agencyId: official.agency_id,
              agencyName: official.agency_name,
              roles: [...principal.roles],
              wardCodes: [...principal.wardCodes],
              totpEnabled: official.totp_enabled,
            },
          }
        }
        return { signedIn: false as const }
      },
    )

    app.post(
      '/api/v1/auth/sign-out',
      {
        config: { access: signedIn },
        schema: { tags: ['identity'], summary: 'Sign out of this session', response: { 204: Type.Null() } },
      },
      async (request, reply) => {
        const token = sessionTokenOf(request)
        if (token) await identity.sessions.revokeToken(token)
        clearSessionCookie(reply, platform.config.identity)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/v1/auth/sessions',
      {
        config: { access: signedIn },
        schema: {
          tags: ['identity'],
          summary: "The caller's active sessions (devices), newest use first",
          response: { 200: ActiveSessionList },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const { subject, sessionId } = await subjectOf(request)
        const sessions = await identity.sessions.list(subject, sessionId)
        return {
          sessions: sessions.map((session) => ({
            ...session,
            createdAt: session.createdAt.toISOString(),
            lastSeenAt: session.lastSeenAt.toISOString(),
            expiresAt: session.expiresAt.toISOString(),
          })),
        }
      },
    )

    app.delete(
      '/api/v1/auth/sessions/:id',
      {
        config: { access: signedIn },
        schema: {
          tags: ['identity'],
          summary: "End one of the caller's sessions (another device)",
          params: SessionIdParams,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const { subject } = await subjectOf(request)
        if (!(await identity.sessions.revoke(subject, request.params.id))) throw new AppError('not_found')
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/api/v1/auth/sessions/revoke-all',
      {
        config: { access: signedIn },
        schema: {
          tags: ['identity'],
          summary: 'Sign out everywhere: end every session of the caller, this one included',
          response: { 200: Type.Object({ ended: Type.Integer() }) },
        },
      },
      async (request, reply) => {
        const { subject } = await subjectOf(request)
        const ended = await identity.sessions.revokeAll(subject)
        clearSessionCookie(reply, platform.config.identity)
        return { ended }
      },
    )
  }

  async function expiresAt(sessionId: string): Promise<string> {
    const row = await db
      .selectFrom('identity.sessions')
      .select('expires_at')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow()
    return row.expires_at.toISOString()
  }
}

async function subjectOf(request: {
  principal(): Promise<import('../../core/http/access.ts').Principal>
}): Promise<{ subject: SessionSubject; sessionId: string }> {
  const principal = await request.principal()
  if (principal.kind === 'resident') {
    return {
      subject: { kind: 'resident', residentId: principal.residentId },
      sessionId: principal.session.id,
    }
  }
  if (principal.kind === 'official') {
    return {
      subject: { kind: 'official', officialId: principal.officialId },
      sessionId: principal.session.id,
    }
  }
  throw new AppError('unauthenticated')
}
