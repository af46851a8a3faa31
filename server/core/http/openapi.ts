import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { access, publicRoutes } from './access.ts'

export const OPENAPI_PATH = '/api/openapi.json'

/** Error responses every route can give (problem+json), documented on each operation. */
const COMMON_ERROR_STATUSES = ['400', '404', '413', '415', '429', '500', '503'] as const

/**
 * Adds the common problem responses to every operation of the generated document. Done here rather
 * than in each route's response schema: compiling a Problem serializer for every status of every
 * route made every request slower (geo-locate-http 14.3k → 25.2k req/s without them, same run).
 */
function withCommonErrors(document: Record<string, unknown>): Record<string, unknown> {
  const paths = (document.paths ?? {}) as Record<
    string,
    Record<string, { responses?: Record<string, unknown> }>
  >
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      operation.responses ??= {}
      for (const status of COMMON_ERROR_STATUSES) {
        operation.responses[status] ??= {
          description: 'Problem (RFC 9457)',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        }
      }
    }
  }
  return document
}

/** OpenAPI 3.1 generated from the routes' schemas; the docs UI at /api/docs. */
export async function registerOpenApi(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Digital Citizen API',
        version,
        description:
          'Nền tảng chính quyền số của thành phố — API công khai. Every error is RFC 9457 problem+json ' +
          'with a Vietnamese and an English message. Send Accept-Language: en (or ?lang=en) for English.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      tags: [
        { name: 'system', description: 'Health, readiness, metrics and platform facts' },
        { name: 'geo', description: 'Administrative units, point → ward, map layers' },
        { name: 'ogc', description: 'OGC API – Features, Part 1 Core (GeoJSON, HTML)' },
        { name: 'identity', description: 'Sign-in (e-ID, officials), sessions, API keys, personal data' },
        {
          name: 'feedback',
          description: 'Residents’ reports (phản ánh kiến nghị): categories, sending, public reports',
        },
        { name: 'feedback-console', description: 'Officials’ queue, actions, routing rules and templates' },
        { name: 'notify', description: 'The resident’s inbox' },
        {
          name: 'open311',
          description: 'Open311 GeoReport v2 (its own error format: [{code, description}])',
        },
      ],
    },
    transformObject: (documentObject) =>
      withCommonErrors((documentObject as { openapiObject: Record<string, unknown> }).openapiObject) as never,
    // Name shared schemas by their $id in components (Problem), not def-0.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  app.get(OPENAPI_PATH, { schema: { hide: true }, config: { access: access.public() } }, async () =>
    app.swagger(),
  )
  await app.register(
    publicRoutes(async (docs) => {
      await docs.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } })
    }),
  )
}
