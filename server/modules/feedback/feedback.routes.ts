import {
  AreaFollow,
  AreaFollowBody,
  AreaFollowList,
  CategoryList,
  foldVietnamese,
  IdempotencyHeaders,
  NearbyList,
  NearbyQuery,
  NotFixedBody,
  OwnReport,
  OwnReportList,
  PhotoUploaded,
  PublicReport,
  PublicReportList,
  PublicReportQuery,
  RatingBody,
  ReportIdParams,
  ReportSubmitBody,
} from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { AppError } from '../../core/errors.ts'
import { access } from '../../core/http/access.ts'
import type { Platform } from '../../core/platform.ts'
import { AreaFollows } from './area-follows.ts'
import { PHOTO_LIMITS } from './photos/photo-processing.ts'
import { PublicReportCache } from './public-cache.ts'
import { findReport, listReports } from './report.repository.ts'
import { ReportViews, reportsGeoJson } from './report.views.ts'

const residents = access.resident()
const photoUploaders = access.anyOf(
  access.resident(),
  access.official('officer', 'agency_admin', 'system_admin'),
)
const GeoJsonCollection = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
  { additionalProperties: true },
)

async function residentId(request: FastifyRequest): Promise<string> {
  const principal = await request.principal()
  if (principal.kind !== 'resident') throw new AppError('forbidden')
  return principal.residentId
}

export function parseBbox(bbox: string | undefined): [number, number, number, number] | undefined {
  if (!bbox) return undefined
  const parts = bbox.split(',').map(Number) as [number, number, number, number]
  if (parts.some((value) => !Number.isFinite(value)) || parts[0] > parts[2] || parts[1] > parts[3]) {
    throw new AppError('validation_failed', {
      errors: [
        {
          pointer: 'bbox',
          message: {
            vi: 'bbox phải là minLon,minLat,maxLon,maxLat.',
            en: 'bbox must be minLon,minLat,maxLon,maxLat.',
          },
        },
      ],
    })
  }
  return parts
}

/**
 * Residents' side of feedback: the category tree, public reports (list, map, detail — cached),
 * "is this already reported?", photo upload, submitting (idempotent), the reporter's own view and
 * actions (me too, follow, rate, not fixed), area follows.
 */
