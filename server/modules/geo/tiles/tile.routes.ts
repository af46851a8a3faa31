import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { requestLanguage } from '../../../core/http/problem.ts'
import type { Platform } from '../../../core/platform.ts'
import { BASEMAP_ID } from './basemap.ts'
import { glyphs } from './glyphs.ts'
import { basemapStyleUrl } from './style.ts'
import {
  binary,
  GlyphParams,
  MVT_CONTENT_TYPE,
  noBody,
  PBF_CONTENT_TYPE,
  StyleQuery,
  StyleSchema,
  TileJsonParams,
  TileJsonQuery,
  TileJsonSchema,
  TileParams,
} from './tile.schema.ts'
import { matchesTag, TileService } from './tile.service.ts'

/**
 * Caching: data tiles, TileJSON and the style may be reused for a minute, then revalidated (ETag →
 * 304, no rendering) — a changed flood point shows within a minute; the basemap changes only with a
 * release (a day), glyphs never for a given file (a week).
 */
const CACHE = {
  data: 'public, max-age=60, must-revalidate',
  basemap: 'public, max-age=86400',
  glyphs: 'public, max-age=604800',
}

/** Host headers we are willing to echo into absolute URLs (anything else falls back to localhost). */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/

/** /tiles (vector tiles, TileJSON, style) and /fonts (glyphs): the city map, served by the platform. */
export function tileRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const tiles = new TileService(platform.database)
  const publicBaseUrl = platform.config.publicBaseUrl?.replace(/\/+$/, '')
  const baseUrl = (request: FastifyRequest) =>
    publicBaseUrl ?? `${request.protocol}://${SAFE_HOST.test(request.host) ? request.host : 'localhost'}`

  return async (app) => {
    // Public map data: any site may show the city map (no credentials are involved). A synchronous
    // hook: an async one costs a promise per cached tile.
    app.addHook('onRequest', (_request, reply, done) => {
      reply.header('access-control-allow-origin', '*')
      done()
    })

    app.get(
      '/tiles/style.json',
      {
        schema: {
          tags: ['geo'],
          summary:
            'MapLibre style of the city map (basemap from shipped data, wards, flood points, cameras …)',
          querystring: StyleQuery,
          response: { 200: StyleSchema, 304: noBody('Not modified') },
        },
      },
      async (request, reply) => {
        const style = await tiles.style(baseUrl(request), requestLanguage(request), {
          basemap: request.query.basemap !== 'none',
          basemapStyleUrl: basemapStyleUrl(),
        })
        return sendJson(request, reply, style)
      },
    )

    app.get(
      '/tiles/:layer.json',
      {
        schema: {
          tags: ['geo'],
          summary: "TileJSON 3.0.0 of a layer's vector tiles (or of the basemap)",
          params: TileJsonParams,
          querystring: TileJsonQuery,
          response: { 200: TileJsonSchema, 304: noBody('Not modified') },
        },
      },
      async (request, reply) => {
        const tilejson = await tiles.tileJson(
          request.params.layer,
          baseUrl(request),
          requestLanguage(request),
        )
        return sendJson(request, reply, tilejson)
      },
    )

    app.get(
      '/tiles/:layer/:z/:x/:y.mvt',
      {
        schema: {
          tags: ['geo'],
          summary: 'A Mapbox Vector Tile of a layer: source-layer = layer id, attributes = id + properties',
          description:
            'Extent 4096, buffer 64. 204 when no feature touches the tile; 304 when If-None-Match still ' +
            'matches (the ETag changes with the layer version). 404 tile_not_found outside the grid or ' +
            "the layer's zoom range (see its TileJSON).",
          params: TileParams,
          response: {
            200: binary(MVT_CONTENT_TYPE, 'The tile'),
            204: noBody('No feature touches this tile'),
            304: noBody('Not modified'),
          },
        },
      },
      async (request, reply) => {
        const { layer, z, x, y } = request.params
        const tile = await tiles.tile(layer, { z, x, y }, request.headers['if-none-match'])
        reply.headers({ etag: tile.etag, 'cache-control': layer === BASEMAP_ID ? CACHE.basemap : CACHE.data })
        if (!tile.body) return reply.code(304).send()
        if (tile.body.byteLength === 0) return reply.code(204).send()
        return reply.type(MVT_CONTENT_TYPE).send(tile.body)
      },
    )

    app.get(
      '/fonts/:fontstack/:range.pbf',
      {
        schema: {
          tags: ['geo'],
          summary: "SDF glyphs of 256 code points for the map's labels (MapLibre glyphs protocol)",
          params: GlyphParams,
          response: { 200: binary(PBF_CONTENT_TYPE, 'Glyphs protobuf'), 304: noBody('Not modified') },
        },
      },
      async (request, reply) => {
        const answer = await glyphs(request.params.fontstack, request.params.range)
        reply.header('etag', answer.etag).header('cache-control', CACHE.glyphs)
        if (matchesTag(request.headers['if-none-match'] ?? '', answer.etag)) return reply.code(304).send()
        return reply.type(PBF_CONTENT_TYPE).send(asBuffer(answer.body))
      },
    )
  }
}

/** JSON whose URLs and names depend on host and language: tagged by content, revalidated after a minute. */
function sendJson(request: FastifyRequest, reply: FastifyReply, value: unknown) {
  const body = JSON.stringify(value)
  const etag = `"j${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`
  reply.header('etag', etag).header('cache-control', CACHE.data).header('vary', 'Accept-Language')
  if (matchesTag(request.headers['if-none-match'] ?? '', etag)) return reply.code(304).send()
  return reply.type('application/json; charset=utf-8').send(body)
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
