import type { Problem } from '@dc/contracts'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, type FieldProblem } from '../errors.ts'
import { type Language, negotiateLanguage, PROBLEMS, type ProblemCode } from '../messages.ts'
import { type SchemaError, schemaProblems } from './validation-messages.ts'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'
const TYPE_BASE = 'https://digital-citizen.city/problems/'

export function requestLanguage(request: FastifyRequest): Language {
  return negotiateLanguage(request.query, request.headers['accept-language'])
}

interface ProblemExtra {
  detail?: { vi: string; en: string }
  errors?: FieldProblem[]
}

/** Builds the RFC 9457 body for a catalogue code, in the request's language and with both texts. */
export function buildProblem(request: FastifyRequest, code: ProblemCode, extra: ProblemExtra = {}): Problem {
  return problemBody(code, requestLanguage(request), String(request.id), request.url.split('?')[0], extra)
}

/** The body itself, for places with no parsed request (a connection-level error). */
export function problemBody(
  code: ProblemCode,
  lang: Language,
  requestId: string,
  instance: string | undefined,
  extra: ProblemExtra = {},
): Problem {
  const entry = PROBLEMS[code]
  const detail = extra.detail ?? entry.detail
  return {
    type: `${TYPE_BASE}${code.replaceAll('_', '-')}`,
    title: entry.title[lang],
    status: entry.status,
    detail: detail[lang],
    ...(instance ? { instance } : {}),
    code,
    requestId,
    messages: { vi: `${entry.title.vi}. ${detail.vi}`, en: `${entry.title.en}. ${detail.en}` },
    ...(extra.errors && extra.errors.length > 0 ? { errors: extra.errors } : {}),
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}) {
  return reply
    .code(problem.status)
    .headers(headers)
    .header('content-language', requestLanguage(reply.request))
    .type(PROBLEM_CONTENT_TYPE)
    .send(problem)
}

/** Fastify's own error codes that mean "the client sent something wrong", and what we call them. */
const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_NOT_FOUND: 'not_found',
}

/** The one place where anything thrown becomes an answer. */
export function problemFor(
  error: FastifyError | Error,
  request: FastifyRequest,
): { problem: Problem; headers: Record<string, string> } {
  if (error instanceof AppError) {
    return { problem: buildProblem(request, error.code, error.options), headers: error.options.headers ?? {} }
  }
  const fastifyError = error as FastifyError & { validation?: SchemaError[]; validationContext?: string }
  if (Array.isArray(fastifyError.validation)) {
    const errors = schemaProblems(fastifyError.validation, fastifyError.validationContext)
    return { problem: buildProblem(request, 'validation_failed', { errors }), headers: {} }
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined
  if (mapped) return { problem: buildProblem(request, mapped), headers: {} }
  // A body the JSON parser could not read arrives as a SyntaxError with status 400.
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return { problem: buildProblem(request, 'malformed_json'), headers: {} }
  }
  if (fastifyError.statusCode === 429) return { problem: buildProblem(request, 'rate_limited'), headers: {} }
  if (fastifyError.statusCode === 406)
    return { problem: buildProblem(request, 'not_acceptable'), headers: {} }
  if (fastifyError.statusCode === 413)
    return { problem: buildProblem(request, 'payload_too_large'), headers: {} }
  if (fastifyError.statusCode === 415)
    return { problem: buildProblem(request, 'unsupported_media_type'), headers: {} }
  if (fastifyError.statusCode === 404) return { problem: buildProblem(request, 'not_found'), headers: {} }
  if (fastifyError.statusCode === 503)
    return { problem: buildProblem(request, 'service_unavailable'), headers: {} }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Another client error Fastify detected (bad header, bad URL …): say it was invalid, not why inside.
    return { problem: buildProblem(request, 'validation_failed'), headers: {} }
  }
  return { problem: buildProblem(request, 'internal_error'), headers: {} }
}
