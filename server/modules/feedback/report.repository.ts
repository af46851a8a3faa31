import type { ReportStatus } from '@dc/contracts'
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import { prepared } from '../../core/db/prepared.ts'
import type { DB, ReportsTable } from '../../core/db/schema.ts'

/** Every SQL statement of the feedback module's reports lives here; services never write SQL. */

type Executor = Kysely<DB> | Transaction<DB>

/** A report as repositories read it: its location as lon/lat (see `reportColumns`), its status typed. */
export type ReportRow = Omit<
  Selectable<ReportsTable>,
  'location' | 'search_text' | 'idempotency_key' | 'status'
> & { lon: number; lat: number; status: ReportStatus }

const reportColumns = sql`r.id, r.code, r.category_id, r.description, r.description_hidden,
  ST_X(r.location::geometry) AS lon, ST_Y(r.location::geometry) AS lat, r.location_precision, r.address,
  r.ward_code, r.agency_id, r.status, r.is_public, r.anonymous, r.source, r.reporter_id, r.api_key_id,
  r.contact_name, r.contact_email_enc, r.contact_phone_enc, r.submitter, r.request_hash,
  r.me_too_count, r.reopen_count, r.submitted_at, r.forwarded_at, r.deadline_at, r.reminded_at,
  r.escalated_at, r.escalated_to, r.resolved_at, r.closed_at, r.rating, r.updated_at, r.version`

export interface NewReport {
  id: string
  categoryId: string
  description: string
  searchText: string
  lon: number
  lat: number
  precision: 'point' | 'ward'
  address: string | null
  wardCode: string
  agencyId: string
  isPublic: boolean
  anonymous: boolean
  source: 'web' | 'open311'
  reporterId: string | null
  apiKeyId: string | null
  contactName: string | null
  contactEmailEnc: string | null
  contactPhoneEnc: string | null
  submitter: string
  idempotencyKey: string | null
  requestHash: string
  deadlineAt: Date
  actorKind: 'resident' | 'integration'
  actorId: string
}

export interface InsertedReport {
  id: string
  code: string
  submittedAt: Date
  submittedEventId: number
  forwardedEventId: number
}

export interface ReportToInsert {
  report: NewReport
  answers: readonly { code: string; values: string[] }[]
}

/**
 * Writes reports already forwarded to their agencies — each with its first two timeline entries
 * (the second one pending in the notification outbox), the reporter as a follower and the answers
 * — in one statement, however many reports: one round trip for a whole batch of submissions
 * (core/db/batching.ts), all or nothing. Answers, in the reports' order, with the inserted report
 * or undefined for one whose submitter already sent a report with its idempotency key (also when
 * two copies of one request are in the same batch: the second is skipped).
 */
