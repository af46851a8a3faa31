import type {
  AgencyList,
  BulkReassignBody,
  BulkReassignResult,
  CategoryChangeBody,
  ConsoleReport,
  ConsoleReportList,
  CoordinatorBody,
  ModerationBody,
  ReassignBody,
  ReportActionBody,
  ResponseBody,
  ResponseTemplate,
  ResponseTemplateBody,
  ResponseTemplateList,
  RoutingRule,
  RoutingRuleBody,
  RoutingRuleList,
} from '@dc/contracts'
import type { Static } from 'typebox'
import { getJson, sendJson } from './http.ts'

/**
 * The officials' feedback endpoints (`/api/v1/console/feedback/…`): the agency's queue, one report
 * and what can be done to it, response templates and routing rules. Types come from `@dc/contracts`.
 * The reference lists the console shares with the resident pages (categories, wards, photo upload)
 * are in `feedback.ts`.
 */

const base = '/api/v1/console/feedback'
const segment = (value: string) => encodeURIComponent(value)

export function fetchQueue(query: string, signal: AbortSignal): Promise<ConsoleReportList> {
  return getJson<ConsoleReportList>(`${base}/reports${query}`, { signal })
}

/** Properties of one point of the queue's GeoJSON. */
export interface QueueFeatureProperties {
  id: string
  code: string
  status: string
  overdue: boolean
  categoryName: string
}

export interface QueueFeatureCollection {
  type: 'FeatureCollection'
  features: {
    type: 'Feature'
    geometry: { type: 'Point'; coordinates: [number, number] }
    properties: QueueFeatureProperties
  }[]
}

/** The queue (same filters, no paging) as GeoJSON points for the map. */
export function fetchQueueGeoJson(query: string, signal: AbortSignal): Promise<QueueFeatureCollection> {
  return getJson<QueueFeatureCollection>(`${base}/reports.geojson${query}`, { signal })
}

export function fetchConsoleReport(reportId: string, signal: AbortSignal): Promise<ConsoleReport> {
  return getJson<ConsoleReport>(`${base}/reports/${segment(reportId)}`, { signal })
}

/** start, resolve (message, after-photos) or reject (message). */
export function actOnReport(reportId: string, body: ReportActionBody): Promise<ConsoleReport> {
  return sendJson<ConsoleReport>('POST', `${base}/reports/${segment(reportId)}/actions`, body)
}

export function respondToReport(reportId: string, body: Static<typeof ResponseBody>): Promise<ConsoleReport> {
  return sendJson<ConsoleReport>('POST', `${base}/reports/${segment(reportId)}/responses`, body)
}

export function reassignReport(reportId: string, body: Static<typeof ReassignBody>): Promise<ConsoleReport> {
  return sendJson<ConsoleReport>('POST', `${base}/reports/${segment(reportId)}/reassign`, body)
}

export function reassignReports(
  body: Static<typeof BulkReassignBody>,
): Promise<Static<typeof BulkReassignResult>> {
  return sendJson<Static<typeof BulkReassignResult>>('POST', `${base}/reports/reassign`, body)
}

export function changeReportCategory(
  reportId: string,
  body: Static<typeof CategoryChangeBody>,
): Promise<ConsoleReport> {
  return sendJson<ConsoleReport>('POST', `${base}/reports/${segment(reportId)}/category`, body)
}

export function addReportCoordinator(
  reportId: string,
  body: Static<typeof CoordinatorBody>,
): Promise<ConsoleReport> {
  return sendJson<ConsoleReport>('POST', `${base}/reports/${segment(reportId)}/coordinators`, body)
}

export function moderateReport(
  reportId: string,
  body: Static<typeof ModerationBody>,
): Promise<ConsoleReport> {
  return sendJson<ConsoleReport>('POST', `${base}/reports/${segment(reportId)}/moderation`, body)
}

export function fetchTemplates(signal: AbortSignal): Promise<ResponseTemplateList> {
  return getJson<ResponseTemplateList>(`${base}/templates`, { signal })
}

export function createTemplate(body: Static<typeof ResponseTemplateBody>): Promise<ResponseTemplate> {
  return sendJson<ResponseTemplate>('POST', `${base}/templates`, body)
}

export function deleteTemplate(templateId: string): Promise<void> {
  return sendJson('DELETE', `${base}/templates/${segment(templateId)}`)
}

export function fetchRoutingRules(signal: AbortSignal): Promise<RoutingRuleList> {
  return getJson<RoutingRuleList>(`${base}/routing-rules`, { signal })
}

export function createRoutingRule(body: RoutingRuleBody): Promise<RoutingRule> {
  return sendJson<RoutingRule>('POST', `${base}/routing-rules`, body)
}

export function updateRoutingRule(ruleId: string, body: RoutingRuleBody): Promise<RoutingRule> {
  return sendJson<RoutingRule>('PUT', `${base}/routing-rules/${segment(ruleId)}`, body)
}

export function deleteRoutingRule(ruleId: string): Promise<void> {
  return sendJson('DELETE', `${base}/routing-rules/${segment(ruleId)}`)
}

/** Agencies whose name matches the words (diacritics optional); every agency for an empty query. */
export function searchAgencies(query: string, signal: AbortSignal): Promise<AgencyList> {
  const q = query.trim()
  return getJson<AgencyList>(q ? `/api/v1/agencies?q=${encodeURIComponent(q)}` : '/api/v1/agencies', {
    signal,
  })
}
