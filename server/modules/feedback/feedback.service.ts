import { createHash, randomUUID } from 'node:crypto'
import type {
  Category,
  CategoryQuestion,
  NearbyList,
  ReportStatus,
  ReportSubmitBody,
  RoutingRuleBody,
} from '@dc/contracts'
import { foldVietnamese, toNfc } from '@dc/contracts'
import type { Kysely, Transaction } from 'kysely'
import stableStringify from 'safe-stable-stringify'
import { addWorkingDays, subtractWorkingDays } from '../../core/calendar/index.ts'
import { statementBatcher } from '../../core/db/batching.ts'
import type { DB } from '../../core/db/schema.ts'
import { AppError, type FieldProblem } from '../../core/errors.ts'
import type { Principal } from '../../core/http/access.ts'
import type { GeoService } from '../geo/geo.service.ts'
import { fieldContext } from '../identity/crypto/personal-data-cipher.ts'
import type { Identity } from '../identity/identity.ts'
import type { Inbox } from '../notify/inbox.ts'
import { type LifecycleAction, nextStatus, notFixedOutcome } from './lifecycle.ts'
import { tellPendingEvents } from './notifications.ts'
import { PhotoStore } from './photos/photo.store.ts'
import { FEEDBACK_POLICY } from './policy.ts'
import {
  attachPhotos,
  type EventRow,
  findBySubmitterKey,
  findNearby,
  findReport,
  type InsertedReport,
  insertEvent,
  insertReports,
  type NewReport,
  type PhotoMeta,
  type ReportChange,
  type ReportRow,
  type ReportToInsert,
  updateReport,
} from './report.repository.ts'
import { type RoutingRuleRow, RoutingTable } from './routing.ts'

/** How long a routing table or category list read from the database is trusted by this process. */
const CONFIG_TTL_MS = 30_000

export type Submitter =
  | { kind: 'resident'; residentId: string }
  | {
      kind: 'integration'
      apiKeyId: string
      contact?: { name?: string | null; email?: string | null; phone?: string | null }
    }

export interface CategoryRecord extends Category {
  path: string[]
}

/** An official's reach: the agencies they act for, and (optionally) only some wards. */
export interface OfficialScope {
  officialId: string
  agencyIds: readonly string[] | 'all'
  wardCodes: readonly string[]
  roles: readonly string[]
}

/** The outcome of a submission; `fresh` is what was written (a new report), so no read back is needed. */
export interface Submitted {
  id: string
  created: boolean
  fresh?: {
    row: ReportRow
    events: EventRow[]
    photos: PhotoMeta[]
    answers: Record<string, string | string[]>
  }
}

const asError = (value: unknown): Error => (value instanceof Error ? value : new Error(String(value)))

export const submitterTag = (submitter: Submitter) =>
  submitter.kind === 'resident' ? `resident:${submitter.residentId}` : `apikey:${submitter.apiKeyId}`

/**
 * The feedback module's rules: submitting (validate, locate, route, write, enqueue), the life of a
 * report, and the residents' and officials' actions on it. SQL is in report.repository.ts; what
 * each audience sees is in report.views.ts.
 */
