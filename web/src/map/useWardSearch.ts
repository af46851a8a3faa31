import type { WardResolution, WardSummary } from '@dc/contracts'
import { useCallback, useEffect, useRef, useState } from 'react'
import { RequestFailedError, type RequestFailure } from '../api/errors.ts'
import { resolveWard } from '../api/geo.ts'
import { isAbort } from '../api/http.ts'

export type WardSearchState =
  | { status: 'idle' }
  | { status: 'searching'; query: string }
  | { status: 'done'; query: string; resolution: WardResolution }
  | { status: 'failed'; query: string; failure: RequestFailure }

/**
 * Searches wards the way residents write them: the 2025 name or a pre-2025 one, with or without
 * diacritics (`GET /api/v1/geo/wards/resolve`). A new search cancels the one in flight.
 */
export function useWardSearch(): {
  state: WardSearchState
  /** Resolves with the answer, or undefined when the search failed, was empty or was replaced. */
  search: (query: string) => Promise<WardResolution | undefined>
} {
  const [state, setState] = useState<WardSearchState>({ status: 'idle' })
  const inFlight = useRef<AbortController | null>(null)
  useEffect(() => () => inFlight.current?.abort(), [])

  const search = useCallback(async (query: string) => {
    inFlight.current?.abort()
    const trimmed = query.trim()
    if (!trimmed) {
      setState({ status: 'idle' })
      return undefined
    }
    const controller = new AbortController()
    inFlight.current = controller
    setState({ status: 'searching', query: trimmed })
    try {
      const resolution = await resolveWard(trimmed, controller.signal)
      setState({ status: 'done', query: trimmed, resolution })
      return resolution
    } catch (error) {
      if (isAbort(error)) return undefined
      const failure: RequestFailure =
        error instanceof RequestFailedError ? error.failure : { kind: 'unexpected', status: 0 }
      setState({ status: 'failed', query: trimmed, failure })
      return undefined
    }
  }, [])
  return { state, search }
}

/** Every 2025 ward a search points to: the matches by current name, then where former wards went. */
export function candidateWards(resolution: WardResolution): WardSummary[] {
  const byCode = new Map<string, WardSummary>()
  for (const ward of resolution.current) byCode.set(ward.code, ward)
  for (const former of resolution.former) {
    for (const ward of former.nowIn) if (!byCode.has(ward.code)) byCode.set(ward.code, ward)
  }
  return [...byCode.values()]
}
