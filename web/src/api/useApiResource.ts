import { useCallback, useEffect, useState } from 'react'
import { RequestFailedError, type RequestFailure } from './errors.ts'
import { isAbort } from './http.ts'

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'loaded'; data: T }
  | { status: 'failed'; failure: RequestFailure }

/**
 * Loads something once on mount (and again on `reload()`), cancelling the request when the
 * component goes away. `load` should be a stable function (module-level, or wrapped in useCallback).
 */
export function useApiResource<T>(load: (signal: AbortSignal) => Promise<T>): {
  state: ResourceState<T>
  reload: () => void
} {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    // `attempt` is read so that reload() re-runs this effect.
    void attempt
    const controller = new AbortController()
    setState({ status: 'loading' })
    load(controller.signal).then(
      (data) => setState({ status: 'loaded', data }),
      (error: unknown) => {
        if (isAbort(error)) return
        setState({ status: 'failed', failure: toFailure(error) })
      },
    )
    return () => controller.abort()
  }, [load, attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}

function toFailure(error: unknown): RequestFailure {
  if (error instanceof RequestFailedError) return error.failure
  return { kind: 'unexpected', status: 0 }
}
