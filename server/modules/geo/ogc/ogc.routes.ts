import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type, { type TSchema } from 'typebox'
import type { Config } from '../../../config.ts'
import { requestLanguage } from '../../../core/http/problem.ts'
import type { Platform } from '../../../core/platform.ts'
import {
  collectionHtml,
  collectionsHtml,
  conformanceHtml,
  HTML_CSP,
  itemHtml,
  itemsHtml,
  landingHtml,
  queryablesHtml,
} from './ogc.html.ts'
import { CRS84, negotiateFormat, rejectUnknownParameters } from './ogc.params.ts'
import {
  Collection,
  CollectionParams,
  Collections,
  Conformance,
  Feature,
  FeatureCollection,
  FeatureParams,
  FORMAT_PARAMETERS,
  FormatQuery,
  ItemsQuery,
  LandingPage,
  Queryables,
} from './ogc.schema.ts'
import { MEDIA, type OgcContext, OgcService, type ItemsQuery as ServiceItemsQuery } from './ogc.service.ts'

const TAGS = ['ogc']

/** A 200 answer in JSON (of the given media type) or HTML, as OpenAPI 3.1 documents it. */
const jsonOrHtml = (schema: TSchema, media: string, description: string) => ({
  description,
  content: { [media]: { schema }, [MEDIA.html]: { schema: Type.String({ description: 'HTML page' }) } },
})

/** Hosts that may appear in absolute links (anything else could inject into the page). */
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

function context(request: FastifyRequest, config: Config): OgcContext {
  const configured = config.publicBaseUrl?.replace(/\/+$/, '')
  // Without PUBLIC_BASE_URL, links follow the address the client used (X-Forwarded-* with TRUST_PROXY);
  // a Host header that is not a plain host name gets root-relative links instead.
  const protocol = request.protocol === 'https' ? 'https' : 'http'
  const base = configured ?? (PLAIN_HOST.test(request.host) ? `${protocol}://${request.host}` : '')
  const asked = (request.query as { lang?: unknown }).lang
  return {
    base,
    lang: requestLanguage(request),
    ...(asked === 'vi' || asked === 'en' ? { langParam: asked } : {}),
  }
}

/** Answers the document as `media` JSON, or the HTML view when `?f=html` or the Accept header asks. */
function respond(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: OgcContext,
  doc: unknown,
  media: string,
  html: () => string,
) {
  const format = negotiateFormat((request.query as { f?: 'json' | 'html' }).f, request.headers.accept)
  reply.header('vary', 'accept, accept-language').header('content-language', ctx.lang)
  if (format === 'html') {
    return reply.type('text/html; charset=utf-8').header('content-security-policy', HTML_CSP).send(html())
  }
  return reply.type(media).send(doc)
}

const onlyFormatParameters = async (request: FastifyRequest) =>
  rejectUnknownParameters(request.url, FORMAT_PARAMETERS)

/**
 * OGC API – Features Part 1 (Core, GeoJSON, HTML) at /ogc, for GIS clients (QGIS, GDAL/OGR, ArcGIS)
 * and browsers. Thin handlers: the service builds the documents, ogc.html renders them.
 */
