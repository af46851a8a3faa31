import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

export const OPENAPI_PATH = '/api/openapi.json'

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
      ],
    },
    // Name shared schemas by their $id in components (Problem), not def-0.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger())
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } })
}
