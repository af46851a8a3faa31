// Two ways a scenario can end without a figure. They are distinct on purpose: a skip means the
// environment lacks something (no database), a failure means the measurement itself is not
// trustworthy (errors, non-2xx answers). Neither is ever turned into a number.

/** The scenario cannot run here (e.g. PostgreSQL unreachable); reported as 'skipped'. */
export class BenchSkip extends Error {
  override name = 'BenchSkip'
}

/** The measurement is invalid (errors, non-2xx, server crash); reported as 'failed'. */
export class BenchFailure extends Error {
  override name = 'BenchFailure'
}

/** Bad command line or environment: printed as one line with the usage, never as a stack. */
export class BenchUsageError extends Error {
  override name = 'BenchUsageError'
}
