import type { LocalizedText, Problem } from '@dc/contracts'

/** A field the server refused, with the JSON pointer (or parameter name) it is about. */
export interface FailedField {
  pointer: string
  message: LocalizedText
}

/**
 * Why a request failed, in a form the UI can put into words in either language:
 * - `problem`: the API answered with RFC 9457 problem+json, which carries its own vi/en messages;
 * - `network`: no answer at all (offline, server down);
 * - `unexpected`: an answer we cannot read (wrong status or body).
 */
export type RequestFailure =
  | {
      kind: 'problem'
      status: number
      messages: LocalizedText
      code: string
      /** Per-field messages of a `validation_failed` answer. */
      errors?: FailedField[]
      /** Seconds to wait, from Retry-After (429 `account_locked`, `rate_limited`). */
      retryAfterSeconds?: number
    }
  | { kind: 'network' }
  | { kind: 'unexpected'; status: number }

export class RequestFailedError extends Error {
  constructor(readonly failure: RequestFailure) {
    super(describeFailure(failure))
    this.name = 'RequestFailedError'
  }
}

function describeFailure(failure: RequestFailure): string {
  switch (failure.kind) {
    case 'problem':
      return `${failure.status} ${failure.code}: ${failure.messages.en}`
    case 'network':
      return 'network error'
    case 'unexpected':
      return `unexpected response (${failure.status})`
  }
}

/** True when a parsed body looks like our problem+json (it must carry both messages). */
export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false
  const { messages, status } = body as Partial<Problem>
  return (
    typeof status === 'number' &&
    typeof messages === 'object' &&
    messages !== null &&
    typeof messages.vi === 'string' &&
    typeof messages.en === 'string'
  )
}