export async function insertReports(
  trx: Executor,
  items: readonly ReportToInsert[],
): Promise<Array<InsertedReport | undefined>> {
  const reports = items.map((item) => item.report)
  const column = <T>(pick: (report: NewReport) => T) => reports.map(pick)
  const answers = items.flatMap(({ report, answers }) =>
    answers.flatMap((answer) =>
      answer.values.map((value, position) => ({ reportId: report.id, code: answer.code, position, value })),
    ),
  )
  const result = await sql<{
    id: string
    code: string
    submitted_at: Date
    submitted_event_id: string
    forwarded_event_id: string
  }>`${prepared('feedback_insert_reports')}
    WITH input AS (
      SELECT * FROM unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.categoryId)}::text[],
        ${column((r) => r.description)}::text[], ${column((r) => r.searchText)}::text[],
        ${column((r) => r.lon)}::float8[], ${column((r) => r.lat)}::float8[],
        ${column((r) => r.precision)}::text[], ${column((r) => r.address)}::text[],
        ${column((r) => r.wardCode)}::text[], ${column((r) => r.agencyId)}::text[],
        ${column((r) => r.isPublic)}::boolean[], ${column((r) => r.anonymous)}::boolean[],
        ${column((r) => r.source)}::text[], ${column((r) => r.reporterId)}::uuid[],
        ${column((r) => r.apiKeyId)}::uuid[], ${column((r) => r.contactName)}::text[],
        ${column((r) => r.contactEmailEnc)}::text[], ${column((r) => r.contactPhoneEnc)}::text[],
        ${column((r) => r.submitter)}::text[], ${column((r) => r.idempotencyKey)}::text[],
        ${column((r) => r.requestHash)}::text[], ${column((r) => r.deadlineAt)}::timestamptz[],
        ${column((r) => r.actorKind)}::text[], ${column((r) => r.actorId)}::text[])
        WITH ORDINALITY AS i (id, category_id, description, search_text, lon, lat, location_precision,
          address, ward_code, agency_id, is_public, anonymous, source, reporter_id, api_key_id,
          contact_name, contact_email_enc, contact_phone_enc, submitter, idempotency_key, request_hash,
          deadline_at, actor_kind, actor_id, ord)
    ), r AS (
      INSERT INTO feedback.reports (id, code, category_id, description, search_text, location,
        location_precision, address, ward_code, agency_id, status, is_public, anonymous, source,
        reporter_id, api_key_id, contact_name, contact_email_enc, contact_phone_enc, submitter,
        idempotency_key, request_hash, submitted_at, forwarded_at, deadline_at)
      SELECT id,
        'PA-' || to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-'
          || lpad(nextval('feedback.report_number')::text, 6, '0'),
        category_id, description, search_text,
        ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, location_precision, address, ward_code,
        agency_id, 'forwarded', is_public, anonymous, source, reporter_id, api_key_id, contact_name,
        contact_email_enc, contact_phone_enc, submitter, idempotency_key, request_hash, now(), now(),
        deadline_at
      FROM input ORDER BY ord
      ON CONFLICT (submitter, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
      RETURNING id, code, submitted_at
    ), events AS (
      -- In order, so each report's ids follow its timeline (submitted, then forwarded).
      INSERT INTO feedback.report_events (report_id, at, kind, actor_kind, actor_id, agency_id,
        from_status, to_status, notify_pending)
      SELECT r.id, r.submitted_at, e.kind,
        CASE e.n WHEN 1 THEN i.actor_kind ELSE 'system' END,
        CASE e.n WHEN 1 THEN i.actor_id END,
        CASE e.n WHEN 2 THEN i.agency_id END,
        e.from_status, e.to_status, e.notify
      FROM r JOIN input i ON i.id = r.id CROSS JOIN (VALUES
        (1, 'submitted', NULL, 'submitted', false),
        (2, 'forwarded', 'submitted', 'forwarded', true)
      ) AS e (n, kind, from_status, to_status, notify)
      ORDER BY i.ord, e.n
      RETURNING id, report_id, kind
    ), follower AS (
      INSERT INTO feedback.followers (report_id, resident_id, reason)
      SELECT r.id, i.reporter_id, 'reporter' FROM r JOIN input i ON i.id = r.id
      WHERE i.reporter_id IS NOT NULL
    ), answers AS (
      INSERT INTO feedback.report_answers (report_id, question_code, position, value)
      SELECT a.report_id, a.code, a.position, a.value
      FROM unnest(${answers.map((a) => a.reportId)}::uuid[], ${answers.map((a) => a.code)}::text[],
        ${answers.map((a) => a.position)}::int[], ${answers.map((a) => a.value)}::text[])
        AS a (report_id, code, position, value)
      JOIN r ON r.id = a.report_id
    )
    SELECT r.id, r.code, r.submitted_at, ev.submitted_event_id, ev.forwarded_event_id
    FROM r JOIN (
      SELECT report_id,
        min(id) FILTER (WHERE kind = 'submitted') AS submitted_event_id,
        min(id) FILTER (WHERE kind = 'forwarded') AS forwarded_event_id
      FROM events GROUP BY report_id
    ) ev ON ev.report_id = r.id`.execute(trx)
  const byId = new Map(result.rows.map((row) => [row.id, row]))
  return reports.map((report) => {
    const row = byId.get(report.id)
    return row
      ? {
          id: row.id,
          code: row.code,
          submittedAt: row.submitted_at,
          submittedEventId: Number(row.submitted_event_id),
          forwardedEventId: Number(row.forwarded_event_id),
        }
      : undefined
  })
}

