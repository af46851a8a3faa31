import { AccessLogList, PersonalDataExport, ResidentProfile } from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import Type from 'typebox'
import { AppError } from '../../../core/errors.ts'
import { access, type Principal } from '../../../core/http/access.ts'
import type { Platform } from '../../../core/platform.ts'
import { formatInstantHcm } from '../../../core/time.ts'
import { clearSessionCookie } from '../sessions.ts'
import {
  accessEntryDto,
  buildPersonalDataExport,
  ownProfile,
  type PersonalDataDeps,
  profileDto,
} from './personal-data-export.ts'

/**
 * /api/v1/me: a resident's own data. There is no resident id anywhere in these routes: the
 * session says whose data it is, so one resident can never ask for another's.
 */
export function meRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { identity } = platform.services
  const { db } = platform.database
  const deps: PersonalDataDeps = {
    db,
    cipher: identity.cipher,
    sessions: identity.sessions,
    accessLog: identity.accessLog,
  }
  return async (app) => {
    app.get(
      '/api/v1/me',
      {
        config: { access: access.resident() },
        schema: {
          tags: ['identity'],
          summary: "The signed-in resident's profile (personal data, decrypted)",
          response: { 200: ResidentProfile },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const { residentId } = residentOf(await request.principal())
        return profileDto(await ownProfile(deps, residentId))
      },
    )

    app.get(
      '/api/v1/me/export',
      {
        config: { access: access.resident() },
        schema: {
          tags: ['identity'],
          summary: 'Download everything the platform holds about the signed-in resident (JSON file)',
          response: { 200: PersonalDataExport },
        },
      },
      async (request, reply) => {
        const { residentId, session } = residentOf(await request.principal())
        const now = new Date()
        const data = await buildPersonalDataExport(deps, residentId, { currentSessionId: session.id, now })
        const day = formatInstantHcm(now).slice(0, 10)
        reply
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="du-lieu-ca-nhan-${day}.json"`)
        return data
      },
    )

    app.get(
      '/api/v1/me/access-log',
      {
        config: { access: access.resident() },
        schema: {
          tags: ['identity'],
          summary: "Which officials read the resident's personal data, when and why (newest first)",
          response: { 200: AccessLogList },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const { residentId } = residentOf(await request.principal())
        const entries = await identity.accessLog.forResident(residentId)
        return { entries: entries.map(accessEntryDto) }
      },
    )

    app.delete(
      '/api/v1/me',
      {
        config: { access: access.resident() },
        schema: {
          tags: ['identity'],
          summary:
            'Close the account: sign out everywhere; personal data is anonymised after the retention period',
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const { residentId } = residentOf(await request.principal())
        await db
          .updateTable('identity.residents')
          .set({ closed_at: sql`now()` })
          .where('id', '=', residentId)
          .where('closed_at', 'is', null)
          .execute()
        await identity.sessions.revokeAll({ kind: 'resident', residentId })
        clearSessionCookie(reply, platform.config.identity)
        return reply.code(204).send(null)
      },
    )
  }
}

function residentOf(principal: Principal): Extract<Principal, { kind: 'resident' }> {
  // access.resident() admitted only residents; this narrows the type.
  if (principal.kind !== 'resident') throw new AppError('forbidden')
  return principal
}
