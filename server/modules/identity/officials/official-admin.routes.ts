import {
  OfficialCreateBody,
  OfficialList,
  OfficialListQuery,
  OfficialPatchBody,
  OfficialRecord,
  UuidParams,
} from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { AppError } from '../../../core/errors.ts'
import { access } from '../../../core/http/access.ts'
import type { Platform } from '../../../core/platform.ts'
import { AdminScope } from './admin-scope.ts'
import {
  createOfficial,
  getOfficial,
  listOfficials,
  resetOfficialTotp,
  unlockOfficial,
  updateOfficial,
} from './official.repository.ts'

const admins = access.official('agency_admin', 'system_admin')
const REFUSALS = { 403: Type.Ref('Problem'), 409: Type.Ref('Problem') }

/**
 * /api/v1/console/officials: agency administrators manage the officials of their agency and the
 * agencies under it; system administrators manage everyone (see AdminScope for what is refused how).
 */
export function officialAdminRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { identity } = platform.services
  const { db } = platform.database
  return async (app) => {
    app.get(
      '/api/v1/console/officials',
      {
        config: { access: admins },
        schema: {
          tags: ['identity'],
          summary: 'Officials the caller administers (agency_admin: own agency and below; system_admin: all)',
          querystring: OfficialListQuery,
          response: { 200: OfficialList, 403: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const scope = AdminScope.of(await request.principal(), identity.agencies)
        return {
          officials: await listOfficials(db, scope.listable(identity.agencies, request.query.agencyId)),
        }
      },
    )

    app.post(
      '/api/v1/console/officials',
      {
        config: { access: admins },
        schema: {
          tags: ['identity'],
          summary: 'Create an official with an initial password (TOTP is set up at the first sign-in)',
          body: OfficialCreateBody,
          response: { 201: OfficialRecord, ...REFUSALS },
        },
      },
      async (request, reply) => {
        const scope = AdminScope.of(await request.principal(), identity.agencies)
        scope.assertAgency(identity.agencies, request.body.agencyId)
        scope.assertMayGrant(request.body.roles)
        const official = await createOfficial(db, request.body)
        return reply.code(201).send(official)
      },
    )

    app.patch(
      '/api/v1/console/officials/:id',
      {
        config: { access: admins },
        schema: {
          tags: ['identity'],
          summary: 'Change an official’s name, email, roles, wards, or disable them (ends their sessions)',
          params: UuidParams,
          body: OfficialPatchBody,
          response: { 200: OfficialRecord, ...REFUSALS },
        },
      },
      async (request) => {
        const principal = await request.principal()
        const scope = AdminScope.of(principal, identity.agencies)
        await managed(scope, request.params.id)
        scope.assertMayGrant(request.body.roles)
        if (
          principal.kind === 'official' &&
          principal.officialId === request.params.id &&
          request.body.disabled
        ) {
          throw new AppError('validation_failed', {
            errors: [
              {
                pointer: '/disabled',
                message: {
                  vi: 'Bạn không thể tự khóa tài khoản của mình.',
                  en: 'You cannot disable your own account.',
                },
              },
            ],
          })
        }
        const updated = await updateOfficial(db, request.params.id, request.body)
        if (!updated) throw new AppError('not_found')
        if (request.body.disabled) {
          await identity.sessions.revokeAll({ kind: 'official', officialId: updated.id })
        }
        return updated
      },
    )

    app.post(
      '/api/v1/console/officials/:id/unlock',
      {
        config: { access: admins },
        schema: {
          tags: ['identity'],
          summary: 'Lift a sign-in lockout (reset the failure counter)',
          params: UuidParams,
          response: { 200: OfficialRecord, 403: Type.Ref('Problem') },
        },
      },
      async (request) => {
        const scope = AdminScope.of(await request.principal(), identity.agencies)
        await managed(scope, request.params.id)
        const updated = await unlockOfficial(db, request.params.id)
        if (!updated) throw new AppError('not_found')
        return updated
      },
    )

    app.post(
      '/api/v1/console/officials/:id/reset-totp',
      {
        config: { access: admins },
        schema: {
          tags: ['identity'],
          summary: 'Forget an official’s authenticator (lost phone): the next sign-in sets up a new one',
          description: 'Also ends the official’s sessions.',
          params: UuidParams,
          response: { 200: OfficialRecord, 403: Type.Ref('Problem') },
        },
      },
      async (request) => {
        const scope = AdminScope.of(await request.principal(), identity.agencies)
        await managed(scope, request.params.id)
        const updated = await resetOfficialTotp(db, request.params.id)
        if (!updated) throw new AppError('not_found')
        await identity.sessions.revokeAll({ kind: 'official', officialId: updated.id })
        return updated
      },
    )

    /** The official, if the caller may manage them: 404 outside the scope, 403 for a system admin's account. */
    async function managed(scope: AdminScope, id: string) {
      const official = await getOfficial(db, id)
      if (!official || !scope.includes(official.agencyId)) throw new AppError('not_found')
      if (official.roles.includes('system_admin') && !scope.isSystemAdmin) throw new AppError('forbidden')
      return official
    }
  }
}
