import type { SessionInfo } from '@dc/contracts'
import { useEffect, useSyncExternalStore } from 'react'
import { fetchSession } from '../api/auth.ts'
import { RequestFailedError } from '../api/errors.ts'
import type { ResourceState } from '../api/useApiResource.ts'

/**
 * The current session, read once per page and shared by every component that asks (the header
 * and the page both need it; one request serves both).
 */
let state: ResourceState<SessionInfo> = { status: 'loading' }
let loading: Promise<void> | undefined
const listeners = new Set<() => void>()

function publish(next: ResourceState<SessionInfo>): void {
  state = next
  for (const listener of listeners) listener()
}

/** Reads the session (again). */
export function reloadSession(): Promise<void> {
  publish({ status: 'loading' })
  loading = fetchSession().then(
    (data) => publish({ status: 'loaded', data }),
    (error: unknown) =>
      publish({
        status: 'failed',
        failure: error instanceof RequestFailedError ? error.failure : { kind: 'unexpected', status: 0 },
      }),
  )
  return loading
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useSession(): { state: ResourceState<SessionInfo>; reload: () => void } {
  useEffect(() => {
    if (!loading) void reloadSession()
  }, [])
  const current = useSyncExternalStore(subscribe, () => state)
  return { state: current, reload: () => void reloadSession() }
}

/** Leaves for another page of the site; `replace` keeps a guarded page out of the history. */
export function goTo(path: string, { replace = false } = {}): void {
  if (replace) window.location.replace(path)
  else window.location.assign(path)
}
