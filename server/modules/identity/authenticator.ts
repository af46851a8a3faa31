import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { IdentityConfig } from '../../config.ts'
import type { DB } from '../../core/db/schema.ts'
import { AppError } from '../../core/errors.ts'
import { ANONYMOUS, type Authenticate, type OfficialRole, type Principal } from '../../core/http/access.ts'
import type { ApiKeyService } from './api-keys.ts'
import { clearSessionCookie, type SessionService, sessionTokenOf } from './sessions.ts'

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
  const { db, sessions, apiKeys, config } = deps
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
    const session = await sessions.resolve(token)
    const principal = session && (await principalOf(db, session))
    if (!principal) {
      // A stale cookie: forget it so the browser stops sending it.
      if (reply && !reply.sent) clearSessionCookie(reply, config)
      return ANONYMOUS
    }
    return principal
  }
}

async function principalOf(
  db: Kysely<DB>,
  session: NonNullable<Awaited<ReturnType<SessionService['resolve']>>>,
): Promise<Principal | undefined> {
  const ref = { id: session.id, csrfToken: session.csrfToken }
  if (session.kind === 'resident' && session.residentId) {
    const resident = await db
      .selectFrom('identity.residents')
      .select('id')
      .where('id', '=', session.residentId)
      .where('closed_at', 'is', null)
      .executeTakeFirst()
    return resident && { kind: 'resident', residentId: resident.id, session: ref }
  }
  if (session.kind === 'official' && session.officialId) {
    const official = await db
      .selectFrom('identity.officials')
      .select(['id', 'agency_id', 'roles', 'ward_codes'])
      .where('id', '=', session.officialId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst()
    return (
      official && {
        kind: 'official',
        officialId: official.id,
        agencyId: official.agency_id,
        roles: official.roles as OfficialRole[],
        wardCodes: official.ward_codes,
        session: ref,
      }
    )
  }
  return undefined
}
