import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { IdentityConfig } from '../../config.ts'
import type { DB } from '../../core/db/schema.ts'
import { AppError } from '../../core/errors.ts'
import { ANONYMOUS, type Authenticate, type OfficialRole, type Principal } from '../../core/http/access.ts'
import type { ApiKeyService } from './api-keys.ts'
import {
  type ActiveSession,
  clearSessionCookie,
  type SessionService,
  type SessionSubjectState,
  sessionTokenOf,
} from './sessions.ts'

/** The API key a machine client presents: `Authorization: Bearer dc_…` or `X-API-Key: dc_…`. */
export function presentedApiKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key']
  if (typeof header === 'string' && header) return header
  const authorization = request.headers.authorization
  if (authorization?.startsWith('Bearer dc_')) return authorization.slice('Bearer '.length)
  return undefined
}

/**
 * Who is calling: an API key (checked against the database on every request, so revocation is
 * immediate), else a session cookie (resident or official; a disabled official or a closed
 * resident account has no session), else anonymous.
 */
export function createAuthenticator(deps: {
  db: Kysely<DB>
  sessions: SessionService
  apiKeys: ApiKeyService
  config: IdentityConfig
}): Authenticate {
  const { sessions, apiKeys, config } = deps
  return async (request: FastifyRequest, reply: FastifyReply | undefined): Promise<Principal> => {
    const key = presentedApiKey(request)
    if (key !== undefined) {
      const record = await apiKeys.verify(key)
      if (!record) throw new AppError('invalid_api_key', { headers: { 'www-authenticate': 'Bearer' } })
      return {
        kind: 'apiKey',
        keyId: record.id,
        agencyId: record.agencyId,
        scopes: record.scopes,
        rateLimitPerMinute: record.rateLimitPerMinute,
      }
    }
    const token = sessionTokenOf(request)
    if (!token) return ANONYMOUS
    const resolved = await sessions.resolveWithSubject(token)
    const principal = resolved && principalOf(resolved.session, resolved.subject)
    if (!principal) {
      // A stale cookie: forget it so the browser stops sending it.
      if (reply && !reply.sent) clearSessionCookie(reply, config)
      return ANONYMOUS
    }
    return principal
  }
}

function principalOf(session: ActiveSession, subject: SessionSubjectState): Principal | undefined {
  const ref = { id: session.id, csrfToken: session.csrfToken }
  if (subject.kind === 'resident') return { kind: 'resident', residentId: subject.residentId, session: ref }
  if (subject.kind === 'official') {
    return {
      kind: 'official',
      officialId: subject.officialId,
      agencyId: subject.agencyId,
      roles: subject.roles as OfficialRole[],
      wardCodes: subject.wardCodes,
      session: ref,
    }
  }
  return undefined
}
