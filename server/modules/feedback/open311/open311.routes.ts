import { ReportSubmitBody } from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import Value from 'typebox/value'
import { AppError } from '../../../core/errors.ts'
import { access } from '../../../core/http/access.ts'
import { type SchemaError, schemaProblems } from '../../../core/http/validation-messages.ts'
import { type Language, negotiateLanguage } from '../../../core/messages.ts'
import type { Platform } from '../../../core/platform.ts'
import { apiKeyFromParameters } from './open311.api-key.ts'
import { OPEN311_TEXT, Open311Error, type Open311Failure, open311Failure } from './open311.errors.ts'
import {
  contactOf,
  parseForm,
  parseStatusFilter,
  REQUEST_LIMIT,
  requestWindow,
  serviceNotice,
  splitList,
  splitRequestIds,
  toAttribute,
  toRequest,
  toService,
  toSubmitBody,
  wardCandidates,
  withoutEmpty,
} from './open311.mapping.ts'
import { listPublicRequests, type Open311Filters } from './open311.repository.ts'
import {
  answer,
  CreateRequestBody,
  errorAnswers,
  LanguageQuery,
  Open311Created,
  Open311Discovery,
  Open311Request,
  Open311RequestList,
  Open311ServiceDefinition,
  Open311ServiceList,
  Open311TokenAnswer,
  RequestsQuery,
} from './open311.schemas.ts'
import {
  createdXml,
  discoveryXml,
  errorsXml,
  JSON_CONTENT_TYPE,
  requestsXml,
  serviceDefinitionXml,
  servicesXml,
  tokensXml,
  XML_CONTENT_TYPE,
} from './open311.xml.ts'

export const OPEN311_PREFIX = '/open311/v2'
const FORMATS = ['json', 'xml'] as const
type Format = (typeof FORMATS)[number]
const TAGS = ['open311']
/** When this endpoint's documents last changed (discovery's changeset): update with the API. */
const CHANGESET = '2026-11-24T00:00:00+07:00'
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'
/** Open311 submissions are a few fields: a small limit, enforced before the key is read from the body. */
const BODY_LIMIT = 64 * 1024
const MAX_REQUEST_IDS = 200
/** Hosts that may appear in absolute links (anything else could inject into the answer). */
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

const ABOUT =
  'Open311 GeoReport v2. Errors are Open311 errors — JSON [{code, description}], XML <errors><error>… — ' +
  'with the HTTP status as code, in Vietnamese by default and in English with Accept-Language: en, ?lang=en or ?locale=en.'

const IdempotencyHeader = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 128,
      pattern: '^[A-Za-z0-9._:-]+$',
      description: 'Optional: a retry with the same key answers the first request instead of making a second',
    }),
  ),
})

/**
 * Open311 GeoReport v2 at /open311/v2 over the feedback module: services are the leaf categories,
 * requests the public reports (never anything about who sent them), and POST /requests submits a
 * report for an integration holding an API key with the open311 scope. Every route comes as .json
 * and .xml; errors are Open311 errors. See README.md beside this file for the choices made.
 */
