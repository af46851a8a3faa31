import { REPORT_STATUSES, type ReportStatus } from '@dc/contracts'

/**
 * The queue's filters live in the page's URL (`/console/phan-anh?status=…&offset=…`): the filter
 * form is a plain GET form, page links are plain links, and a reload, a bookmark or the back
 * button shows the same list. Values that make no sense are dropped rather than sent to the API.
 */

/** `open` (the default: everything the agency still owes an answer on) or `all`, or one status. */
export type StatusFilter = ReportStatus | 'open' | 'all'

export interface QueueFilters {
  status: StatusFilter
  /** Empty: any. */
  categoryId: string
  wardCode: string
  agencyId: string
  overdue: boolean
  escalated: boolean
  offset: number
}

export const QUEUE_PAGE_SIZE = 50

export const defaultQueueFilters: QueueFilters = {
  status: 'open',
  categoryId: '',
  wardCode: '',
  agencyId: '',
  overdue: false,
  escalated: false,
  offset: 0,
}

const idPattern = /^[A-Za-z0-9._-]{1,80}$/
const wardPattern = /^[0-9]{5}$/
const maxOffset = 100_000

function isStatusFilter(value: string | null): value is StatusFilter {
  return value === 'open' || value === 'all' || (REPORT_STATUSES as readonly string[]).includes(value ?? '')
}

export function filtersFromSearch(search: string): QueueFilters {
  const params = new URLSearchParams(search)
  const text = (name: string, pattern: RegExp) => {
    const value = params.get(name)?.trim() ?? ''
    return pattern.test(value) ? value : ''
  }
  const status = params.get('status')
  const offset = Number(params.get('offset') ?? '0')
  return {
    status: isStatusFilter(status) ? status : 'open',
    categoryId: text('categoryId', idPattern),
    wardCode: text('wardCode', wardPattern),
    agencyId: text('agencyId', idPattern),
    overdue: params.get('overdue') === 'true',
    escalated: params.get('escalated') === 'true',
    offset: Number.isInteger(offset) && offset >= 0 && offset <= maxOffset ? offset : 0,
  }
}

function filterParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams()
  if (filters.categoryId) params.set('categoryId', filters.categoryId)
  if (filters.wardCode) params.set('wardCode', filters.wardCode)
  if (filters.agencyId) params.set('agencyId', filters.agencyId)
  if (filters.overdue) params.set('overdue', 'true')
  if (filters.escalated) params.set('escalated', 'true')
  return params
}

function withQuestionMark(params: URLSearchParams): string {
  const query = params.toString()
  return query ? `?${query}` : ''
}

/** The page's own query for these filters at `offset` (defaults left out: a bare path is "open, page 1"). */
export function pageSearch(filters: QueueFilters, offset: number): string {
  const params = new URLSearchParams()
  if (filters.status !== 'open') params.set('status', filters.status)
  for (const [key, value] of filterParams(filters)) params.set(key, value)
  if (offset > 0) params.set('offset', String(offset))
  return withQuestionMark(params)
}

/** The API's query: `all` is no status filter; the list is paged, the map is not. */
export function apiQuery(filters: QueueFilters, paging: { paged: boolean }): string {
  const params = new URLSearchParams()
  if (filters.status !== 'all') params.set('status', filters.status)
  for (const [key, value] of filterParams(filters)) params.set(key, value)
  if (paging.paged) {
    params.set('limit', String(QUEUE_PAGE_SIZE))
    if (filters.offset > 0) params.set('offset', String(filters.offset))
  }
  return withQuestionMark(params)
}

/** Whether anything narrows the list beyond the default "open" view. */
export function hasActiveFilters(filters: QueueFilters): boolean {
  return pageSearch(filters, 0) !== ''
}

export interface PageInfo {
  /** 1-based positions of the first and last report shown (0 and 0 when none). */
  from: number
  to: number
  page: number
  pages: number
  previousOffset: number | null
  nextOffset: number | null
}

export function pageInfo(total: number, offset: number, shown: number, size = QUEUE_PAGE_SIZE): PageInfo {
  const pages = Math.max(1, Math.ceil(total / size))
  return {
    from: shown ? offset + 1 : 0,
    to: offset + shown,
    page: Math.floor(offset / size) + 1,
    pages,
    previousOffset: offset > 0 ? Math.max(0, offset - size) : null,
    nextOffset: offset + shown < total ? offset + size : null,
  }
}
