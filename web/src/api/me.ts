import type { AccessLogList, ResidentProfile } from '@dc/contracts'
import { forgetCsrfToken } from './csrf.ts'
import { getJson, sendJson } from './http.ts'

/** The signed-in resident's own data (`GET /api/v1/me`). */
export function fetchMyProfile(signal: AbortSignal): Promise<ResidentProfile> {
  return getJson<ResidentProfile>('/api/v1/me', { signal })
}

/** Who (which official, agency) read the resident's personal data, and why. */
export function fetchMyAccessLog(signal: AbortSignal): Promise<AccessLogList> {
  return getJson<AccessLogList>('/api/v1/me/access-log', { signal })
}

/** Where the browser downloads everything held about the resident, as JSON. */
export const myDataExportHref = '/api/v1/me/export'

/** Closes the account: signs out everywhere; the personal data is erased after the retention period. */
export async function closeMyAccount(): Promise<void> {
  await sendJson('DELETE', '/api/v1/me')
  forgetCsrfToken()
}