export function open311Routes(platform: Platform): FastifyPluginAsyncTypebox {
  const { feedback, geo, identity } = platform.services
  const keyHooks = apiKeyFromParameters(BODY_LIMIT)

  const agencyName = (lang: Language) => (id: string) => {
    const agency = identity.agencies.get(id)
    return agency ? (lang === 'en' ? agency.nameEn : agency.name) : id
  }

  const baseUrl = (request: FastifyRequest) => {
    const configured = platform.config.publicBaseUrl?.replace(/\/+$/, '')
    const protocol = request.protocol === 'https' ? 'https' : 'http'
    return configured ?? (PLAIN_HOST.test(request.host) ? `${protocol}://${request.host}` : '')
  }

  async function requestsFor(request: FastifyRequest, filters: Open311Filters, lang: Language) {
    const [rows, categories] = await Promise.all([
      listPublicRequests(feedback.db, filters),
      feedback.categories(),
    ])
    const base = baseUrl(request)
    return Promise.all(
      rows.map(async (row) =>
        toRequest(row, {
          lang,
          categories,
          agencyName: agencyName(lang),
          ward: await geo.wardSummary(row.ward_code),
          base,
        }),
      ),
    )
  }

  async function oneRequest(request: FastifyRequest, id: string, lang: Language) {
    const [found] = await requestsFor(request, { ids: splitRequestIds([id]), limit: 1 }, lang)
    if (!found) throw new Open311Error(404, [OPEN311_TEXT.requestNotFound(id)])
    return found
  }

  /** The one ward a request without lat/long names: address_id, else a piece of address_string. */
  async function wardOf(body: CreateRequestBody): Promise<string | undefined> {
    if (body.lat !== undefined || body.long !== undefined) return undefined
    if (body.address_id) return body.address_id.trim()
    if (!body.address_string) throw new Open311Error(400, [OPEN311_TEXT.locationMissing])
    for (const candidate of wardCandidates(body.address_string).slice(0, 4)) {
      const resolution = await geo.resolve(candidate)
      const codes = new Set(resolution.current.map((ward) => ward.code))
      for (const former of resolution.former) for (const ward of former.nowIn) codes.add(ward.code)
      if (codes.size === 1) return [...codes][0]
    }
    throw new Open311Error(400, [OPEN311_TEXT.addressUnresolved])
  }

  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_request, body, done) => done(null, parseForm(String(body))),
    )
    app.setErrorHandler((error, request, reply) => {
      const failure = open311Failure(error as Error, request)
      if (failure.status >= 500) request.log.error({ err: error }, 'request failed')
      else request.log.info({ status: failure.status }, 'request refused')
      return sendErrors(request, reply, failure)
    })
    app.setNotFoundHandler((request, reply) =>
      sendErrors(request, reply, { status: 404, errors: [OPEN311_TEXT.notFound], headers: {} }),
    )

    for (const format of FORMATS) {
      app.get(
        `/discovery.${format}`,
        {
          config: { access: access.public() },
          schema: {
            tags: TAGS,
            summary: `Open311 service discovery (${format.toUpperCase()})`,
            description: ABOUT,
            querystring: LanguageQuery,
            response: {
              200: answer(
                format,
                Open311Discovery,
                'Where the GeoReport v2 endpoint is and how to get a key',
              ),
              ...errorAnswers(format, [500]),
            },
          },
        },
        async (request, reply) => {
          const lang = languageOf(request)
          const discovery: Open311Discovery = {
            changeset: CHANGESET,
            contact: CONTACT[lang],
            key_service: KEY_SERVICE[lang],
            endpoints: [
              {
                specification: SPECIFICATION,
                url: `${baseUrl(request)}${OPEN311_PREFIX}`,
                changeset: CHANGESET,
                type: platform.config.env === 'production' ? 'production' : 'test',
                formats: ['text/xml', 'application/json'],
              },
            ],
          }
          reply.header('cache-control', 'public, max-age=60')
          return send(reply, format, lang, 200, discovery, () => discoveryXml(discovery))
        },
      )

      app.get(
        `/services.${format}`,
        {
          config: { access: access.public() },
          schema: {
            tags: TAGS,
            summary: `Open311 services: the report categories one can choose (${format.toUpperCase()})`,
            description: `service_code is the category id; group is its parent category. ${ABOUT}`,
            querystring: LanguageQuery,
            response: {
              200: answer(format, Open311ServiceList, 'The leaf categories'),
              ...errorAnswers(format, [400, 500]),
            },
          },
        },
        async (request, reply) => {
          const lang = languageOf(request)
          const categories = await feedback.categories()
          const services = [...categories.values()]
            .filter((category) => category.selectable)
            .map((category) => toService(category, categories, lang))
          reply.header('cache-control', 'public, max-age=60')
          return send(reply, format, lang, 200, services, () => servicesXml(services))
        },
      )

      app.get(
        `/services/:service_code.${format}`,
        {
          config: { access: access.public() },
          schema: {
            tags: TAGS,
            summary: `Open311 service definition: the category's extra questions (${format.toUpperCase()})`,
            description: `Each question is an attribute; answer it with attribute[code]=value. ${ABOUT}`,
            params: Type.Object({ service_code: Type.String({ maxLength: 80 }) }),
            querystring: LanguageQuery,
            response: {
              200: answer(format, Open311ServiceDefinition, 'The attributes'),
              ...errorAnswers(format, [400, 404, 500]),
            },
          },
        },
        async (request, reply) => {
          const lang = languageOf(request)
          const code = request.params.service_code
          const category = (await feedback.categories()).get(code)
          if (!category?.selectable) throw new Open311Error(404, [OPEN311_TEXT.serviceNotFound(code)])
          const definition: Open311ServiceDefinition = {
            service_code: category.id,
            attributes: category.questions.map((question, index) => toAttribute(question, index + 1, lang)),
          }
          reply.header('cache-control', 'public, max-age=60')
          return send(reply, format, lang, 200, definition, () => serviceDefinitionXml(definition))
        },
      )

      app.get(
        `/requests.${format}`,
        {
          config: { access: access.public() },
          schema: {
            tags: TAGS,
            summary: `Open311 service requests: public reports, newest first (${format.toUpperCase()})`,
            description:
              `Public reports only, without anything about who sent them. By default the last 90 days and at most ` +
              `${REQUEST_LIMIT} requests; start_date–end_date may span 90 days at most; service_request_id ` +
              `(ids or PA- codes, comma-separated) overrides the other filters. status open = submitted, ` +
              `forwarded or in progress; closed = resolved, rejected or closed. ${ABOUT}`,
            querystring: RequestsQuery,
            response: {
              200: answer(format, Open311RequestList, 'The matching requests'),
              ...errorAnswers(format, [400, 404, 500]),
            },
          },
        },
        async (request, reply) => {
          const lang = languageOf(request)
          const query = request.query
          const ids = splitList(query.service_request_id)
          let filters: Open311Filters
          if (ids.length > 0) {
            if (ids.length > MAX_REQUEST_IDS)
              throw new Open311Error(400, [OPEN311_TEXT.tooManyIds(MAX_REQUEST_IDS)])
            filters = { ids: splitRequestIds(ids), limit: MAX_REQUEST_IDS }
          } else {
            const { from, to } = requestWindow(query.start_date, query.end_date)
            filters = {
              categoryIds: await servicesAndBelow(splitList(query.service_code)),
              statuses: parseStatusFilter(query.status),
              from,
              to,
              limit: REQUEST_LIMIT,
            }
          }
          const requests = await requestsFor(request, filters, lang)
          return send(reply, format, lang, 200, requests, () => requestsXml(requests))
        },
      )

      app.get(
        `/requests/:service_request_id.${format}`,
        {
          config: { access: access.public() },
          schema: {
            tags: TAGS,
            summary: `Open311 service request: one public report (${format.toUpperCase()})`,
            description: `The id or the report code (PA-…); answered as a list of one, as the spec says. ${ABOUT}`,
            params: Type.Object({ service_request_id: Type.String({ maxLength: 80 }) }),
            querystring: LanguageQuery,
            response: {
              200: answer(format, Type.Array(Open311Request), 'The request'),
              ...errorAnswers(format, [400, 404, 500]),
            },
          },
        },
        async (request, reply) => {
          const lang = languageOf(request)
          const found = await oneRequest(request, request.params.service_request_id, lang)
          return send(reply, format, lang, 200, [found], () => requestsXml([found]))
        },
      )

      app.get(
        `/tokens/:token.${format}`,
        {
          config: { access: access.public() },
          schema: {
            tags: TAGS,
            summary: `Open311 token → service request id (${format.toUpperCase()})`,
            description:
              `Requests are created at once, so POST answers the service_request_id itself and a token is ` +
              `that id: this answers it back for clients written for deferred creation. ${ABOUT}`,
            params: Type.Object({ token: Type.String({ maxLength: 80 }) }),
            querystring: LanguageQuery,
            response: {
              200: answer(format, Open311TokenAnswer, 'The request id for the token'),
              ...errorAnswers(format, [400, 404, 500]),
            },
          },
        },
        async (request, reply) => {
          const lang = languageOf(request)
          const found = await oneRequest(request, request.params.token, lang)
          const tokens = [{ service_request_id: found.service_request_id, token: request.params.token }]
          return send(reply, format, lang, 200, tokens, () => tokensXml(tokens))
        },
      )

      app.post(
        `/requests.${format}`,
        {
          config: { access: access.apiKey('open311') },
          bodyLimit: BODY_LIMIT,
          onRequest: keyHooks.onRequest,
          preParsing: keyHooks.preParsing,
          preValidation: async (request) => {
            request.body = withoutEmpty(request.body) as CreateRequestBody
          },
          schema: {
            tags: TAGS,
            summary: `Open311: submit a service request (a public report) with an API key (${format.toUpperCase()})`,
            description:
              'Form (application/x-www-form-urlencoded) or JSON body. The key (scope open311) as api_key in the ' +
              'body or query, or Authorization: Bearer / X-API-Key. Location: lat and long, or address_id (a ' +
              'ward code or name), or an address_string naming the ward. description: 10–4000 characters. ' +
              'attribute[code]=value answers the service definition. The contact (first_name, last_name, email, ' +
              'phone) reaches the agency only, encrypted; it is never shown through Open311. media_url is ' +
              'refused: the platform fetches nothing from other addresses. A repeated Idempotency-Key answers ' +
              `the first request. ${ABOUT}`,
            headers: IdempotencyHeader,
            consumes: ['application/x-www-form-urlencoded', 'application/json'],
            body: CreateRequestBody,
            response: {
              200: answer(format, Open311Created, 'The new request’s id and what happens next'),
              ...errorAnswers(format, [400, 401, 403, 404, 413, 415, 429, 500]),
            },
          },
        },
        async (request, reply) => {
          const lang = languageOf(request)
          const principal = await request.principal()
          if (principal.kind !== 'apiKey') throw new AppError('forbidden')
          const body = request.body
          // Open311 says "service_code not found" (404), before anything about the location.
          const code = body.service_code.trim()
          if (!(await feedback.categories()).get(code)?.selectable) {
            throw new Open311Error(404, [OPEN311_TEXT.serviceNotFound(code)])
          }
          const submitBody = toSubmitBody(body, await wardOf(body))
          if (!Value.Check(ReportSubmitBody, submitBody)) {
            const errors = Value.Errors(ReportSubmitBody, submitBody) as unknown as SchemaError[]
            throw new AppError('validation_failed', { errors: schemaProblems(errors, 'body') })
          }
          const { id } = await feedback.submit(
            submitBody,
            { kind: 'integration', apiKeyId: principal.keyId, contact: contactOf(body) },
            idempotencyKeyOf(request),
            'open311',
          )
          const [row] = await listPublicRequests(feedback.db, { ids: { uuids: [id], codes: [] }, limit: 1 })
          const created: Open311Created = [
            {
              service_request_id: id,
              service_notice: row ? serviceNotice(row, agencyName(lang)(row.agency_id), lang) : null,
              account_id: null,
            },
          ]
          reply.header('location', `${baseUrl(request)}${OPEN311_PREFIX}/requests/${id}.${format}`)
          return send(reply, format, lang, 200, created, () => createdXml(created))
        },
      )
    }
  }

  return async (root) => {
    await root.register(routes, { prefix: OPEN311_PREFIX })
  }

  /** Service codes as given, each with the categories below it (a group's code means all of it). */
  async function servicesAndBelow(codes: string[]): Promise<string[] | undefined> {
    if (codes.length === 0) return undefined
    const categories = await feedback.categories()
    const unknown = codes.find((code) => !categories.has(code))
    if (unknown) throw new Open311Error(404, [OPEN311_TEXT.serviceNotFound(unknown)])
    return [...categories.values()]
      .filter((category) => codes.some((code) => category.path.includes(code)))
      .map((category) => category.id)
  }
}

