import {
  BulkReassignBody,
  BulkReassignResult,
  CategoryChangeBody,
  ConsoleReport,
  ConsoleReportList,
  ConsoleReportQuery,
  CoordinatorBody,
  ModerationBody,
  ReassignBody,
  ReportActionBody,
  ReportIdParams,
  ResponseBody,
  ResponseTemplate,
  ResponseTemplateBody,
  ResponseTemplateList,
  RoutingRule,
  RoutingRuleBody,
  RoutingRuleList,
  toNfc,
} from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { AppError } from '../../core/errors.ts'
import { access } from '../../core/http/access.ts'
import type { Platform } from '../../core/platform.ts'
import { parseBbox } from './feedback.routes.ts'
import type { OfficialScope } from './feedback.service.ts'
import { findReport, listReports } from './report.repository.ts'
import { isOverdue, ReportViews, reportsGeoJson } from './report.views.ts'
import { ResponseTemplates } from './response-templates.ts'

const readers = access.official('officer', 'agency_admin', 'leader', 'system_admin')
const handlers = access.official('officer', 'agency_admin', 'system_admin')
const ruleEditors = access.official('system_admin')
const GeoJsonCollection = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
  { additionalProperties: true },
)
const TemplateIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

/**
 * /api/v1/console/feedback: the agency's queue (filters, map), each report's full timeline and the
 * officials' actions; routing rules (system administrators edit) and response templates.
 * Officials see reports their agency subtree is responsible for, was escalated to, or coordinates.
 */