export class FeedbackService {
  readonly photos: PhotoStore
  #categories: { at: number; byId: Map<string, CategoryRecord> } | undefined
  #routing: { at: number; table: RoutingTable } | undefined
  /** Called after any change to a report (the public view cache drops it). */
  readonly changed = new Set<(reportId: string) => void>()
  /** Called after a commit that left timeline events for followers to hear of (the dispatcher). */
  readonly pending = new Set<() => void>()
  /** Submissions without photos, written a batch to a statement (core/db/batching.ts). */
  readonly #writer = statementBatcher<ReportToInsert, InsertedReport | undefined>((items) =>
    this.#insertBatch(items),
  )

  constructor(
    readonly db: Kysely<DB>,
    private readonly geo: GeoService,
    private readonly identity: Identity,
    private readonly inbox: Inbox,
  ) {
    this.photos = new PhotoStore(db)
  }

  // ------------------------------------------------------------ configuration

  async categories(): Promise<Map<string, CategoryRecord>> {
    if (this.#categories && Date.now() - this.#categories.at < CONFIG_TTL_MS) return this.#categories.byId
    const rows = await this.db
      .selectFrom('feedback.categories')
      .selectAll()
      .where('active', '=', true)
      .orderBy('sort_order')
      .execute()
    const parents = new Set(rows.map((row) => row.parent_id).filter(Boolean))
    const byId = new Map<string, CategoryRecord>()
    for (const row of rows) {
      byId.set(row.id, {
        id: row.id,
        parentId: row.parent_id,
        name: { vi: row.name, en: row.name_en },
        description: { vi: row.description, en: row.description_en },
        deadlineWorkingDays: row.deadline_working_days,
        requiresAfterPhoto: row.requires_after_photo,
        questions: row.questions as CategoryQuestion[],
        selectable: !parents.has(row.id),
        path: [],
      })
    }
    for (const category of byId.values()) {
      for (let id: string | null | undefined = category.id; id; id = byId.get(id)?.parentId)
        category.path.push(id)
    }
    this.#categories = { at: Date.now(), byId }
    return byId
  }

  async category(id: string): Promise<CategoryRecord> {
    const category = (await this.categories()).get(id)
    if (!category?.selectable) throw new AppError('category_not_found')
    return category
  }

  async routingTable(): Promise<RoutingTable> {
    if (this.#routing && Date.now() - this.#routing.at < CONFIG_TTL_MS) return this.#routing.table
    const [rules, categories] = await Promise.all([this.routingRules(), this.categories()])
    const parentOf = new Map([...categories.values()].map((category) => [category.id, category.parentId]))
    const table = new RoutingTable(rules, parentOf)
    this.#routing = { at: Date.now(), table }
    return table
  }

  async routingRules(): Promise<(RoutingRuleRow & { note: string | null; updatedAt: Date })[]> {
    const rows = await this.db
      .selectFrom('feedback.routing_rules')
      .select(['id', 'category_id', 'ward_code', 'agency_id', 'note', 'updated_at'])
      .orderBy('category_id')
      .orderBy('ward_code')
      .execute()
    return rows.map((row) => ({
      id: row.id,
      categoryId: row.category_id,
      wardCode: row.ward_code,
      agencyId: row.agency_id,
      note: row.note,
      updatedAt: row.updated_at,
    }))
  }

  async saveRoutingRule(id: string | null, body: RoutingRuleBody, officialId: string): Promise<string> {
    const categories = await this.categories()
    const errors: FieldProblem[] = []
    if (!categories.has(body.categoryId)) {
      errors.push({
        pointer: '/categoryId',
        message: { vi: 'Không có lĩnh vực này.', en: 'No such category.' },
      })
    }
    if (!this.identity.agencies.get(body.agencyId)) {
      errors.push({ pointer: '/agencyId', message: { vi: 'Không có đơn vị này.', en: 'No such agency.' } })
    }
    if (body.wardCode && !(await this.geo.wardSummary(body.wardCode))) {
      errors.push({ pointer: '/wardCode', message: { vi: 'Không có phường, xã này.', en: 'No such ward.' } })
    }
    if (errors.length > 0) throw new AppError('validation_failed', { errors })
    const values = {
      category_id: body.categoryId,
      ward_code: body.wardCode ?? null,
      agency_id: body.agencyId,
      note: body.note ? toNfc(body.note) : null,
      updated_by: officialId,
      updated_at: new Date(),
    }
    try {
      if (id) {
        const result = await this.db
          .updateTable('feedback.routing_rules')
          .set(values)
          .where('id', '=', id)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found')
      } else {
        id = randomUUID()
        await this.db
          .insertInto('feedback.routing_rules')
          .values({ id, ...values })
          .execute()
      }
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new AppError('validation_failed', {
          errors: [
            {
              pointer: '/categoryId',
              message: {
                vi: 'Đã có quy tắc cho lĩnh vực và phường, xã này: hãy sửa quy tắc đó.',
                en: 'There is already a rule for this category and ward: edit that one.',
              },
            },
          ],
        })
      }
      throw error
    }
    this.#routing = undefined
    return id
  }

  async deleteRoutingRule(id: string): Promise<void> {
    const result = await this.db.deleteFrom('feedback.routing_rules').where('id', '=', id).executeTakeFirst()
    if (Number(result.numDeletedRows) === 0) throw new AppError('not_found')
    this.#routing = undefined
  }

  // ------------------------------------------------------------ submitting

  /**
   * A new report: validated, located (pin, or the ward as written in old or new naming), routed to
   * its agency and written already forwarded, with the notification enqueued in the same
   * transaction. A retry with the same idempotency key returns the first report.
   */
  /**
   * One batch of submissions in one statement. If it fails, each is tried on its own, so a report
   * that cannot be written (its category removed a moment ago, say) fails only its own request.
   */
  async #insertBatch(items: readonly ReportToInsert[]): Promise<Array<InsertedReport | undefined | Error>> {
    try {
      return await insertReports(this.db, items)
    } catch (error) {
      if (items.length === 1) return [asError(error)]
      return Promise.all(
        items.map((item) =>
          insertReports(this.db, [item]).then(
            ([inserted]) => inserted,
            (failure: unknown) => asError(failure),
          ),
        ),
      )
    }
  }

  async submit(
    body: ReportSubmitBody,
    submitter: Submitter,
    idempotencyKey: string | null,
    source: 'web' | 'open311' = 'web',
  ): Promise<Submitted> {
    const tag = submitterTag(submitter)
    const requestHash = hashOf(body)
    const category = await this.category(body.categoryId)
    const answers = checkAnswers(category.questions, body.answers ?? {})
    const place = await this.#place(body)
    const route = (await this.routingTable()).route(category.id, place.wardCode)
    const now = new Date()
    const cipher = this.identity.cipher
    const id = randomUUID()
    const contact = submitter.kind === 'integration' ? submitter.contact : undefined
    const description = toNfc(body.description.trim())
    const report: NewReport = {
      id,
      categoryId: category.id,
      description,
      searchText: foldVietnamese(description),
      lon: place.lon,
      lat: place.lat,
      precision: place.precision,
      address: body.address ? toNfc(body.address.trim()) : null,
      wardCode: place.wardCode,
      agencyId: route.agencyId,
      isPublic: body.public,
      anonymous: body.anonymous,
      source,
      reporterId: submitter.kind === 'resident' ? submitter.residentId : null,
      apiKeyId: submitter.kind === 'integration' ? submitter.apiKeyId : null,
      contactName: contact?.name ? toNfc(contact.name) : null,
      contactEmailEnc: cipher.encryptOptional(
        contact?.email ?? null,
        fieldContext('feedback.reports', 'contact_email', id),
      ),
      contactPhoneEnc: cipher.encryptOptional(
        contact?.phone ?? null,
        fieldContext('feedback.reports', 'contact_phone', id),
      ),
      submitter: tag,
      idempotencyKey,
      requestHash,
      deadlineAt: addWorkingDays(now, category.deadlineWorkingDays),
      actorKind: submitter.kind,
      actorId: submitter.kind === 'resident' ? submitter.residentId : submitter.apiKeyId,
    }
    const photoIds = body.photoIds ?? []
    // Without photos the whole write is one statement (autocommit); photos must attach with it or not at all.
    const written =
      photoIds.length === 0
        ? { inserted: await this.#writer.load({ report, answers }), photos: [] as PhotoMeta[] }
        : await this.db.transaction().execute(async (trx) => {
            const [inserted] = await insertReports(trx, [{ report, answers }])
            if (!inserted) return { inserted, photos: [] as PhotoMeta[] }
            const photos = await attachPhotos(trx, id, photoIds, tag, 'report')
            if (photos.length !== photoIds.length) {
              throw new AppError('photo_not_usable', {
                errors: [{ pointer: '/photoIds', message: PHOTO_NOT_USABLE }],
              })
            }
            return { inserted, photos }
          })
    if (!written.inserted) {
      // A retry (or two copies of one request racing): the first one wrote it.
      const existing = await findBySubmitterKey(this.db, tag, idempotencyKey as string)
      if (!existing) throw new Error('report insert conflicted but no report has the key')
      return this.#sameRequest(existing, requestHash)
    }
    this.#wake()
    const { inserted } = written
    // What was just written, so the answer needs no read back.
    const row: ReportRow = {
      id,
      code: inserted.code,
      category_id: category.id,
      description,
      description_hidden: false,
      lon: place.lon,
      lat: place.lat,
      location_precision: place.precision,
      address: report.address,
      ward_code: place.wardCode,
      agency_id: route.agencyId,
      status: 'forwarded',
      is_public: body.public,
      anonymous: body.anonymous,
      source,
      reporter_id: report.reporterId,
      api_key_id: report.apiKeyId,
      contact_name: report.contactName,
      contact_email_enc: report.contactEmailEnc,
      contact_phone_enc: report.contactPhoneEnc,
      submitter: tag,
      request_hash: requestHash,
      me_too_count: 0,
      reopen_count: 0,
      submitted_at: inserted.submittedAt,
      forwarded_at: inserted.submittedAt,
      deadline_at: report.deadlineAt,
      reminded_at: null,
      escalated_at: null,
      escalated_to: null,
      resolved_at: null,
      closed_at: null,
      rating: null,
      updated_at: inserted.submittedAt,
      version: 1,
    }
    const event = (eventId: number, kind: string, extra: Partial<EventRow>): EventRow => ({
      id: eventId,
      at: inserted.submittedAt,
      kind,
      actor_kind: submitter.kind,
      actor_id: report.actorId,
      agency_id: null,
      from_status: null,
      to_status: null,
      message: null,
      rating: null,
      public: true,
      ...extra,
    })
    const events = [
      event(inserted.submittedEventId, 'submitted', { to_status: 'submitted' }),
      event(inserted.forwardedEventId, 'forwarded', {
        actor_kind: 'system',
        actor_id: null,
        agency_id: route.agencyId,
        from_status: 'submitted',
        to_status: 'forwarded',
      }),
    ]
    const answerMap = Object.fromEntries(
      answers.map((answer) => [
        answer.code,
        answer.values.length === 1 ? (answer.values[0] as string) : answer.values,
      ]),
    )
    return { id, created: true, fresh: { row, events, photos: written.photos, answers: answerMap } }
  }

  #sameRequest(existing: ReportRow, requestHash: string): Submitted {
    if (existing.request_hash !== requestHash) throw new AppError('idempotency_key_reused')
    return { id: existing.id, created: false }
  }

  async #place(
    body: ReportSubmitBody,
  ): Promise<{ lon: number; lat: number; wardCode: string; precision: 'point' | 'ward' }> {
    if (body.location) {
      const { lon, lat } = body.location
      const wardCode = await this.geo.wardCodeAt(lon, lat)
      if (!wardCode) throw new AppError('outside_city')
      return { lon, lat, wardCode, precision: 'point' }
    }
    if (!body.ward) throw new AppError('location_required')
    const resolution = await this.geo.resolve(body.ward)
    const candidates = new Set(resolution.current.map((ward) => ward.code))
    for (const former of resolution.former) {
      // A former ward that now lies wholly in one new ward names it; a split one does not.
      if (former.nowIn.length === 1) candidates.add((former.nowIn[0] as { code: string }).code)
      else for (const ward of former.nowIn) candidates.add(ward.code)
    }
    if (candidates.size !== 1) throw new AppError('ward_ambiguous')
    const ward = await this.geo.ward([...candidates][0] as string)
    return { lon: ward.centroid.lon, lat: ward.centroid.lat, wardCode: ward.code, precision: 'ward' }
  }

  // ------------------------------------------------------------ residents

  async nearby(lon: number, lat: number, categoryId: string): Promise<NearbyList> {
    const rows = await findNearby(
      this.db,
      lon,
      lat,
      categoryId,
      FEEDBACK_POLICY.duplicateRadiusMeters,
      FEEDBACK_POLICY.duplicateDays,
    )
    return {
      radiusMeters: FEEDBACK_POLICY.duplicateRadiusMeters,
      days: FEEDBACK_POLICY.duplicateDays,
      reports: rows.map((row) => ({
        id: row.id,
        code: row.code,
        status: row.status,
        distanceMeters: Math.round(row.distance * 10) / 10,
        submittedAt: row.submitted_at.toISOString(),
        meTooCount: row.me_too_count,
        description: row.is_public && !row.description_hidden ? row.description : null,
        thumbnailUrl:
          row.is_public && row.thumbnail_id ? `/api/v1/feedback/photos/${row.thumbnail_id}/thumbnail` : null,
      })),
    }
  }

  /** "Me too": counted once per resident, who then follows the report. */
  async meToo(reportId: string, residentId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // Any report the resident was shown as "already reported nearby", public or not.
      const report = await findReport(trx, reportId)
      if (!report) throw new AppError('report_not_found')
      if (!['submitted', 'forwarded', 'in_progress'].includes(report.status))
        nextStatus(report.status, 'start')
      const added = await trx
        .insertInto('feedback.followers')
        .values({ report_id: reportId, resident_id: residentId, reason: 'me_too' })
        .onConflict((oc) => oc.columns(['report_id', 'resident_id']).doNothing())
        .executeTakeFirst()
      if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return
      await trx
        .updateTable('feedback.reports')
        .set((eb) => ({ me_too_count: eb('me_too_count', '+', 1), version: eb('version', '+', 1) }))
        .where('id', '=', reportId)
        .execute()
      await insertEvent(trx, { reportId, kind: 'me_too', actorKind: 'resident', actorId: residentId })
    })
    this.#changed(reportId)
  }

  async follow(reportId: string, residentId: string, on: boolean): Promise<void> {
    await this.#reportFor(this.db, reportId, residentId)
    if (on) {
      await this.db
        .insertInto('feedback.followers')
        .values({ report_id: reportId, resident_id: residentId, reason: 'follow' })
        .onConflict((oc) => oc.columns(['report_id', 'resident_id']).doNothing())
        .execute()
    } else {
      // The reporter always hears of their own report.
      await this.db
        .deleteFrom('feedback.followers')
        .where('report_id', '=', reportId)
        .where('resident_id', '=', residentId)
        .where('reason', '!=', 'reporter')
        .execute()
    }
  }

  /** The reporter rates a resolved or rejected report, which closes it. */
  async rate(
    reportId: string,
    residentId: string,
    rating: number,
    comment: string | undefined,
  ): Promise<void> {
    await this.#transition(reportId, async (trx, report) => {
      if (report.reporter_id !== residentId) throw new AppError('report_not_found')
      const to = nextStatus(report.status, 'close')
      const now = new Date()
      await updateReport(trx, reportId, { status: to, closed_at: now, rating })
      await insertEvent(trx, {
        reportId,
        kind: 'rated',
        actorKind: 'resident',
        actorId: residentId,
        fromStatus: report.status,
        toStatus: to,
        rating,
        message: comment ? toNfc(comment.trim()) : null,
      })
      return undefined
    })
  }

  /** The reporter says it is not fixed: the report reopens at its agency, or ends closed_not_fixed. */
  async notFixed(reportId: string, residentId: string, reason: string): Promise<void> {
    await this.#transition(reportId, async (trx, report) => {
      if (report.reporter_id !== residentId) throw new AppError('report_not_found')
      const now = new Date()
      const outcome = notFixedOutcome(report.status, report.reopen_count, report.resolved_at, now)
      const to = nextStatus(report.status, outcome)
      const change: ReportChange = { status: to }
      if (outcome === 'reopen') {
        const category = (await this.categories()).get(report.category_id)
        Object.assign(change, {
          reopen_count: report.reopen_count + 1,
          deadline_at: addWorkingDays(now, category?.deadlineWorkingDays ?? 10),
          reminded_at: null,
          escalated_at: null,
          escalated_to: null,
          resolved_at: null,
        })
      } else {
        change.closed_at = now
      }
      await updateReport(trx, reportId, change)
      return insertEvent(trx, {
        notify: true,
        reportId,
        kind: outcome === 'reopen' ? 'reopened' : 'closed',
        actorKind: 'resident',
        actorId: residentId,
        agencyId: report.agency_id,
        fromStatus: report.status,
        toStatus: to,
        message: toNfc(reason.trim()),
      })
    })
  }

  /** A report a resident may act on: public ones, and private ones they follow (their own). */
  async #reportFor(
    db: Kysely<DB> | Transaction<DB>,
    reportId: string,
    residentId: string,
  ): Promise<ReportRow> {
    const report = await findReport(db, reportId)
    if (!report) throw new AppError('report_not_found')
    if (!report.is_public && report.reporter_id !== residentId) {
      const follows = await db
        .selectFrom('feedback.followers')
        .select('reason')
        .where('report_id', '=', reportId)
        .where('resident_id', '=', residentId)
        .executeTakeFirst()
      if (!follows) throw new AppError('report_not_found')
    }
    return report
  }

  // ------------------------------------------------------------ officials

  scopeOf(principal: Principal): OfficialScope {
    if (principal.kind !== 'official') throw new AppError('forbidden')
    return {
      officialId: principal.officialId,
      agencyIds: principal.roles.includes('system_admin')
        ? 'all'
        : this.identity.agencies.subtree(principal.agencyId),
      wardCodes: principal.wardCodes,
      roles: principal.roles,
    }
  }

  /** May this official see the report? (responsible, escalated-to or coordinating agency in reach) */
  async inScope(
    scope: OfficialScope,
    report: ReportRow,
    trx: Kysely<DB> | Transaction<DB> = this.db,
  ): Promise<boolean> {
    if (scope.wardCodes.length > 0 && !scope.wardCodes.includes(report.ward_code)) return false
    if (scope.agencyIds === 'all') return true
    if (scope.agencyIds.includes(report.agency_id)) return true
    if (report.escalated_to && scope.agencyIds.includes(report.escalated_to)) return true
    const coordinators = await trx
      .selectFrom('feedback.report_coordinators')
      .select('agency_id')
      .where('report_id', '=', report.id)
      .execute()
    return coordinators.some((row) => (scope.agencyIds as readonly string[]).includes(row.agency_id))
  }

  /** What this official may do to the report now. */
  allowedActions(scope: OfficialScope, report: ReportRow): string[] {
    const acts = scope.roles.some((role) => ['officer', 'agency_admin', 'system_admin'].includes(role))
    if (!acts) return []
    const responsible = scope.agencyIds === 'all' || scope.agencyIds.includes(report.agency_id)
    const supervising =
      report.escalated_to !== null &&
      scope.agencyIds !== 'all' &&
      scope.agencyIds.includes(report.escalated_to)
    const open = ['forwarded', 'in_progress'].includes(report.status)
    const actions: string[] = []
    if (responsible && report.status === 'forwarded') actions.push('start')
    if (responsible && open) actions.push('resolve', 'reject')
    if ((responsible || supervising) && !['closed', 'closed_not_fixed'].includes(report.status))
      actions.push('respond')
    if ((responsible || supervising) && open) actions.push('reassign', 'change_category', 'add_coordinator')
    if (responsible || supervising) actions.push('moderate')
    return actions
  }

  async #officialReport(
    trx: Transaction<DB>,
    scope: OfficialScope,
    reportId: string,
    action: string,
  ): Promise<ReportRow> {
    const report = await findReport(trx, reportId, true)
    if (!report || !(await this.inScope(scope, report, trx))) throw new AppError('report_not_found')
    if (!this.allowedActions(scope, report).includes(action)) {
      if (['start', 'resolve', 'reject'].includes(action))
        nextStatus(report.status, action as LifecycleAction)
      throw new AppError('forbidden')
    }
    return report
  }

  /** start / resolve / reject, with the official's message (resolve may need an after-photo). */
  async act(
    scope: OfficialScope,
    reportId: string,
    action: 'start' | 'resolve' | 'reject',
    message: string | undefined,
    photoIds: readonly string[] = [],
  ): Promise<void> {
    await this.#officialChange(reportId, async (trx) => {
      const report = await this.#officialReport(trx, scope, reportId, action)
      const to = nextStatus(report.status, action)
      if ((action === 'resolve' || action === 'reject') && !message) {
        throw new AppError('validation_failed', {
          errors: [
            {
              pointer: '/message',
              message: {
                vi: action === 'resolve' ? 'Vui lòng ghi kết quả xử lý.' : 'Vui lòng ghi lý do từ chối.',
                en: action === 'resolve' ? 'Please describe what was done.' : 'Please give the reason.',
              },
            },
          ],
        })
      }
      const uploader = `official:${scope.officialId}`
      if (
        photoIds.length > 0 &&
        (await attachPhotos(trx, reportId, photoIds, uploader, 'after')).length !== photoIds.length
      ) {
        throw new AppError('photo_not_usable', {
          errors: [{ pointer: '/photoIds', message: PHOTO_NOT_USABLE }],
        })
      }
      if (action === 'resolve') {
        const category = (await this.categories()).get(report.category_id)
        if (category?.requiresAfterPhoto) {
          const after = await trx
            .selectFrom('feedback.photos')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('report_id', '=', reportId)
            .where('purpose', '=', 'after')
            .executeTakeFirstOrThrow()
          if (Number(after.n) === 0) throw new AppError('after_photo_required')
        }
      }
      const now = new Date()
      await updateReport(trx, reportId, {
        status: to,
        ...(to === 'resolved' || to === 'rejected' ? { resolved_at: now } : {}),
      })
      return insertEvent(trx, {
        notify: true,
        reportId,
        kind: 'status_changed',
        actorKind: 'official',
        actorId: scope.officialId,
        agencyId: report.agency_id,
        fromStatus: report.status,
        toStatus: to,
        message: message ? toNfc(message.trim()) : null,
      })
    })
  }

  async respond(scope: OfficialScope, reportId: string, message: string): Promise<void> {
    await this.#officialChange(reportId, async (trx) => {
      const report = await this.#officialReport(trx, scope, reportId, 'respond')
      await updateReport(trx, reportId, {})
      return insertEvent(trx, {
        notify: true,
        reportId,
        kind: 'response',
        actorKind: 'official',
        actorId: scope.officialId,
        agencyId: report.agency_id,
        message: toNfc(message.trim()),
      })
    })
  }

  /** Reassign to another agency with a reason. The deadline stays: the resident's clock does not restart. */
  async reassign(scope: OfficialScope, reportId: string, agencyId: string, reason: string): Promise<void> {
    if (!this.identity.agencies.get(agencyId)) {
      throw new AppError('validation_failed', {
        errors: [{ pointer: '/agencyId', message: { vi: 'Không có đơn vị này.', en: 'No such agency.' } }],
      })
    }
    await this.#officialChange(reportId, async (trx) => {
      const report = await this.#officialReport(trx, scope, reportId, 'reassign')
      if (report.agency_id === agencyId) return undefined
      await updateReport(trx, reportId, {
        agency_id: agencyId,
        status: report.status === 'in_progress' ? 'forwarded' : report.status,
        escalated_to: null,
        escalated_at: null,
      })
      return insertEvent(trx, {
        notify: true,
        reportId,
        kind: 'reassigned',
        actorKind: 'official',
        actorId: scope.officialId,
        agencyId,
        fromStatus: report.status,
        toStatus: report.status === 'in_progress' ? 'forwarded' : report.status,
        message: toNfc(reason.trim()),
      })
    })
  }

  async bulkReassign(
    scope: OfficialScope,
    reportIds: readonly string[],
    agencyId: string,
    reason: string,
  ): Promise<number> {
    let count = 0
    for (const id of reportIds) {
      await this.reassign(scope, id, agencyId, reason)
      count++
    }
    return count
  }

  async changeCategory(
    scope: OfficialScope,
    reportId: string,
    categoryId: string,
    reason: string,
  ): Promise<void> {
    const category = await this.category(categoryId)
    await this.#officialChange(reportId, async (trx) => {
      const report = await this.#officialReport(trx, scope, reportId, 'change_category')
      if (report.category_id === categoryId) return undefined
      await updateReport(trx, reportId, { category_id: categoryId })
      return insertEvent(trx, {
        notify: true,
        reportId,
        kind: 'category_changed',
        actorKind: 'official',
        actorId: scope.officialId,
        agencyId: report.agency_id,
        message: `${category.name.vi} — ${toNfc(reason.trim())}`,
      })
    })
  }

  /** Another agency takes part: the legal deadline becomes 15 working days from forwarding. */
  async addCoordinator(scope: OfficialScope, reportId: string, agencyId: string): Promise<void> {
    if (!this.identity.agencies.get(agencyId)) {
      throw new AppError('validation_failed', {
        errors: [{ pointer: '/agencyId', message: { vi: 'Không có đơn vị này.', en: 'No such agency.' } }],
      })
    }
    await this.#officialChange(reportId, async (trx) => {
      const report = await this.#officialReport(trx, scope, reportId, 'add_coordinator')
      const added = await trx
        .insertInto('feedback.report_coordinators')
        .values({ report_id: reportId, agency_id: agencyId })
        .onConflict((oc) => oc.columns(['report_id', 'agency_id']).doNothing())
        .executeTakeFirst()
      if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return undefined
      const longer = addWorkingDays(
        report.forwarded_at ?? report.submitted_at,
        FEEDBACK_POLICY.multiAgencyDeadlineWorkingDays,
      )
      const change: ReportChange = {}
      if (!report.deadline_at || longer > report.deadline_at)
        Object.assign(change, { deadline_at: longer, reminded_at: null })
      await updateReport(trx, reportId, change)
      return insertEvent(trx, {
        notify: true,
        reportId,
        kind: 'coordinator_added',
        actorKind: 'official',
        actorId: scope.officialId,
        agencyId,
      })
    })
  }

  /** Hide abusive text or photos from everyone but officials; the reason is in the history. */
  async moderate(
    scope: OfficialScope,
    reportId: string,
    hideDescription: boolean | undefined,
    hidePhotoIds: readonly string[],
    reason: string,
  ): Promise<void> {
    await this.#officialChange(reportId, async (trx) => {
      const report = await this.#officialReport(trx, scope, reportId, 'moderate')
      const text = toNfc(reason.trim())
      if (hidePhotoIds.length > 0) {
        await trx
          .updateTable('feedback.photos')
          .set({ hidden_at: new Date(), hidden_reason: text })
          .where('report_id', '=', reportId)
          .where('id', 'in', hidePhotoIds)
          .execute()
      }
      await updateReport(
        trx,
        reportId,
        hideDescription === undefined ? {} : { description_hidden: hideDescription },
      )
      await insertEvent(trx, {
        reportId,
        kind: 'moderated',
        actorKind: 'official',
        actorId: scope.officialId,
        agencyId: report.agency_id,
        message: text,
        public: false,
      })
      return undefined
    })
  }

  async #officialChange(
    reportId: string,
    change: (trx: Transaction<DB>) => Promise<number | undefined>,
  ): Promise<void> {
    // The change writes its event (into the outbox when followers are to hear of it) in the same transaction.
    await this.db.transaction().execute((trx) => change(trx))
    this.#changed(reportId)
  }

  async #transition(
    reportId: string,
    change: (trx: Transaction<DB>, report: ReportRow) => Promise<number | undefined>,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const report = await findReport(trx, reportId, true)
      if (!report) throw new AppError('report_not_found')
      await change(trx, report)
    })
    this.#changed(reportId)
  }

  #changed(reportId: string): void {
    for (const listener of this.changed) listener(reportId)
    this.#wake()
  }

  /** Tells this process's dispatcher that events may be waiting (other processes hear NOTIFY). */
  #wake(): void {
    for (const listener of this.pending) listener()
  }

  /** Tells followers about every pending timeline event (the dispatcher and the sweep call it). */
  tellPending(): Promise<number> {
    return tellPendingEvents({
      db: this.db,
      inbox: this.inbox,
      identity: this.identity,
      categories: () => this.categories(),
    })
  }

  // ------------------------------------------------------------ timers (worker)

  /**
   * Reminders before the deadline, escalation to the supervising agency once it has passed, and
   * closing resolved or rejected reports whose rating window is over. Idempotent: each step marks
   * what it did, so a sweep run twice (or on two workers) does it once.
   */
  async sweep(now: Date = new Date()): Promise<{ reminded: number; escalated: number; closed: number }> {
    const open = ['forwarded', 'in_progress']
    const candidates = await this.db
      .selectFrom('feedback.reports')
      .select(['id', 'agency_id', 'deadline_at', 'reminded_at', 'escalated_at', 'status'])
      .where('status', 'in', open)
      .where('deadline_at', 'is not', null)
      .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('escalated_at', 'is', null)]))
      .where('deadline_at', '<', new Date(now.getTime() + 30 * 86_400_000))
      .execute()
    let reminded = 0
    let escalated = 0
    for (const row of candidates) {
      const deadline = row.deadline_at as Date
      if (!row.escalated_at && deadline <= now) {
        const supervisor = this.identity.agencies.get(row.agency_id)?.parentId ?? null
        if (
          await this.#markOnce(
            row.id,
            'escalated_at',
            now,
            { escalated_to: supervisor },
            {
              kind: 'escalated',
              agencyId: supervisor,
              message: null,
              public: true,
            },
          )
        )
          escalated++
      } else if (
        !row.reminded_at &&
        subtractWorkingDays(deadline, FEEDBACK_POLICY.reminderWorkingDays) <= now
      ) {
        if (
          await this.#markOnce(
            row.id,
            'reminded_at',
            now,
            {},
            {
              kind: 'reminded',
              agencyId: row.agency_id,
              message: null,
              public: false,
            },
          )
        )
          reminded++
      }
    }
    const windowStart = new Date(now.getTime() - FEEDBACK_POLICY.ratingWindowDays * 86_400_000)
    const expired = await this.db
      .selectFrom('feedback.reports')
      .select(['id', 'status'])
      .where('status', 'in', ['resolved', 'rejected'])
      .where('resolved_at', '<', windowStart)
      .execute()
    let closed = 0
    for (const row of expired) {
      const done = await this.db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('feedback.reports')
          .set((eb) => ({
            status: 'closed',
            closed_at: now,
            updated_at: now,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', row.id)
          .where('status', '=', row.status)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) === 0) return false
        await insertEvent(trx, {
          reportId: row.id,
          kind: 'closed',
          actorKind: 'system',
          fromStatus: row.status,
          toStatus: 'closed',
          notify: true,
        })
        return true
      })
      if (done) {
        closed++
        this.#changed(row.id)
      }
    }
    return { reminded, escalated, closed }
  }

  async #markOnce(
    reportId: string,
    column: 'reminded_at' | 'escalated_at',
    now: Date,
    extra: ReportChange,
    event: { kind: string; agencyId: string | null; message: string | null; public: boolean },
  ): Promise<boolean> {
    const done = await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('feedback.reports')
        .set((eb) => ({ [column]: now, ...extra, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', reportId)
        .where(column, 'is', null)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) return false
      await insertEvent(trx, { reportId, actorKind: 'system', ...event })
      return true
    })
    if (done) this.#changed(reportId)
    return done
  }

  statusOf(row: { status: string }): ReportStatus {
    return row.status as ReportStatus
  }
}

