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
  throw new RequestFailedError(failureFrom(response.status, body))
}

function failureFrom(status: number, body: unknown): RequestFailure {
  if (isProblem(body)) return { kind: 'problem', status, messages: body.messages, code: body.code }
  return { kind: 'unexpected', status }
}

async function readJsonBody(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}