export async function findBySubmitterKey(
  db: Executor,
  submitter: string,
  idempotencyKey: string,
): Promise<ReportRow | undefined> {
  const result = await sql<ReportRow>`SELECT ${reportColumns} FROM feedback.reports r
    WHERE r.submitter = ${submitter} AND r.idempotency_key = ${idempotencyKey}`.execute(db)
  return result.rows[0]
}

export async function findReport(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<ReportRow | undefined> {
  const result = forUpdate
    ? await sql<ReportRow>`SELECT ${reportColumns} FROM feedback.reports r WHERE r.id = ${id} FOR UPDATE`.execute(
        db,
      )
    : await sql<ReportRow>`SELECT ${reportColumns} FROM feedback.reports r WHERE r.id = ${id}`.execute(db)
  return result.rows[0]
}

export async function answersOf(db: Executor, reportId: string): Promise<Record<string, string | string[]>> {
  const rows = await db
    .selectFrom('feedback.report_answers')
    .select(['question_code', 'value'])
    .where('report_id', '=', reportId)
    .orderBy('question_code')
    .orderBy('position')
    .execute()
  const answers: Record<string, string[]> = {}
  for (const row of rows) {
    const values = answers[row.question_code] ?? []
    values.push(row.value)
    answers[row.question_code] = values
  }
  return Object.fromEntries(
    Object.entries(answers).map(([code, values]) => [
      code,
      values.length === 1 ? (values[0] as string) : values,
    ]),
  )
}

/** Attaches uploaded photos to a report, in the given order; only the uploader's own, unattached photos. */
export async function attachPhotos(
  trx: Executor,
  reportId: string,
  photoIds: readonly string[],
  uploadedBy: string,
  purpose: 'report' | 'after',
): Promise<PhotoMeta[]> {
  const result = await sql<PhotoMeta>`
    UPDATE feedback.photos
    SET report_id = ${reportId}, purpose = ${purpose},
      position = array_position(${[...photoIds]}::uuid[], id) - 1
    WHERE id = ANY(${[...photoIds]}::uuid[]) AND uploaded_by = ${uploadedBy} AND report_id IS NULL
    RETURNING id, report_id, purpose, uploaded_by, width, height, gps_lon, gps_lat, hidden_at, hidden_reason`.execute(
    trx,
  )
  const order = new Map(photoIds.map((id, index) => [id, index]))
  return result.rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
}

export interface EventInput {
  reportId: string
  kind: string
  actorKind: 'resident' | 'official' | 'system' | 'integration'
  actorId?: string | null
  agencyId?: string | null
  fromStatus?: string | null
  toStatus?: string | null
  message?: string | null
  rating?: number | null
  public?: boolean
  /** Followers are to hear of it: the event goes into the notification outbox. */
  notify?: boolean
}

export async function insertEvent(trx: Executor, event: EventInput): Promise<number> {
  const row = await trx
    .insertInto('feedback.report_events')
    .values({
      report_id: event.reportId,
      kind: event.kind,
      actor_kind: event.actorKind,
      actor_id: event.actorId ?? null,
      agency_id: event.agencyId ?? null,
      from_status: event.fromStatus ?? null,
      to_status: event.toStatus ?? null,
      message: event.message ?? null,
      rating: event.rating ?? null,
      public: event.public ?? true,
      notify_pending: event.notify ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

export interface EventRow {
  id: number
  at: Date
  kind: string
  actor_kind: 'resident' | 'official' | 'system' | 'integration'
  actor_id: string | null
  agency_id: string | null
  from_status: string | null
  to_status: string | null
  message: string | null
  rating: number | null
  public: boolean
}

export async function eventsOf(db: Executor, reportId: string, publicOnly: boolean): Promise<EventRow[]> {
  let query = db
    .selectFrom('feedback.report_events')
    .select([
      'id',
      'at',
      'kind',
      'actor_kind',
      'actor_id',
      'agency_id',
      'from_status',
      'to_status',
      'message',
      'rating',
      'public',
    ])
    .where('report_id', '=', reportId)
  if (publicOnly) query = query.where('public', '=', true)
  const rows = await query.orderBy('id').execute()
  return rows.map((row) => ({ ...row, id: Number(row.id) }))
}

export async function findEvent(
  db: Executor,
  id: number,
): Promise<(EventRow & { report_id: string }) | undefined> {
  const row = await db
    .selectFrom('feedback.report_events')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? { ...row, id: Number(row.id) } : undefined
}

export interface ReportChange {
  status?: ReportStatus
  agency_id?: string
  category_id?: string
  deadline_at?: Date | null
  reminded_at?: Date | null
  escalated_at?: Date | null
  escalated_to?: string | null
  resolved_at?: Date | null
  closed_at?: Date | null
  rating?: number | null
  reopen_count?: number
  description_hidden?: boolean
}

/** Applies a change and bumps the version (public caches and ETags key on it). */
export async function updateReport(trx: Executor, id: string, change: ReportChange): Promise<void> {
  await trx
    .updateTable('feedback.reports')
    .set((eb) => ({ ...change, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}

export interface PhotoMeta {
  id: string
  report_id: string | null
  purpose: 'report' | 'after'
  uploaded_by: string
  width: number
  height: number
  gps_lon: number | null
  gps_lat: number | null
  hidden_at: Date | null
  hidden_reason: string | null
}

export async function photosOf(db: Executor, reportId: string): Promise<PhotoMeta[]> {
  return db
    .selectFrom('feedback.photos')
    .select([
      'id',
      'report_id',
      'purpose',
      'uploaded_by',
      'width',
      'height',
      'gps_lon',
      'gps_lat',
      'hidden_at',
      'hidden_reason',
    ])
    .where('report_id', '=', reportId)
    .orderBy('purpose')
    .orderBy('position')
    .orderBy('created_at')
    .execute()
}

export async function isFollowing(db: Executor, reportId: string, residentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('feedback.followers')
    .select('reason')
    .where('report_id', '=', reportId)
    .where('resident_id', '=', residentId)
    .executeTakeFirst()
  return row !== undefined
}

export async function followersOf(db: Executor, reportId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('feedback.followers')
    .select('resident_id')
    .where('report_id', '=', reportId)
    .execute()
  return rows.map((row) => row.resident_id)
}

export async function coordinatorsOf(db: Executor, reportId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('feedback.report_coordinators')
    .select('agency_id')
    .where('report_id', '=', reportId)
    .orderBy('added_at')
    .execute()
  return rows.map((row) => row.agency_id)
}

export interface NearbyRow {
  id: string
  code: string
  status: ReportStatus
  distance: number
  submitted_at: Date
  me_too_count: number
  is_public: boolean
  description: string
  description_hidden: boolean
  thumbnail_id: string | null
}

/** Open reports of a category within `radius` metres, sent in the last `days` days, nearest first. */
export async function findNearby(
  db: Executor,
  lon: number,
  lat: number,
  categoryId: string,
  radius: number,
  days: number,
): Promise<NearbyRow[]> {
  const result = await sql<NearbyRow>`
    WITH here AS (SELECT ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography AS g)
    SELECT r.id, r.code, r.status, ST_Distance(r.location, here.g) AS distance, r.submitted_at,
      r.me_too_count, r.is_public, r.description, r.description_hidden,
      (SELECT p.id FROM feedback.photos p WHERE p.report_id = r.id AND p.purpose = 'report'
        AND p.hidden_at IS NULL ORDER BY p.position LIMIT 1) AS thumbnail_id
    FROM feedback.reports r, here
    WHERE ST_DWithin(r.location, here.g, ${radius})
      AND r.category_id = ${categoryId}
      AND r.status IN ('submitted', 'forwarded', 'in_progress')
      AND r.submitted_at > now() - make_interval(days => ${days})
    ORDER BY distance, r.submitted_at DESC
    LIMIT 10`.execute(db)
  return result.rows.map((row) => ({ ...row, distance: Number(row.distance) }))
}

export interface ListFilters {
  status?: ReportStatus | 'open'
  categoryIds?: readonly string[]
  wardCodes?: readonly string[]
  bbox?: [number, number, number, number]
  q?: string
  /** Public listing: only public reports. */
  publicOnly?: boolean
  /** Console scope: reports of these agencies (responsible, escalated to or coordinating). */
  agencyIds?: readonly string[]
  overdue?: boolean
  escalated?: boolean
  residentId?: string
  limit: number
  offset: number
}

export interface ListedRow extends ReportRow {
  thumbnail_id: string | null
  total: number
}

export async function listReports(
  db: Executor,
  filters: ListFilters,
): Promise<{ rows: ListedRow[]; total: number }> {
  const where = [sql`true`]
  if (filters.publicOnly) where.push(sql`r.is_public`)
  if (filters.status === 'open') where.push(sql`r.status IN ('submitted', 'forwarded', 'in_progress')`)
  else if (filters.status) where.push(sql`r.status = ${filters.status}`)
  if (filters.categoryIds) where.push(sql`r.category_id IN (${sql.join(filters.categoryIds)})`)
  if (filters.wardCodes) {
    where.push(
      filters.wardCodes.length > 0 ? sql`r.ward_code IN (${sql.join(filters.wardCodes)})` : sql`false`,
    )
  }
  if (filters.bbox) {
    const [x1, y1, x2, y2] = filters.bbox
    where.push(sql`r.location && ST_MakeEnvelope(${x1}, ${y1}, ${x2}, ${y2}, 4326)::geography`)
  }
  if (filters.q) where.push(sql`r.search_text LIKE ${`%${filters.q.replace(/[\\%_]/g, '\\$&')}%`}`)
  if (filters.agencyIds) {
    where.push(
      filters.agencyIds.length === 0
        ? sql`false`
        : sql`(r.agency_id IN (${sql.join(filters.agencyIds)}) OR r.escalated_to IN (${sql.join(filters.agencyIds)})
            OR EXISTS (SELECT 1 FROM feedback.report_coordinators c WHERE c.report_id = r.id
              AND c.agency_id IN (${sql.join(filters.agencyIds)})))`,
    )
  }
  if (filters.overdue !== undefined) {
    const overdue = sql`(r.status IN ('forwarded', 'in_progress') AND r.deadline_at < now())`
    where.push(filters.overdue ? overdue : sql`NOT ${overdue}`)
  }
  if (filters.escalated !== undefined) {
    where.push(filters.escalated ? sql`r.escalated_to IS NOT NULL` : sql`r.escalated_to IS NULL`)
  }
  if (filters.residentId) {
    where.push(
      sql`EXISTS (SELECT 1 FROM feedback.followers f WHERE f.report_id = r.id AND f.resident_id = ${filters.residentId})`,
    )
  }
  const result = await sql<ListedRow>`
    SELECT ${reportColumns},
      (SELECT p.id FROM feedback.photos p WHERE p.report_id = r.id AND p.purpose = 'report'
        AND p.hidden_at IS NULL ORDER BY p.position LIMIT 1) AS thumbnail_id,
      count(*) OVER () AS total
    FROM feedback.reports r
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY r.submitted_at DESC, r.id
    LIMIT ${filters.limit} OFFSET ${filters.offset}`.execute(db)
  const total = result.rows[0] ? Number(result.rows[0].total) : 0
  return { rows: result.rows, total }
}

export interface PendingEvent extends EventRow {
  report_id: string
}

/**
 * Events still to be told, oldest first, locked for this transaction (other dispatchers skip
 * them): deliver, then markTold in the same transaction.
 */
export async function claimPendingEvents(trx: Executor, limit: number): Promise<PendingEvent[]> {
  const result = await sql<PendingEvent>`
    SELECT id, report_id, at, kind, actor_kind, actor_id, agency_id, from_status, to_status, message,
      rating, public
    FROM feedback.report_events WHERE notify_pending ORDER BY id LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`.execute(trx)
  return result.rows.map((row) => ({ ...row, id: Number(row.id) }))
}

export async function markTold(trx: Executor, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return
  await trx
    .updateTable('feedback.report_events')
    .set({ notify_pending: false })
    .where('id', 'in', ids)
    .execute()
}
