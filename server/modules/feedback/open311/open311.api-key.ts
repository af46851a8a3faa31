import { Readable } from 'node:stream'
import type { FastifyRequest, onRequestAsyncHookHandler, preParsingAsyncHookHandler } from 'fastify'
import { presentedApiKey } from '../../identity/authenticator.ts'
import { Open311Error } from './open311.errors.ts'

/**
 * Open311 clients send `api_key` as a form field (or a query parameter); the platform's policy
 * layer reads keys from the Authorization / X-API-Key headers when the request arrives, before any
 * body is parsed. These two hooks bridge that on the POST route, so the route keeps its declared
 * policy (access.apiKey('open311')) and the one authenticator, rate limit and audit apply:
 *
 * - onRequest (runs before the policy check): when no key header is present, take api_key from the
 *   query, or read the small body, find api_key in it and present it as X-API-Key;
 * - preParsing: give the body parser the same bytes back.
 */
export function apiKeyFromParameters(bodyLimit: number): {
  onRequest: onRequestAsyncHookHandler
  preParsing: preParsingAsyncHookHandler
} {
  const buffered = new WeakMap<FastifyRequest, Buffer>()
  return {
    async onRequest(request) {
      if (presentedApiKey(request) !== undefined) return
      const fromQuery = (request.query as Record<string, unknown> | undefined)?.api_key
      if (typeof fromQuery === 'string' && fromQuery) return present(request, fromQuery)
      const type = String(request.headers['content-type'] ?? '').toLowerCase()
      const form = type.startsWith('application/x-www-form-urlencoded')
      if (!form && !type.startsWith('application/json')) return
      // An oversized body is left to the body parser, which refuses it.
      if (Number(request.headers['content-length'] ?? 0) > bodyLimit) return
      const body = await readBody(request, bodyLimit)
      buffered.set(request, body)
      const key = form ? new URLSearchParams(body.toString('utf8')).get('api_key') : apiKeyInJson(body)
      if (key) present(request, key)
    },
    async preParsing(request, _reply, payload) {
      const body = buffered.get(request)
      if (!body) return payload
      buffered.delete(request)
      const replay = Readable.from([body]) as Readable & { receivedEncodedLength?: number }
      replay.receivedEncodedLength = body.length
      return replay
    },
  }
}

/** Presented the way the authenticator reads keys (and the per-key rate limit counts them). */
function present(request: FastifyRequest, key: string): void {
  request.raw.headers['x-api-key'] = key
}

async function readBody(request: FastifyRequest, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request.raw) {
    size += (chunk as Buffer).length
    if (size > limit) {
      throw new Open311Error(413, [{ vi: 'Nội dung gửi lên quá lớn.', en: 'The body is too large.' }])
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function apiKeyInJson(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown
    const key = parsed && typeof parsed === 'object' ? (parsed as { api_key?: unknown }).api_key : undefined
    return typeof key === 'string' && key ? key : undefined
  } catch {
    // Not JSON: the body parser says so in its own words.
    return undefined
  }
}
