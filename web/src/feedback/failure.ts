import { RequestFailedError, type RequestFailure } from '../api/errors.ts'

/** A thrown error as a failure the UI can word (anything that is not a request failure is "unexpected"). */
export function failureOf(error: unknown): RequestFailure {
  return error instanceof RequestFailedError ? error.failure : { kind: 'unexpected', status: 0 }
}
