import type {
  ConsoleReport,
  ConsoleReportSummary,
  OwnReport,
  PublicReport,
  PublicReportSummary,
  ReportPhoto,
  ReportStatus,
  TimelineEntry,
} from '@dc/contracts'
import type { GeoService } from '../geo/geo.service.ts'
import type { Identity } from '../identity/identity.ts'
import type { CategoryRecord, FeedbackService, OfficialScope } from './feedback.service.ts'
import { residentWindowEnd } from './lifecycle.ts'
import {
  answersOf,
  coordinatorsOf,
  type EventRow,
  eventsOf,
  isFollowing,
  type ListedRow,
  type PhotoMeta,
  photosOf,
  type ReportRow,
} from './report.repository.ts'

/**
 * What each audience sees of a report — explicit mappers, so rows never leak:
 * - public: no reporter, no contact, no hidden text or photos, no residents' own words;
 * - the reporter (own): the public view plus their answers and what they may still do;
 * - officials (console): everything but an anonymous reporter's identity.
 */
export class ReportViews {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly geo: GeoService,
    private readonly identity: Identity,
  ) {}

  agency(id: string): { id: string; name: string } {
    return { id, name: this.identity.agencies.get(id)?.name ?? id }
  }

  async #category(id: string): Promise<{ id: string; name: { vi: string; en: string } }> {
    const category: CategoryRecord | undefined = (await this.feedback.categories()).get(id)
    return { id, name: category?.name ?? { vi: id, en: id } }
  }

  #photo(photo: PhotoMeta): ReportPhoto {
    return {
      id: photo.id,
      url: `/api/v1/feedback/photos/${photo.id}`,
      thumbnailUrl: `/api/v1/feedback/photos/${photo.id}/thumbnail`,
      width: photo.width,
      height: photo.height,
      purpose: photo.purpose,
    }
  }

  #timeline(events: EventRow[], audience: 'public' | 'own' | 'official'): TimelineEntry[] {
    return events
      .filter((event) => audience === 'official' || event.public)
      .map((event) => ({
        id: event.id,
        at: event.at.toISOString(),
        kind: event.kind as TimelineEntry['kind'],
        actor: event.actor_kind,
        agency: event.agency_id ? this.agency(event.agency_id) : null,
        fromStatus: (event.from_status as ReportStatus | null) ?? null,
        toStatus: (event.to_status as ReportStatus | null) ?? null,
        // Residents' own words (a rating comment, "not fixed" reasons) are theirs and the officials':
        // they may carry personal details, so the public timeline shows that it happened, not the text.
        message: audience === 'public' && event.actor_kind === 'resident' ? null : event.message,
        rating: event.rating,
      }))
  }

  async publicReport(row: ReportRow): Promise<PublicReport> {
    const [events, photos, ward, category] = await Promise.all([
      eventsOf(this.feedback.db, row.id, true),
      photosOf(this.feedback.db, row.id),
      this.geo.wardSummary(row.ward_code),
      this.#category(row.category_id),
    ])
    return this.#publicView(row, events, photos, ward, category, 'public')
  }

  #publicView(
    row: ReportRow,
    events: EventRow[],
    photos: PhotoMeta[],
    ward: Awaited<ReturnType<GeoService['wardSummary']>>,
    category: { id: string; name: { vi: string; en: string } },
    audience: 'public' | 'own' | 'official',
  ): PublicReport {
    if (!ward) throw new Error(`report ${row.id} names unknown ward ${row.ward_code}`)
    const hidden = row.description_hidden && audience !== 'official'
    return {
      id: row.id,
      code: row.code,
      status: row.status,
      category,
      description: hidden ? '' : row.description,
      descriptionHidden: row.description_hidden,
      location: { lon: row.lon, lat: row.lat },
      locationPrecision: row.location_precision,
      address: row.address,
      ward,
      agency: this.agency(row.agency_id),
      submittedAt: row.submitted_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      deadlineAt: row.deadline_at?.toISOString() ?? null,
      meTooCount: row.me_too_count,
      rating: row.rating,
      photos: photos
        .filter((photo) => audience === 'official' || !photo.hidden_at)
        .map((photo) => this.#photo(photo)),
      timeline: this.#timeline(events, audience),
    }
  }

  async ownReport(row: ReportRow, residentId: string): Promise<OwnReport> {
    const isReporter = row.reporter_id === residentId
    const [events, photos, answers, following] = await Promise.all([
      eventsOf(this.feedback.db, row.id, true),
      photosOf(this.feedback.db, row.id),
      isReporter ? answersOf(this.feedback.db, row.id) : Promise.resolve({}),
      isFollowing(this.feedback.db, row.id, residentId),
    ])
    return this.ownView(row, residentId, { events, photos, answers, following })
  }

  /** The reporter's view from data in hand (a report just written needs no read back). */
  async ownView(
    row: ReportRow,
    residentId: string,
    data: {
      events: EventRow[]
      photos: PhotoMeta[]
      answers: Record<string, string | string[]>
      following: boolean
    },
  ): Promise<OwnReport> {
    const { events, photos, answers, following } = data
    const isReporter = row.reporter_id === residentId
    const [ward, category] = await Promise.all([
      this.geo.wardSummary(row.ward_code),
      this.#category(row.category_id),
    ])
    const windowEnd = isReporter ? residentWindowEnd(row.status, row.resolved_at) : null
    const open = windowEnd !== null && windowEnd > new Date()
    const view = this.#publicView(row, events, photos, ward, category, isReporter ? 'own' : 'public')
    if (!row.is_public && !isReporter) {
      // Someone who said "me too" to a private report follows its progress, not its content.
      Object.assign(view, {
        description: '',
        photos: [],
        timeline: view.timeline.map((entry) => ({ ...entry, message: null })),
      })
    }
    return {
      ...view,
      public: row.is_public,
      anonymous: row.anonymous,
      answers,
      following,
      isReporter,
      notFixedUntil: open && row.status === 'resolved' ? (windowEnd as Date).toISOString() : null,
      ratingUntil: open ? (windowEnd as Date).toISOString() : null,
    }
  }

  async consoleReport(row: ReportRow, scope: OfficialScope): Promise<ConsoleReport> {
    const [events, photos, ward, category, answers, coordinators] = await Promise.all([
      eventsOf(this.feedback.db, row.id, false),
      photosOf(this.feedback.db, row.id),
      this.geo.wardSummary(row.ward_code),
      this.#category(row.category_id),
      answersOf(this.feedback.db, row.id),
      coordinatorsOf(this.feedback.db, row.id),
    ])
    const gpsPhoto = photos.find((photo) => photo.purpose === 'report' && photo.gps_lon !== null)
    return {
      ...this.#publicView(row, events, photos, ward, category, 'official'),
      public: row.is_public,
      anonymous: row.anonymous,
      source: row.source,
      answers,
      reporter: row.anonymous ? null : await this.#reporter(row),
      coordinators: coordinators.map((id) => this.agency(id)),
      escalatedTo: row.escalated_to ? this.agency(row.escalated_to) : null,
      overdue: isOverdue(row),
      reopenCount: row.reopen_count,
      hiddenPhotos: photos
        .filter((photo) => photo.hidden_at)
        .map((photo) => ({ id: photo.id, reason: photo.hidden_reason ?? '' })),
      photoGps: gpsPhoto ? { lon: gpsPhoto.gps_lon as number, lat: gpsPhoto.gps_lat as number } : null,
      allowedActions: this.feedback.allowedActions(scope, row),
    }
  }

  /** The reporter's name and contact for officials (the access log records who looked: routes do it). */
  async #reporter(row: ReportRow): Promise<ConsoleReport['reporter']> {
    const cipher = this.identity.cipher
    if (row.reporter_id) {
      const resident = await this.feedback.db
        .selectFrom('identity.residents')
        .select(['id', 'full_name', 'phone_enc'])
        .where('id', '=', row.reporter_id)
        .executeTakeFirst()
      return {
        name: resident?.full_name ?? null,
        email: null,
        phone: resident?.phone_enc
          ? cipher.decrypt(resident.phone_enc, `identity.residents.phone:${resident.id}`)
          : null,
      }
    }
    return {
      name: row.contact_name,
      email: cipher.decryptOptional(row.contact_email_enc, `feedback.reports.contact_email:${row.id}`),
      phone: cipher.decryptOptional(row.contact_phone_enc, `feedback.reports.contact_phone:${row.id}`),
    }
  }

  async publicSummary(row: ListedRow): Promise<PublicReportSummary> {
    const [ward, category] = await Promise.all([
      this.geo.wardSummary(row.ward_code),
      this.#category(row.category_id),
    ])
    return {
      id: row.id,
      code: row.code,
      status: row.status,
      category,
      description: row.description_hidden ? '' : row.description,
      location: { lon: row.lon, lat: row.lat },
      ward: { code: row.ward_code, name: ward?.fullName ?? row.ward_code },
      submittedAt: row.submitted_at.toISOString(),
      meTooCount: row.me_too_count,
      thumbnailUrl: row.thumbnail_id ? `/api/v1/feedback/photos/${row.thumbnail_id}/thumbnail` : null,
    }
  }

  async consoleSummary(row: ListedRow): Promise<ConsoleReportSummary> {
    const [ward, category] = await Promise.all([
      this.geo.wardSummary(row.ward_code),
      this.#category(row.category_id),
    ])
    return {
      id: row.id,
      code: row.code,
      status: row.status,
      category,
      description: row.description,
      location: { lon: row.lon, lat: row.lat },
      ward: { code: row.ward_code, name: ward?.fullName ?? row.ward_code },
      agency: this.agency(row.agency_id),
      submittedAt: row.submitted_at.toISOString(),
      deadlineAt: row.deadline_at?.toISOString() ?? null,
      overdue: isOverdue(row),
      escalatedTo: row.escalated_to ? this.agency(row.escalated_to) : null,
      meTooCount: row.me_too_count,
      reopenCount: row.reopen_count,
    }
  }
}

export function isOverdue(row: { status: string; deadline_at: Date | null }, now = new Date()): boolean {
  return (
    (row.status === 'forwarded' || row.status === 'in_progress') &&
    row.deadline_at !== null &&
    row.deadline_at < now
  )
}

/**
 * Reports as GeoJSON points for maps: id, code, status, category (both languages) and submission
 * time, plus what the audience's map needs besides (the console's overdue flag).
 */
export function reportsGeoJson(
  rows: readonly ReportRow[],
  categories: ReadonlyMap<string, CategoryRecord>,
  extra: (row: ReportRow) => Record<string, unknown> = () => ({}),
) {
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((row) => ({
      type: 'Feature',
      id: row.id,
      geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
      properties: {
        id: row.id,
        code: row.code,
        status: row.status,
        categoryId: row.category_id,
        categoryName: categories.get(row.category_id)?.name.vi ?? row.category_id,
        categoryNameEn: categories.get(row.category_id)?.name.en ?? row.category_id,
        submittedAt: row.submitted_at.toISOString(),
        ...extra(row),
      },
    })),
  }
}
