import type { Ready, SystemInfo } from '@dc/contracts'
import { getJson } from './http.ts'

/** The platform endpoints the shell reads. Paths are same-origin; the dev server proxies them. */
export function fetchSystemInfo(signal: AbortSignal): Promise<SystemInfo> {
  return getJson<SystemInfo>('/api/v1/system/info', { signal })
}

/** `/ready` answers 503 with the same body while not ready: that is a state to show, not an error. */
export function fetchReadiness(signal: AbortSignal): Promise<Ready> {
  return getJson<Ready>('/ready', { signal, acceptStatuses: [503] })
}
