import type {
  AreaFollow,
  AreaFollowBody,
  AreaFollowList,
  CategoryList,
  InboxList,
  NearbyList,
  OwnReport,
  OwnReportList,
  PhotoUploaded,
  PublicReport,
  PublicReportList,
  ReportStatus,
  ReportSubmitBody,
  WardList,
} from '@dc/contracts'
import { csrfToken, forgetCsrfToken } from './csrf.ts'
import { isProblem, RequestFailedError, type RequestFailure } from './errors.ts'
import { failureOf, getJson, sendJson } from './http.ts'

/** Feedback (phản ánh kiến nghị) endpoints the resident pages use. Types come from `@dc/contracts`. */

const base = '/api/v1/feedback'
const id = (value: string) => encodeURIComponent(value)

export function fetchCategories(signal: AbortSignal): Promise<CategoryList> {
  return getJson<CategoryList>(`${base}/categories`, { signal })
}

/** The 2025 wards, for the ward filter of the public list. */
export function fetchWards(signal: AbortSignal): Promise<WardList> {
  return getJson<WardList>('/api/v1/geo/wards?limit=200', { signal })
}

/** Filters of the public list and map; empty ones are left out of the query. */
export interface ReportFilters {
  status?: ReportStatus | undefined
  categoryId?: string | undefined
  wardCode?: string | undefined
  q?: string | undefined
}

/** `?status=…&categoryId=…` with only the filters that are set (plus paging). */
export function filterQuery(
  filters: ReportFilters,
  paging: { limit?: number; offset?: number } = {},
): string {
  const params = new URLSearchParams()
  for (const key of ['status', 'categoryId', 'wardCode', 'q'] as const) {
    const value = filters[key]?.trim()
    if (value) params.set(key, value)
  }
  if (paging.limit !== undefined) params.set('limit', String(paging.limit))
  if (paging.offset) params.set('offset', String(paging.offset))
  const query = params.toString()
  return query ? `?${query}` : ''
}

export function fetchPublicReports(
  filters: ReportFilters,
  paging: { limit: number; offset: number },
  signal: AbortSignal,
): Promise<PublicReportList> {
  return getJson<PublicReportList>(`${base}/reports${filterQuery(filters, paging)}`, { signal })
}

/** One property bag of `reports.geojson` (see the API: public reports as points). */
export interface ReportFeatureProperties {
  id: string
  code: string
  status: ReportStatus
  categoryId: string
  categoryName: string
  categoryNameEn: string
  submittedAt: string
}

export interface ReportFeatureCollection {
  type: 'FeatureCollection'
  features: {
    type: 'Feature'
    geometry: { type: 'Point'; coordinates: [number, number] }
    properties: ReportFeatureProperties
  }[]
}

/** Public reports as GeoJSON points for the map (the text filter does not apply to the map). */
export function fetchReportsGeoJson(
  filters: ReportFilters,
  signal: AbortSignal,
): Promise<ReportFeatureCollection> {
  const { status, categoryId } = filters
  return getJson<ReportFeatureCollection>(`${base}/reports.geojson${filterQuery({ status, categoryId })}`, {
    signal,
  })
}

export function fetchPublicReport(reportId: string, signal: AbortSignal): Promise<PublicReport> {
  return getJson<PublicReport>(`${base}/reports/${id(reportId)}`, { signal })
}

/** The signed-in resident's view of a report (theirs, me-too'd or followed; private ones they sent). */
export function fetchMyReport(reportId: string, signal: AbortSignal): Promise<OwnReport> {
  return getJson<OwnReport>(`/api/v1/me/feedback/${id(reportId)}`, { signal })
}

export function fetchMyReports(signal: AbortSignal): Promise<OwnReportList> {
  return getJson<OwnReportList>('/api/v1/me/feedback', { signal })
}

/** Open reports of the same category within 50 m in the last 30 days, offered before submitting. */
export function fetchNearby(
  lon: number,
  lat: number,
  categoryId: string,
  signal: AbortSignal,
): Promise<NearbyList> {
  const query = new URLSearchParams({ lon: String(lon), lat: String(lat), categoryId })
  return getJson<NearbyList>(`${base}/nearby?${query}`, { signal })
}

export function addMeToo(reportId: string): Promise<OwnReport> {
  return sendJson<OwnReport>('POST', `${base}/reports/${id(reportId)}/me-too`)
}

export function setFollowing(reportId: string, follow: boolean): Promise<OwnReport> {
  return sendJson<OwnReport>(follow ? 'POST' : 'DELETE', `${base}/reports/${id(reportId)}/follow`)
}