export function feedbackConsoleRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { feedback, geo, identity } = platform.services
  const views = new ReportViews(feedback, geo, identity)
  const templates = new ResponseTemplates(feedback.db)

  const scopeOf = async (request: FastifyRequest): Promise<OfficialScope> =>
    feedback.scopeOf(await request.principal())

  /** The report as the official sees it; reading a reporter's contact details is written to the access log. */
  const consoleReport = async (request: FastifyRequest, scope: OfficialScope, id: string) => {
    const row = await findReport(feedback.db, id)
    if (!row || !(await feedback.inScope(scope, row))) throw new AppError('report_not_found')
    const principal = await request.principal()
    if (row.reporter_id && !row.anonymous && principal.kind === 'official') {
      await identity.accessLog.append({
        officialId: principal.officialId,
        agencyId: principal.agencyId,
        residentId: row.reporter_id,
        action: 'feedback_view',
        fields: ['fullName', 'phone'],
        reason: `Xử lý phản ánh ${row.code}`,
        requestId: request.id,
      })
    }
    return views.consoleReport(row, scope)
  }

  const queueFilters = async (scope: OfficialScope, query: Omit<ConsoleReportQuery, 'limit' | 'offset'>) => {
    let agencyIds = scope.agencyIds === 'all' ? undefined : [...scope.agencyIds]
    if (query.agencyId) {
      if (agencyIds && !agencyIds.includes(query.agencyId)) throw new AppError('forbidden')
      agencyIds = identity.agencies.subtree(query.agencyId)
    }
    const categories = await feedback.categories()
    return {
      agencyIds,
      status: query.status,
      categoryIds: query.categoryId
        ? [...categories.values()]
            .filter((category) => category.path.includes(query.categoryId as string))
            .map((c) => c.id)
        : undefined,
      wardCodes:
        scope.wardCodes.length > 0
          ? scope.wardCodes.filter((code) => !query.wardCode || code === query.wardCode)
          : query.wardCode
            ? [query.wardCode]
            : undefined,
      overdue: query.overdue,
      escalated: query.escalated,
    }
  }

  return async (app) => {
    app.get(
      '/api/v1/console/feedback/reports',
      {
        config: { access: readers },
        schema: {
          tags: ['feedback-console'],
          summary: 'The queue: reports of my agencies, newest first, with filters',
          querystring: ConsoleReportQuery,
          response: { 200: ConsoleReportList, 403: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const scope = await scopeOf(request)
        const { limit, offset, ...query } = request.query
        const { rows, total } = await listReports(feedback.db, {
          ...(await queueFilters(scope, query)),
          limit,
          offset,
        })
        return { reports: await Promise.all(rows.map((row) => views.consoleSummary(row))), total }
      },
    )

    app.get(
      '/api/v1/console/feedback/reports.geojson',
      {
        config: { access: readers },
        schema: {
          tags: ['feedback-console'],
          summary: 'The queue as GeoJSON points (same filters, at most 2000)',
          querystring: Type.Object({
            ...ConsoleReportQuery.properties,
            bbox: Type.Optional(Type.String({ maxLength: 100 })),
          }),
          response: { 200: GeoJsonCollection },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store').type('application/geo+json')
        const scope = await scopeOf(request)
        const { limit: _limit, offset: _offset, bbox, ...query } = request.query
        const { rows } = await listReports(feedback.db, {
          ...(await queueFilters(scope, query)),
          bbox: parseBbox(bbox),
          limit: 2000,
          offset: 0,
        })
        const categories = await feedback.categories()
        return reportsGeoJson(rows, categories, (row) => ({ overdue: isOverdue(row) }))
      },
    )

    app.get(
      '/api/v1/console/feedback/reports/:id',
      {
        config: { access: readers },
        schema: {
          tags: ['feedback-console'],
          summary: 'A report with its full timeline and what I may do',
          params: ReportIdParams,
          response: { 200: ConsoleReport, 404: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        return consoleReport(request, await scopeOf(request), request.params.id)
      },
    )

    const write = <B extends Parameters<typeof Type.Object>[0]>(
      path: string,
      summary: string,
      body: ReturnType<typeof Type.Object<B>>,
      run: (scope: OfficialScope, id: string, body: never) => Promise<void>,
    ) =>
      app.post(
        `/api/v1/console/feedback/reports/:id/${path}`,
        {
          config: { access: handlers },
          schema: {
            tags: ['feedback-console'],
            summary,
            params: ReportIdParams,
            body,
            response: {
              200: ConsoleReport,
              404: Type.Ref('Problem'),
              409: Type.Ref('Problem'),
              422: Type.Ref('Problem'),
            },
          },
        },
        async (request) => {
          const scope = await scopeOf(request)
          const { id } = request.params as { id: string }
          await run(scope, id, request.body as never)
          return consoleReport(request, scope, id)
        },
      )

    write(
      'actions',
      'Start, resolve or reject (resolve and reject need a message)',
      ReportActionBody,
      (scope, id, body: { action: 'start' | 'resolve' | 'reject'; message?: string; photoIds?: string[] }) =>
        feedback.act(scope, id, body.action, body.message, body.photoIds ?? []),
    )
    write(
      'responses',
      'Answer the resident (shown on the public timeline)',
      ResponseBody,
      (scope, id, body: { message: string }) => feedback.respond(scope, id, body.message),
    )
    write(
      'reassign',
      'Hand the report to another agency, with the reason',
      ReassignBody,
      (scope, id, body: { agencyId: string; reason: string }) =>
        feedback.reassign(scope, id, body.agencyId, body.reason),
    )
    write(
      'category',
      'Correct the category, with the reason',
      CategoryChangeBody,
      (scope, id, body: { categoryId: string; reason: string }) =>
        feedback.changeCategory(scope, id, body.categoryId, body.reason),
    )
    write(
      'coordinators',
      'Ask another agency to take part (deadline 15 working days)',
      CoordinatorBody,
      (scope, id, body: { agencyId: string }) => feedback.addCoordinator(scope, id, body.agencyId),
    )
    write(
      'moderation',
      'Hide abusive text or photos from the public, with the reason',
      ModerationBody,
      (scope, id, body: { hideDescription?: boolean; hidePhotoIds?: string[]; reason: string }) =>
        feedback.moderate(scope, id, body.hideDescription, body.hidePhotoIds ?? [], body.reason),
    )

    app.post(
      '/api/v1/console/feedback/reports/reassign',
      {
        config: { access: handlers },
        schema: {
          tags: ['feedback-console'],
          summary:
            'Reassign several reports at once (all or nothing is not promised: each is its own change)',
          body: BulkReassignBody,
          response: { 200: BulkReassignResult, 404: Type.Ref('Problem') },
        },
      },
      async (request) => {
        const scope = await scopeOf(request)
        const { reportIds, agencyId, reason } = request.body
        return { reassigned: await feedback.bulkReassign(scope, reportIds, agencyId, reason) }
      },
    )

    // ---------------------------------------------------------------- routing rules

    const toRule = (rule: Awaited<ReturnType<typeof feedback.routingRules>>[number]): RoutingRule => ({
      id: rule.id,
      categoryId: rule.categoryId,
      wardCode: rule.wardCode,
      agency: views.agency(rule.agencyId),
      note: rule.note,
      updatedAt: rule.updatedAt.toISOString(),
    })

    app.get(
      '/api/v1/console/feedback/routing-rules',
      {
        config: { access: readers },
        schema: {
          tags: ['feedback-console'],
          summary: 'Routing rules: category × ward → agency (no rule: the ward’s People’s Committee)',
          response: { 200: RoutingRuleList },
        },
      },
      async () => ({ rules: (await feedback.routingRules()).map(toRule) }),
    )
    app.post(
      '/api/v1/console/feedback/routing-rules',
      {
        config: { access: ruleEditors },
        schema: {
          tags: ['feedback-console'],
          summary: 'Add a routing rule',
          body: RoutingRuleBody,
          response: { 201: RoutingRule, 400: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        const principal = await request.principal()
        const id = await feedback.saveRoutingRule(
          null,
          request.body,
          principal.kind === 'official' ? principal.officialId : '',
        )
        const rule = (await feedback.routingRules()).find((candidate) => candidate.id === id)
        return reply.code(201).send(toRule(rule as NonNullable<typeof rule>))
      },
    )
    app.put(
      '/api/v1/console/feedback/routing-rules/:id',
      {
        config: { access: ruleEditors },
        schema: {
          tags: ['feedback-console'],
          summary: 'Change a routing rule',
          params: TemplateIdParams,
          body: RoutingRuleBody,
          response: { 200: RoutingRule, 404: Type.Ref('Problem') },
        },
      },
      async (request) => {
        const principal = await request.principal()
        await feedback.saveRoutingRule(
          request.params.id,
          request.body,
          principal.kind === 'official' ? principal.officialId : '',
        )
        const rule = (await feedback.routingRules()).find((candidate) => candidate.id === request.params.id)
        return toRule(rule as NonNullable<typeof rule>)
      },
    )
    app.delete(
      '/api/v1/console/feedback/routing-rules/:id',
      {
        config: { access: ruleEditors },
        schema: {
          tags: ['feedback-console'],
          summary: 'Remove a routing rule',
          params: TemplateIdParams,
          response: { 204: Type.Null(), 404: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        await feedback.deleteRoutingRule(request.params.id)
        return reply.code(204).send(null)
      },
    )

    // ---------------------------------------------------------------- response templates

    app.get(
      '/api/v1/console/feedback/templates',
      {
        config: { access: readers },
        schema: {
          tags: ['feedback-console'],
          summary: 'My agency’s response templates',
          response: { 200: ResponseTemplateList },
        },
      },
      async (request) => {
        const principal = await request.principal()
        if (principal.kind !== 'official') throw new AppError('forbidden')
        return { templates: await templates.list(principal.agencyId) }
      },
    )
    app.post(
      '/api/v1/console/feedback/templates',
      {
        config: { access: handlers },
        schema: {
          tags: ['feedback-console'],
          summary: 'Add a response template for my agency',
          body: ResponseTemplateBody,
          response: { 201: ResponseTemplate },
        },
      },
      async (request, reply) => {
        const principal = await request.principal()
        if (principal.kind !== 'official') throw new AppError('forbidden')
        const { categoryId, title, body } = request.body
        if (categoryId && !(await feedback.categories()).has(categoryId))
          throw new AppError('category_not_found')
        const template = await templates.add(principal.agencyId, principal.officialId, {
          categoryId: categoryId ?? null,
          title: toNfc(title.trim()),
          body: toNfc(body.trim()),
        })
        return reply.code(201).send(template)
      },
    )
    app.delete(
      '/api/v1/console/feedback/templates/:id',
      {
        config: { access: handlers },
        schema: {
          tags: ['feedback-console'],
          summary: 'Remove one of my agency’s templates',
          params: TemplateIdParams,
          response: { 204: Type.Null(), 404: Type.Ref('Problem') },
        },
      },
      async (request, reply) => {
        const principal = await request.principal()
        if (principal.kind !== 'official') throw new AppError('forbidden')
        await templates.remove(principal.agencyId, request.params.id)
        return reply.code(204).send(null)
      },
    )
  }
}
