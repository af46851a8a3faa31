import { type Readable, Transform } from 'node:stream'
import { LayerImportParams, LayerImportSummary } from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../../core/errors.ts'
import { access } from '../../core/http/access.ts'
import type { Platform } from '../../core/platform.ts'
import { importLayer } from './layer-import.ts'
import { findLayer } from './layers.ts'

/** GeoJSON files can be large; the body is streamed to a spool file, never held whole in memory. */
const IMPORT_BODY_LIMIT = 200 * 1024 * 1024

/** Fails the stream (→ 413 payload_too_large) once more than IMPORT_BODY_LIMIT bytes arrive. */
function limited(source: Readable): Readable {
  let received = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length
      if (received > IMPORT_BODY_LIMIT) callback(new AppError('payload_too_large'))
      else callback(null, chunk)
    },
  })
  source.on('error', (error) => counter.destroy(error))
  return source.pipe(counter)
}

/**
 * PUT /api/v1/geo/layers/{id}/features: replace a layer's features with a GeoJSON
 * FeatureCollection, all or nothing (the same import as `npm run geo:import`). For system
 * administrators in the console and for other agencies' systems holding an API key with the
 * `geo:import` scope.
 */
export function layerImportRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  return async (app) => {
    // This plugin is encapsulated: the body stays a stream for this route only.
    app.removeContentTypeParser(['application/json'])
    app.addContentTypeParser(['application/json', 'application/geo+json'], (_request, payload, done) =>
      done(null, payload),
    )

    app.put(
      '/api/v1/geo/layers/:id/features',
      {
        config: { access: access.anyOf(access.official('system_admin'), access.apiKey('geo:import')) },
        schema: {
          tags: ['geo'],
          summary:
            'Replace a layer with a GeoJSON FeatureCollection (all or nothing; errors name the feature)',
          description:
            'Content-Type application/geo+json (or application/json), body an RFC 7946 FeatureCollection ' +
            "whose properties match the layer's schema. Officials: system_admin; API keys: scope geo:import.",
          params: LayerImportParams,
          response: { 200: LayerImportSummary },
        },
      },
      async (request) => {
        const layer = findLayer(request.params.id)
        if (!layer) throw new AppError('layer_not_found')
        const summary = await importLayer(platform.database.db, layer, limited(request.body as Readable))
        request.log.info({ ...summary, principal: (await request.principal()).kind }, 'layer imported')
        return summary
      },
    )
  }
}
