import { csrfToken, forgetCsrfToken } from './csrf.ts'
import { isProblem, RequestFailedError, type RequestFailure } from './errors.ts'

export interface GetJsonOptions {
  signal?: AbortSignal
  /** Statuses besides 2xx whose JSON body is a normal answer (e.g. 503 from `/ready`). */
  acceptStatuses?: readonly number[]
}

/**
 * GETs a JSON resource of our own API. Throws `RequestFailedError` on any failure, with the
 * problem+json messages when the server sent them. Aborts are re-thrown untouched.
 */
export async function getJson<T>(path: string, options: GetJsonOptions = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      headers: { accept: 'application/json, application/problem+json' },
      credentials: 'same-origin',
      signal: options.signal ?? null,
    })
  } catch (error) {
    if (isAbort(error)) throw error
    throw new RequestFailedError({ kind: 'network' })
  }
  const body = await readJsonBody(response)
  if (response.ok || options.acceptStatuses?.includes(response.status)) {
    if (body === undefined) throw new RequestFailedError({ kind: 'unexpected', status: response.status })
    return body as T
  }
  throw new RequestFailedError(failureFrom(response, body))
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Sends a write to our own API with the session's CSRF token (read first when not known), and
 * returns the JSON answer (undefined for 204). If the token was stale (the session changed in
 * another tab), it is read again and the write retried once. Throws `RequestFailedError`.
 */
export async function sendJson<T = undefined>(
  method: WriteMethod,
  path: string,
  body?: unknown,
  options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  let response = await send(method, path, body, options.signal, options.headers)
  let answer = await readJsonBody(response)
  if (response.status === 403 && isProblem(answer) && answer.code === 'csrf_failed') {
    forgetCsrfToken()
    response = await send(method, path, body, options.signal, options.headers)
    answer = await readJsonBody(response)
  }
  if (response.ok) return answer as T
  throw new RequestFailedError(failureFrom(response, answer))
}

async function send(
  method: WriteMethod,
  path: string,
  body: unknown,
  signal?: AbortSignal,
  extraHeaders: Record<string, string> = {},
) {
  const headers: Record<string, string> = {
    ...extraHeaders,
    accept: 'application/json, application/problem+json',
  }
  const token = await csrfToken()
  if (token) headers['x-csrf-token'] = token
  if (body !== undefined) headers['content-type'] = 'application/json'
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    })
  } catch (error) {
    if (isAbort(error)) throw error
    throw new RequestFailedError({ kind: 'network' })
  }
}

function failureFrom(response: Response, body: unknown): RequestFailure {
  return failureOf(response.status, body, response.headers.get('retry-after'))
}

/** What went wrong, from an answer's status and body (for requests not sent through sendJson). */
export function failureOf(status: number, body: unknown, retryAfterHeader?: string | null): RequestFailure {
  if (!isProblem(body)) return { kind: 'unexpected', status }
  const failure: RequestFailure = { kind: 'problem', status, messages: body.messages, code: body.code }
  if (body.errors?.length) failure.errors = body.errors
  const retryAfter = Number.parseInt(retryAfterHeader ?? '', 10)
  if (Number.isFinite(retryAfter) && retryAfter >= 0) failure.retryAfterSeconds = retryAfter
  return failure
}

async function readJsonBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}