export function ogcRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const ogc = new OgcService(platform.database.db)
  const ctxOf = (request: FastifyRequest) => context(request, platform.config)

  return async (app) => {
    app.get(
      '/ogc',
      {
        schema: {
          tags: TAGS,
          summary: 'OGC API Features landing page: links to the API definition, conformance and collections',
          querystring: FormatQuery,
          response: { 200: jsonOrHtml(LandingPage, MEDIA.json, 'The landing page') },
        },
        preValidation: onlyFormatParameters,
      },
      async (request, reply) => {
        const ctx = ctxOf(request)
        const doc = ogc.landing(ctx)
        return respond(request, reply, ctx, doc, MEDIA.json, () => landingHtml(doc, ctx))
      },
    )

    // The landing page has no trailing slash; people and some clients add one.
    app.get('/ogc/', { schema: { hide: true } }, async (request, reply) => {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
      return reply.redirect(`/ogc${query}`, 301)
    })

    app.get(
      '/ogc/conformance',
      {
        schema: {
          tags: TAGS,
          summary: 'The OGC API Features conformance classes this service implements',
          querystring: FormatQuery,
          response: { 200: jsonOrHtml(Conformance, MEDIA.json, 'Conformance classes') },
        },
        preValidation: onlyFormatParameters,
      },
      async (request, reply) => {
        const ctx = ctxOf(request)
        const doc = ogc.conformance()
        return respond(request, reply, ctx, doc, MEDIA.json, () => conformanceHtml(doc, ctx))
      },
    )

    app.get(
      '/ogc/collections',
      {
        schema: {
          tags: TAGS,
          summary: 'Every map layer as a feature collection, with its extent',
          querystring: FormatQuery,
          response: { 200: jsonOrHtml(Collections, MEDIA.json, 'The collections') },
        },
        preValidation: onlyFormatParameters,
      },
      async (request, reply) => {
        const ctx = ctxOf(request)
        const doc = await ogc.collections(ctx)
        return respond(request, reply, ctx, doc, MEDIA.json, () => collectionsHtml(doc, ctx))
      },
    )

    app.get(
      '/ogc/collections/:collectionId',
      {
        schema: {
          tags: TAGS,
          summary: 'One collection: title, description, spatial and temporal extent, links',
          params: CollectionParams,
          querystring: FormatQuery,
          response: { 200: jsonOrHtml(Collection, MEDIA.json, 'The collection') },
        },
        preValidation: onlyFormatParameters,
      },
      async (request, reply) => {
        const ctx = ctxOf(request)
        const doc = await ogc.collection(request.params.collectionId, ctx)
        return respond(request, reply, ctx, doc, MEDIA.json, () => collectionHtml(doc, ctx))
      },
    )

    app.get(
      '/ogc/collections/:collectionId/queryables',
      {
        schema: {
          tags: TAGS,
          summary: 'The properties that can filter items (?name=value), as JSON Schema (Part 3 queryables)',
          params: CollectionParams,
          querystring: FormatQuery,
          response: { 200: jsonOrHtml(Queryables, MEDIA.jsonSchema, 'The queryable properties') },
        },
        preValidation: onlyFormatParameters,
      },
      async (request, reply) => {
        const ctx = ctxOf(request)
        const { collectionId } = request.params
        const doc = ogc.queryables(collectionId, ctx)
        return respond(request, reply, ctx, doc, MEDIA.jsonSchema, () =>
          queryablesHtml(doc, collectionId, ctx),
        )
      },
    )

    app.get(
      '/ogc/collections/:collectionId/items',
      {
        schema: {
          tags: TAGS,
          summary:
            'Features of a collection, in pages (limit/offset, next/prev links), filtered by bbox, datetime and queryable properties',
          description:
            'GeoJSON FeatureCollection in CRS84 (lon, lat). Features without a location are listed with ' +
            "`geometry: null` (a bbox excludes them). Property filters: see the collection's queryables; " +
            'any other parameter is refused with 400.',
          params: CollectionParams,
          querystring: ItemsQuery,
          response: { 200: jsonOrHtml(FeatureCollection, MEDIA.geojson, 'A page of features') },
        },
      },
      async (request, reply) => {
        const ctx = ctxOf(request)
        const { collectionId } = request.params
        // The schema's static type has no index signature for the layer's filters; the service's does.
        const query = request.query as unknown as ServiceItemsQuery
        const doc = await ogc.items(collectionId, query, request.url, ctx)
        reply.header('content-crs', `<${CRS84}>`)
        return respond(request, reply, ctx, doc, MEDIA.geojson, () => itemsHtml(doc, collectionId, ctx))
      },
    )

    app.get(
      '/ogc/collections/:collectionId/items/:featureId',
      {
        schema: {
          tags: TAGS,
          summary: 'One feature (GeoJSON); 404 feature_not_found when the collection has no such id',
          params: FeatureParams,
          querystring: FormatQuery,
          response: { 200: jsonOrHtml(Feature, MEDIA.geojson, 'The feature') },
        },
        preValidation: onlyFormatParameters,
      },
      async (request, reply) => {
        const ctx = ctxOf(request)
        const { collectionId, featureId } = request.params
        const doc = await ogc.item(collectionId, featureId, ctx)
        reply.header('content-crs', `<${CRS84}>`)
        return respond(request, reply, ctx, doc, MEDIA.geojson, () => itemHtml(doc, collectionId, ctx))
      },
    )
  }
}
