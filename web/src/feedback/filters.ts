import { REPORT_STATUSES, type ReportStatus } from '@dc/contracts'
import type { ReportFilters } from '../api/feedback.ts'

/**
 * The public list's filters live in the page address (`/phan-anh?status=…`), so a filtered list
 * can be shared and the back button works; anything malformed there is ignored.
 */
export function filtersFromSearch(search: string): ReportFilters {
  const params = new URLSearchParams(search)
  const filters: ReportFilters = {}
  const status = params.get('status')
  if (status && (REPORT_STATUSES as readonly string[]).includes(status))
    filters.status = status as ReportStatus
  const categoryId = params.get('categoryId')?.trim()
  if (categoryId && categoryId.length <= 80) filters.categoryId = categoryId
  const wardCode = params.get('wardCode')
  if (wardCode && /^[0-9]{5}$/.test(wardCode)) filters.wardCode = wardCode
  const q = params.get('q')?.trim()
  if (q) filters.q = q.slice(0, 100)
  return filters
}

export function hasFilters(filters: ReportFilters): boolean {
  return Boolean(filters.status || filters.categoryId || filters.wardCode || filters.q)
}
