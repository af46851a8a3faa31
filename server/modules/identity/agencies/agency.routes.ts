import { AgencyList, AgencyQuery } from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { access } from '../../../core/http/access.ts'
import type { Platform } from '../../../core/platform.ts'

/** GET /api/v1/agencies: the city's agencies (public: whom a case or an alert belongs to). */
export function agencyRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { agencies } = platform.services.identity
  return async (app) => {
    app.get(
      '/api/v1/agencies',
      {
        config: { access: access.public() },
        schema: {
          tags: ['identity'],
          summary:
            'The city’s agencies (People’s Committees, departments, service units), searchable without diacritics',
          querystring: AgencyQuery,
          response: { 200: AgencyList },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'public, max-age=300')
        return {
          agencies: agencies.search(request.query).map((agency) => ({
            id: agency.id,
            parentId: agency.parentId,
            kind: agency.kind,
            name: agency.name,
            nameEn: agency.nameEn,
            wardCode: agency.wardCode,
          })),
        }
      },
    )
  }
}