const CONTACT = {
  vi: 'Quản trị viên hệ thống Digital Citizen của thành phố. Người dân gửi phản ánh trực tiếp trên ứng dụng Digital Citizen.',
  en: 'The city’s Digital Citizen system administrators. Residents send reports directly in the Digital Citizen app.',
}
const KEY_SERVICE = {
  vi: 'Khóa API do quản trị viên của cơ quan cấp trong trang quản trị (Console › Quản trị › Khóa API), với phạm vi open311.',
  en: 'API keys are issued by an agency administrator in the console (Console › Administration › API keys), with the open311 scope.',
}

/** Open311's locale (vi, en_US …) first, then the platform's ?lang= and Accept-Language; Vietnamese by default. */
function languageOf(request: FastifyRequest): Language {
  const locale = (request.query as { locale?: unknown } | undefined)?.locale
  if (typeof locale === 'string') {
    const tag = locale.toLowerCase()
    if (tag.startsWith('en')) return 'en'
    if (tag.startsWith('vi')) return 'vi'
  }
  return negotiateLanguage(request.query, request.headers['accept-language'])
}

function idempotencyKeyOf(request: FastifyRequest): string | null {
  const key = request.headers['idempotency-key']
  return typeof key === 'string' ? key : null
}

function formatOf(request: FastifyRequest): Format {
  return request.url.split('?')[0]?.endsWith('.xml') ? 'xml' : 'json'
}

function send(
  reply: FastifyReply,
  format: Format,
  lang: Language,
  status: number,
  json: unknown,
  xml: () => string,
): FastifyReply {
  reply.code(status).header('content-language', lang).header('vary', 'accept-language')
  // JSON goes through the route's response schema: only the fields it lists are written.
  return format === 'xml'
    ? reply.type(XML_CONTENT_TYPE).send(xml())
    : reply.type(JSON_CONTENT_TYPE).send(json)
}

function sendErrors(request: FastifyRequest, reply: FastifyReply, failure: Open311Failure): FastifyReply {
  const lang = languageOf(request)
  const errors = failure.errors.map((message) => ({ code: failure.status, description: message[lang] }))
  reply
    .code(failure.status)
    .headers(failure.headers)
    .header('content-language', lang)
    .header('vary', 'accept-language')
  return formatOf(request) === 'xml'
    ? reply.type(XML_CONTENT_TYPE).send(errorsXml(errors))
    : reply.type(JSON_CONTENT_TYPE).send(JSON.stringify(errors))
}