export function feedbackRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { feedback, geo, identity } = platform.services
  const views = new ReportViews(feedback, geo, identity)
  const cache = new PublicReportCache(feedback, views)
  const areas = new AreaFollows(feedback.db, geo)

  const ownReport = async (id: string, resident: string) => {
    const row = await findReport(feedback.db, id)
    if (!row) throw new AppError('report_not_found')
    const view = await views.ownReport(row, resident)
    if (!row.is_public && !view.isReporter && !view.following) throw new AppError('report_not_found')
    return view
  }

  return async (app) => {
    // Photos arrive as their raw bytes; the type is decided by content, whatever the header says.
    for (const type of [/^image\//, 'application/octet-stream']) {
      app.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: PHOTO_LIMITS.maxBytes + 1024 * 1024 },
        (_request, body, done) => done(null, body),
      )
    }

    app.get(
      '/api/v1/feedback/categories',
      {
        config: { access: access.public() },
        schema: {
          tags: ['feedback'],
          summary: 'The category tree, with each category’s extra questions',
          response: { 200: CategoryList },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=60')
        const categories = [...(await feedback.categories()).values()].map(
          ({ path: _path, ...category }) => category,
        )
        return { categories }
      },
    )

    app.get(
      '/api/v1/feedback/reports',
      {
        config: { access: access.public() },
        schema: {
          tags: ['feedback'],
          summary: 'Public reports, newest first (no personal data)',
          querystring: PublicReportQuery,
          response: { 200: PublicReportList },
        },
      },
      async (request) => {
        const query = request.query
        const { rows, total } = await listReports(feedback.db, {
          publicOnly: true,
          status: query.status,
          categoryIds: query.categoryId ? await categoryAndBelow(query.categoryId) : undefined,
          wardCodes: query.wardCode ? [query.wardCode] : undefined,
          bbox: parseBbox(query.bbox),
          q: query.q ? foldVietnamese(query.q) : undefined,
          limit: query.limit,
          offset: query.offset,
        })
        return { reports: await Promise.all(rows.map((row) => views.publicSummary(row))), total }
      },
    )

    app.get(
      '/api/v1/feedback/reports.geojson',
      {
        config: { access: access.public() },
        schema: {
          tags: ['feedback'],
          summary: 'Public reports as GeoJSON points for the map (at most 2000, newest first)',
          querystring: Type.Object({
            bbox: PublicReportQuery.properties.bbox,
            status: PublicReportQuery.properties.status,
            categoryId: PublicReportQuery.properties.categoryId,
          }),
          response: { 200: GeoJsonCollection },
        },
      },
      async (request, reply) => {
        const { rows } = await listReports(feedback.db, {
          publicOnly: true,
          status: request.query.status,
          categoryIds: request.query.categoryId
            ? await categoryAndBelow(request.query.categoryId)
            : undefined,
          bbox: parseBbox(request.query.bbox),
          limit: 2000,
          offset: 0,
        })
        const categories = await feedback.categories()
        reply.type('application/geo+json')
        return reportsGeoJson(rows, categories)
      },
    )

    app.get(
      '/api/v1/feedback/reports/:id',
      {
        config: { access: access.public() },
        schema: {
          tags: ['feedback'],
          summary: 'A public report with its public timeline (no personal data)',
          params: ReportIdParams,
          response: { 200: PublicReport, 304: Type.Null(), 404: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        const entry = await cache.get(request.params.id)
        if (!entry) throw new AppError('report_not_found')
        reply.header('etag', entry.etag).header('cache-control', 'public, max-age=0, must-revalidate')
        if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send(null)
        // Already serialised once for every reader of this version.
        return reply.type('application/json; charset=utf-8').send(entry.json)
      },
    )

    app.get(
      '/api/v1/feedback/nearby',
      {
        config: { access: residents },
        schema: {
          tags: ['feedback'],
          summary: 'Open reports of the same category close by, sent in the last 30 days',
          querystring: NearbyQuery,
          response: { 200: NearbyList },
        },
      },
      async (request) => {
        const { lon, lat, categoryId } = request.query
        return feedback.nearby(lon, lat, categoryId)
      },
    )

    app.post(
      '/api/v1/feedback/photos',
      {
        config: { access: photoUploaders },
        schema: {
          tags: ['feedback'],
          summary: 'Upload one photo (the raw JPEG, PNG or WebP bytes); attach it to a report by id',
          description: `At most ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB and 40 megapixels. Re-encoded; all metadata (GPS included) removed.`,
          response: {
            201: PhotoUploaded,
            413: Type.Ref('Problem'),
            415: Type.Ref('Problem'),
            422: Type.Ref('Problem'),
          },
        },
      },
      async (request, reply) => {
        const principal = await request.principal()
        const uploader =
          principal.kind === 'resident'
            ? `resident:${principal.residentId}`
            : principal.kind === 'official'
              ? `official:${principal.officialId}`
              : undefined
        if (!uploader) throw new AppError('forbidden')
        if (!Buffer.isBuffer(request.body)) throw new AppError('photo_unsupported')
        const photo = await feedback.photos.upload(request.body, uploader)
        return reply
          .code(201)
          .send({ ...photo, thumbnailUrl: `/api/v1/feedback/photos/${photo.id}/thumbnail` })
      },
    )

    for (const variant of ['display', 'thumbnail'] as const) {
      app.get(
        variant === 'display' ? '/api/v1/feedback/photos/:id' : '/api/v1/feedback/photos/:id/thumbnail',
        {
          config: { access: access.public() },
          schema: {
            tags: ['feedback'],
            summary: variant === 'display' ? 'A report photo (no metadata)' : 'A report photo’s thumbnail',
            params: ReportIdParams,
          },
        },
        async (request, reply) => {
          const photo = await feedback.photos.read(request.params.id, variant)
          if (!photo) throw new AppError('not_found')
          const visibleToAll =
            photo.report_id !== null && photo.is_public === true && photo.hidden_at === null
          if (!visibleToAll) {
            // Private or hidden photos, and uploads not yet attached: the uploader, the reporter, officials.
            const principal = await request.principal()
            const allowed =
              (principal.kind === 'resident' &&
                (photo.uploaded_by === `resident:${principal.residentId}` ||
                  photo.reporter_id === principal.residentId) &&
                photo.hidden_at === null) ||
              principal.kind === 'official'
            if (!allowed) throw new AppError('not_found')
            reply.header('cache-control', 'private, no-store')
          } else {
            reply.header('cache-control', 'public, max-age=300')
          }
          return reply
            .type(photo.content_type)
            .header('x-content-type-options', 'nosniff')
            .send(Buffer.from(photo.bytes))
        },
      )
    }

    app.post(
      '/api/v1/feedback/reports',
      {
        config: { access: residents },
        schema: {
          tags: ['feedback'],
          summary: 'Send a report (idempotent: repeat the Idempotency-Key on a retry)',
          headers: IdempotencyHeaders,
          body: ReportSubmitBody,
          response: { 200: OwnReport, 201: OwnReport, 404: Type.Ref('Problem'), 422: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        const resident = await residentId(request)
        const { id, created, fresh } = await feedback.submit(
          request.body,
          { kind: 'resident', residentId: resident },
          request.headers['idempotency-key'],
        )
        reply.header('location', `/api/v1/me/feedback/${id}`)
        const view = fresh
          ? await views.ownView(fresh.row, resident, { ...fresh, following: true })
          : await ownReport(id, resident)
        return reply.code(created ? 201 : 200).send(view)
      },
    )

    app.get(
      '/api/v1/me/feedback',
      {
        config: { access: residents },
        schema: {
          tags: ['feedback'],
          summary: 'Reports I sent, said "me too" to, or follow',
          response: { 200: OwnReportList },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const { rows } = await listReports(feedback.db, {
          residentId: await residentId(request),
          limit: 200,
          offset: 0,
        })
        return { reports: await Promise.all(rows.map((row) => views.publicSummary(row))) }
      },
    )

    app.get(
      '/api/v1/me/feedback/:id',
      {
        config: { access: residents },
        schema: {
          tags: ['feedback'],
          summary: 'A report as its reporter (or a follower) sees it',
          params: ReportIdParams,
          response: { 200: OwnReport, 404: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        return ownReport(request.params.id, await residentId(request))
      },
    )

    const action = (
      path: string,
      summary: string,
      body: typeof RatingBody | typeof NotFixedBody | undefined,
      run: (id: string, resident: string, body: unknown) => Promise<void>,
      method: 'POST' | 'DELETE' = 'POST',
    ) =>
      app.route({
        method,
        url: `/api/v1/feedback/reports/:id/${path}`,
        config: { access: residents },
        schema: {
          tags: ['feedback'],
          summary,
          params: ReportIdParams,
          ...(body ? { body } : {}),
          response: { 200: OwnReport, 404: Type.Ref('Problem'), 409: Type.Ref('Problem') },
        },
        handler: async (request) => {
          const resident = await residentId(request)
          const { id } = request.params as { id: string }
          await run(id, resident, request.body)
          return ownReport(id, resident)
        },
      })

    action('me-too', 'Me too: count me, and let me follow it', undefined, (id, resident) =>
      feedback.meToo(id, resident),
    )
    action('follow', 'Follow a report', undefined, (id, resident) => feedback.follow(id, resident, true))
    action(
      'follow',
      'Stop following a report',
      undefined,
      (id, resident) => feedback.follow(id, resident, false),
      'DELETE',
    )
    action('rating', 'Rate the answer (1–5); this closes the report', RatingBody, (id, resident, body) => {
      const { rating, comment } = body as { rating: number; comment?: string }
      return feedback.rate(id, resident, rating, comment)
    })
    action(
      'not-fixed',
      'Say it is not fixed: the report reopens at its agency',
      NotFixedBody,
      (id, resident, body) => feedback.notFixed(id, resident, (body as { reason: string }).reason),
    )

    app.get(
      '/api/v1/me/area-follows',
      {
        config: { access: residents },
        schema: {
          tags: ['feedback'],
          summary: 'Areas I follow for new public reports',
          response: { 200: AreaFollowList },
        },
      },
      async (request) => ({ follows: await areas.list(await residentId(request)) }),
    )
    app.post(
      '/api/v1/me/area-follows',
      {
        config: { access: residents },
        schema: {
          tags: ['feedback'],
          summary: 'Follow a ward, or a radius around a point, for new public reports',
          body: AreaFollowBody,
          response: { 201: AreaFollow, 404: Type.Ref('Problem') },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await areas.add(await residentId(request), request.body)),
    )
    app.delete(
      '/api/v1/me/area-follows/:id',
      {
        config: { access: residents },
        schema: {
          tags: ['feedback'],
          summary: 'Stop following an area',
          params: ReportIdParams,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await areas.remove(await residentId(request), request.params.id)
        return reply.code(204).send(null)
      },
    )
  }

  async function categoryAndBelow(id: string): Promise<string[]> {
    const categories = await feedback.categories()
    return [...categories.values()]
      .filter((category) => category.path.includes(id))
      .map((category) => category.id)
  }
}