const PHOTO_NOT_USABLE = {
  vi: 'Có ảnh không dùng được (không tồn tại, đã dùng, hoặc không phải của bạn). Vui lòng tải ảnh lên lại.',
  en: 'A photo cannot be used (missing, already used, or not yours). Please upload it again.',
}

/**
 * The canonical form of a submission (keys sorted at every level), to tell a retry (same content)
 * from a reused key.
 */
function hashOf(body: ReportSubmitBody): string {
  return createHash('sha256')
    .update(stableStringify(body) ?? '')
    .digest('hex')
}

/** The answers to a category's extra questions, checked: required ones present, list values known. */
export function checkAnswers(
  questions: readonly CategoryQuestion[],
  given: Record<string, string | string[]>,
): { code: string; values: string[] }[] {
  const errors: FieldProblem[] = []
  const answers: { code: string; values: string[] }[] = []
  const known = new Set(questions.map((question) => question.code))
  for (const code of Object.keys(given)) {
    if (!known.has(code)) {
      errors.push({
        pointer: `/answers/${code}`,
        message: { vi: 'Lĩnh vực này không có câu hỏi này.', en: 'This category has no such question.' },
      })
    }
  }
  for (const question of questions) {
    const raw = given[question.code]
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .map((value) => toNfc(String(value).trim()))
      .filter((value) => value !== '')
    const pointer = `/answers/${question.code}`
    if (values.length === 0) {
      if (question.required) {
        errors.push({
          pointer,
          message: {
            vi: `Vui lòng trả lời: ${question.label.vi}`,
            en: `Please answer: ${question.label.en}`,
          },
        })
      }
      continue
    }
    if (question.datatype !== 'multivaluelist' && values.length > 1) {
      errors.push({ pointer, message: { vi: 'Chỉ chọn một giá trị.', en: 'Choose one value only.' } })
      continue
    }
    if (question.datatype === 'singlevaluelist' || question.datatype === 'multivaluelist') {
      const keys = new Set(question.options.map((option) => option.key))
      if (values.some((value) => !keys.has(value))) {
        errors.push({
          pointer,
          message: {
            vi: `Giá trị không có trong danh sách: ${question.label.vi}`,
            en: `Not one of the choices: ${question.label.en}`,
          },
        })
        continue
      }
    }
    if (question.datatype === 'number' && values.some((value) => !Number.isFinite(Number(value)))) {
      errors.push({ pointer, message: { vi: 'Phải là một số.', en: 'Must be a number.' } })
      continue
    }
    if (question.datatype === 'datetime' && values.some((value) => Number.isNaN(Date.parse(value)))) {
      errors.push({
        pointer,
        message: { vi: 'Phải là ngày giờ hợp lệ.', en: 'Must be a valid date and time.' },
      })
      continue
    }
    answers.push({ code: question.code, values })
  }
  if (errors.length > 0) throw new AppError('validation_failed', { errors })
  return answers
}
