import type { LocalizedText } from '@dc/contracts'
import { PROBLEMS, type ProblemCode } from './messages.ts'

export interface FieldProblem {
  pointer: string
  message: LocalizedText
}

/**
 * The one error type services throw. It carries a stable code from the catalogue and, optionally,
 * a more precise localized detail and per-field problems. Turned into problem+json in one place
 * (http/problem.ts); anything else thrown becomes a 500 with no internals shown.
 */
export class AppError extends Error {
  readonly status: number

  constructor(
    readonly code: ProblemCode,
    readonly options: {
      detail?: LocalizedText
      errors?: FieldProblem[]
      headers?: Record<string, string>
    } = {},
  ) {
    super(code)
    this.name = 'AppError'
    this.status = PROBLEMS[code].status
  }
}

export const notFound = (detail?: LocalizedText) => new AppError('not_found', detail ? { detail } : {})
export const validationFailed = (errors: FieldProblem[], detail?: LocalizedText) =>
  new AppError('validation_failed', detail ? { errors, detail } : { errors })
