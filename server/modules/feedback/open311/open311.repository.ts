import type { ReportStatus } from '@dc/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../core/db/schema.ts'

/**
 * The Open311 read of public reports: what GET /requests needs in one statement — the report, its
 * first visible photo and the latest public word of an agency — and nothing personal (no reporter,
 * contact or submitter column is selected).
 */

export interface Open311Row {
  id: string
  code: string
  category_id: string
  description: string
  description_hidden: boolean
  lon: number
  lat: number
  address: string | null
  ward_code: string
  agency_id: string
  status: ReportStatus
  submitted_at: Date
  updated_at: Date
  deadline_at: Date | null
  resolved_at: Date | null
  closed_at: Date | null
  photo_id: string | null
  status_note: string | null
}

export interface Open311Filters {
  /** Report ids (UUIDs) and report codes (PA-…): either matches. Overrides the other filters. */
  ids?: { uuids: readonly string[]; codes: readonly string[] }
  categoryIds?: readonly string[]
  statuses?: readonly ReportStatus[]
  from?: Date
  to?: Date
  limit: number
}

export async function listPublicRequests(db: Kysely<DB>, filters: Open311Filters): Promise<Open311Row[]> {
  const where = [sql`r.is_public`]
  if (filters.ids) {
    const { uuids, codes } = filters.ids
    const either = [
      ...(uuids.length > 0 ? [sql`r.id IN (${sql.join(uuids.map((id) => sql`${id}::uuid`))})`] : []),
      ...(codes.length > 0 ? [sql`r.code IN (${sql.join(codes)})`] : []),
    ]
    where.push(either.length > 0 ? sql`(${sql.join(either, sql` OR `)})` : sql`false`)
  } else {
    if (filters.categoryIds) {
      where.push(
        filters.categoryIds.length > 0
          ? sql`r.category_id IN (${sql.join(filters.categoryIds)})`
          : sql`false`,
      )
    }
    if (filters.statuses) {
      where.push(filters.statuses.length > 0 ? sql`r.status IN (${sql.join(filters.statuses)})` : sql`false`)
    }
    if (filters.from) where.push(sql`r.submitted_at >= ${filters.from}`)
    if (filters.to) where.push(sql`r.submitted_at <= ${filters.to}`)
  }
  const result = await sql<Open311Row>`
    SELECT r.id, r.code, r.category_id, r.description, r.description_hidden,
      ST_X(r.location::geometry) AS lon, ST_Y(r.location::geometry) AS lat, r.address, r.ward_code,
      r.agency_id, r.status, r.submitted_at, r.updated_at, r.deadline_at, r.resolved_at, r.closed_at,
      (SELECT p.id FROM feedback.photos p WHERE p.report_id = r.id AND p.purpose = 'report'
        AND p.hidden_at IS NULL ORDER BY p.position, p.created_at LIMIT 1) AS photo_id,
      (SELECT e.message FROM feedback.report_events e WHERE e.report_id = r.id AND e.public
        AND e.actor_kind = 'official' AND e.kind IN ('response', 'status_changed') AND e.message IS NOT NULL
        ORDER BY e.id DESC LIMIT 1) AS status_note
    FROM feedback.reports r
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY r.submitted_at DESC, r.id
    LIMIT ${filters.limit}`.execute(db)
  return result.rows
}