export function rateReport(reportId: string, rating: number, comment: string): Promise<OwnReport> {
  const body = comment.trim() ? { rating, comment: comment.trim() } : { rating }
  return sendJson<OwnReport>('POST', `${base}/reports/${id(reportId)}/rating`, body)
}

export function reportNotFixed(reportId: string, reason: string): Promise<OwnReport> {
  return sendJson<OwnReport>('POST', `${base}/reports/${id(reportId)}/not-fixed`, { reason: reason.trim() })
}

export function fetchInbox(signal: AbortSignal): Promise<InboxList> {
  return getJson<InboxList>('/api/v1/me/inbox', { signal })
}

export function markInboxRead(itemId: string): Promise<unknown> {
  return sendJson<unknown>('POST', `/api/v1/me/inbox/${id(itemId)}/read`)
}

export function markAllInboxRead(): Promise<unknown> {
  return sendJson<unknown>('POST', '/api/v1/me/inbox/read-all')
}

// ---------------------------------------------------------------- areas followed

/** The wards and circles the resident follows to hear of each new public report there. */
export function fetchAreaFollows(signal: AbortSignal): Promise<AreaFollowList> {
  return getJson<AreaFollowList>('/api/v1/me/area-follows', { signal })
}

/** Follows a ward (`{wardCode}`) or a circle (`{center, radiusMeters, label?}`). */
export function addAreaFollow(body: AreaFollowBody): Promise<AreaFollow> {
  return sendJson<AreaFollow>('POST', '/api/v1/me/area-follows', body)
}

export function removeAreaFollow(followId: string): Promise<undefined> {
  return sendJson('DELETE', `/api/v1/me/area-follows/${id(followId)}`)
}

// ---------------------------------------------------------------- submitting

/**
 * A key for `Idempotency-Key`: made once per form and sent again on every retry, so a submission
 * whose answer was lost (network) is not filed twice. randomUUID needs a secure context; plain
 * http on a LAN address falls back to getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) {
    return crypto.randomUUID()
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * After a failed submission, whether the next try needs a new key. Only when the server refused
 * the content (400/422: nothing was filed, and the resident will change the form); after a network
 * error or a server fault the first attempt may have been filed, so the same key must go again.
 */
export function needsNewIdempotencyKey(failure: RequestFailure): boolean {
  return failure.kind === 'problem' && (failure.status === 400 || failure.status === 422)
}

/**
 * Files the report. `sendJson` has no way to add a header, so this is the same write with
 * `Idempotency-Key`: CSRF token, one retry when the token was stale, problem+json failures.
 */
/** Sends a report; the same key on a retry returns the first report instead of a second one. */
export function submitReport(body: ReportSubmitBody, idempotencyKey: string): Promise<OwnReport> {
  return sendJson<OwnReport>('POST', `${base}/reports`, body, {
    headers: { 'idempotency-key': idempotencyKey },
  })
}

/** Image types the server takes; anything else is sent as octet-stream and sniffed there. */
const photoTypes = new Set(['image/jpeg', 'image/png', 'image/webp'])

/**
 * Uploads one photo (the raw bytes) with progress (0–1). XMLHttpRequest, because fetch cannot
 * report upload progress. Rejects with RequestFailedError (photo_too_large, photo_unsupported …).
 */
export async function uploadPhoto(
  file: Blob,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<PhotoUploaded> {
  const token = await csrfToken()
  const attempt = (csrf: string | null) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const request = new XMLHttpRequest()
      request.open('POST', `${base}/photos`)
      request.setRequestHeader('accept', 'application/json, application/problem+json')
      request.setRequestHeader(
        'content-type',
        photoTypes.has(file.type) ? file.type : 'application/octet-stream',
      )
      if (csrf) request.setRequestHeader('x-csrf-token', csrf)
      request.withCredentials = true
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total)
      }
      request.onload = () => {
        let body: unknown
        try {
          body = JSON.parse(request.responseText)
        } catch {
          body = undefined
        }
        resolve({ status: request.status, body })
      }
      request.onerror = () => reject(new RequestFailedError({ kind: 'network' }))
      request.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'))
      signal.addEventListener('abort', () => request.abort(), { once: true })
      request.send(file)
    })
  let result = await attempt(token)
  if (result.status === 403 && isProblem(result.body) && result.body.code === 'csrf_failed') {
    forgetCsrfToken()
    result = await attempt(await csrfToken())
  }
  if (result.status >= 200 && result.status < 300 && result.body !== undefined) {
    onProgress(1)
    return result.body as PhotoUploaded
  }
  throw new RequestFailedError(failureOf(result.status, result.body))
}
