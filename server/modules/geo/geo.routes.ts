import {
  LayerList,
  LocateQuery,
  LocateResult,
  WardCode,
  WardDetail,
  WardList,
  WardResolution,
  WardResolveQuery,
  WardSearchQuery,
} from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { access } from '../../core/http/access.ts'
import type { Platform } from '../../core/platform.ts'

/** /api/v1/geo: administrative units (locate, wards, old→new) and the layer registry. */
export function geoRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { geo } = platform.services
  return async (app) => {
    app.get(
      '/api/v1/geo/locate',
      {
        config: { access: access.public() },
        schema: {
          tags: ['geo'],
          summary: 'The ward at a point (WGS84 lon/lat); 404 outside_city when the point is not in the city',
          querystring: LocateQuery,
          response: { 200: LocateResult },
        },
      },
      async (request) => {
        const { lon, lat } = request.query
        return { point: { lon, lat }, ward: await geo.locate(lon, lat) }
      },
    )

    app.get(
      '/api/v1/geo/wards',
      {
        config: { access: access.public() },
        schema: {
          tags: ['geo'],
          summary: 'Search the 2025 wards by name (diacritics optional) or code',
          querystring: WardSearchQuery,
          response: { 200: WardList },
        },
      },
      async (request) => ({
        wards: await geo.search(request.query.q, request.query.kind, request.query.limit),
      }),
    )

    app.get(
      '/api/v1/geo/wards/resolve',
      {
        config: { access: access.public() },
        schema: {
          tags: ['geo'],
          summary: 'Address helper: a ward written the old (pre-2025) or new way → the 2025 ward(s)',
          querystring: WardResolveQuery,
          response: { 200: WardResolution },
        },
      },
      async (request) => geo.resolve(request.query.q),
    )

    app.get(
      '/api/v1/geo/wards/:code',
      {
        config: { access: access.public() },
        schema: {
          tags: ['geo'],
          summary: 'One ward: names, kind, area, extent, and the former wards it was formed from',
          params: Type.Object({ code: WardCode }),
          response: { 200: WardDetail },
        },
      },
      async (request) => geo.ward(request.params.code),
    )

    app.get(
      '/api/v1/geo/layers',
      {
        config: { access: access.public() },
        schema: {
          tags: ['geo'],
          summary: 'The map layers: titles, attribution, size, version',
          response: { 200: LayerList },
        },
      },
      async () => ({ layers: await geo.layers() }),
    )
  }
}
