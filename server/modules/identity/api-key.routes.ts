import {
  ApiKeyCreateBody,
  ApiKeyIssued,
  type ApiKeyItem,
  ApiKeyList,
  ApiKeyListQuery,
  ApiKeySelf,
  UuidParams,
} from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { AppError } from '../../core/errors.ts'
import { API_SCOPES, type ApiScope, access } from '../../core/http/access.ts'
import type { Platform } from '../../core/platform.ts'
import type { ApiKeyRecord } from './api-keys.ts'
import { AdminScope } from './officials/admin-scope.ts'

const admins = access.official('agency_admin', 'system_admin')
const DEFAULT_RATE_LIMIT_PER_MINUTE = 600

/** What a key record shows: its prefix and settings, never the secret or its hash. */
export function toApiKeyItem(record: ApiKeyRecord): ApiKeyItem {
  return {
    id: record.id,
    prefix: record.prefix,
    name: record.name,
    agencyId: record.agencyId,
    scopes: record.scopes,
    rateLimitPerMinute: record.rateLimitPerMinute,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    expiresAt: record.expiresAt?.toISOString() ?? null,
    revokedAt: record.revokedAt?.toISOString() ?? null,
    rotatedFrom: record.rotatedFrom,
  }
}

/**
 * /api/v1/console/api-keys: agency administrators issue, rotate and revoke their agencies' API keys
 * (same scoping as officials, see AdminScope); /api/v1/auth/api-key: a key describes itself.
 */
export function apiKeyRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { identity } = platform.services
  return async (app) => {
    app.get(
      '/api/v1/console/api-keys',
      {
        config: { access: admins },
        schema: {
          tags: ['identity'],
          summary: 'API keys of the agencies the caller administers (revoked ones included)',
          querystring: ApiKeyListQuery,
          response: { 200: ApiKeyList, 403: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const scope = AdminScope.of(await request.principal(), identity.agencies)
        const keys = await identity.apiKeys.list(scope.listable(identity.agencies, request.query.agencyId))
        return { apiKeys: keys.map(toApiKeyItem) }
      },
    )

    app.post(
      '/api/v1/console/api-keys',
      {
        config: { access: admins },
        schema: {
          tags: ['identity'],
          summary: 'Issue an API key; the full key is in this answer only',
          description: `Scopes: ${API_SCOPES.join(', ')}. rateLimitPerMinute 1–10000 (default ${DEFAULT_RATE_LIMIT_PER_MINUTE}).`,
          body: ApiKeyCreateBody,
          response: { 201: ApiKeyIssued, 403: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        const principal = await request.principal()
        const scope = AdminScope.of(principal, identity.agencies)
        const { body } = request
        scope.assertAgency(identity.agencies, body.agencyId)
        const unknown = body.scopes.flatMap((name, index) =>
          (API_SCOPES as readonly string[]).includes(name)
            ? []
            : [
                {
                  pointer: `/scopes/${index}`,
                  message: {
                    vi: `Không có phạm vi "${name}". Các phạm vi: ${API_SCOPES.join(', ')}.`,
                    en: `There is no scope "${name}". Scopes: ${API_SCOPES.join(', ')}.`,
                  },
                },
              ],
        )
        const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null
        if (expiresAt && expiresAt.getTime() <= Date.now()) {
          unknown.push({
            pointer: '/expiresAt',
            message: { vi: 'Ngày hết hạn phải ở tương lai.', en: 'The expiry must be in the future.' },
          })
        }
        if (unknown.length > 0) throw new AppError('validation_failed', { errors: unknown })
        const { key, record } = await identity.apiKeys.create({
          agencyId: body.agencyId,
          name: body.name.normalize('NFC').trim(),
          scopes: body.scopes as ApiScope[],
          rateLimitPerMinute: body.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
          expiresAt,
          createdBy: principal.kind === 'official' ? principal.officialId : null,
        })
        reply.header('cache-control', 'no-store')
        return reply.code(201).send({ key, apiKey: toApiKeyItem(record) })
      },
    )

    app.post(
      '/api/v1/console/api-keys/:id/rotate',
      {
        config: { access: admins },
        schema: {
          tags: ['identity'],
          summary: 'A new secret for a key (same settings); the old key stops working at once',
          params: UuidParams,
          response: { 200: ApiKeyIssued, 403: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        const principal = await request.principal()
        const scope = AdminScope.of(principal, identity.agencies)
        await managedKey(scope, request.params.id)
        const rotated = await identity.apiKeys.rotate(
          request.params.id,
          principal.kind === 'official' ? principal.officialId : null,
        )
        // Already revoked: nothing to rotate.
        if (!rotated) throw new AppError('not_found')
        reply.header('cache-control', 'no-store')
        return { key: rotated.key, apiKey: toApiKeyItem(rotated.record) }
      },
    )

    app.delete(
      '/api/v1/console/api-keys/:id',
      {
        config: { access: admins },
        schema: {
          tags: ['identity'],
          summary: 'Revoke a key: its very next request is refused',
          params: UuidParams,
          response: { 204: Type.Null(), 403: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        const scope = AdminScope.of(await request.principal(), identity.agencies)
        await managedKey(scope, request.params.id)
        await identity.apiKeys.revoke(request.params.id)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/v1/auth/api-key',
      {
        config: { access: access.apiKey() },
        schema: {
          tags: ['identity'],
          summary: 'The calling API key describes itself (agency, scopes, rate limit)',
          response: { 200: ApiKeySelf },
        },
      },
      async (request) => {
        const principal = await request.principal()
        if (principal.kind !== 'apiKey') throw new AppError('forbidden')
        const record = await identity.apiKeys.get(principal.keyId)
        if (!record) throw new AppError('invalid_api_key')
        return {
          id: record.id,
          name: record.name,
          agencyId: record.agencyId,
          agencyName: identity.agencies.get(record.agencyId)?.name ?? null,
          scopes: record.scopes,
          rateLimitPerMinute: record.rateLimitPerMinute,
          expiresAt: record.expiresAt?.toISOString() ?? null,
        }
      },
    )

    /** A key of an agency outside the caller's scope is answered as if it did not exist. */
    async function managedKey(scope: AdminScope, id: string): Promise<ApiKeyRecord> {
      const record = await identity.apiKeys.get(id)
      if (!record || !scope.includes(record.agencyId)) throw new AppError('not_found')
      return record
    }
  }
}
