import Type, { type Static } from 'typebox'
import { WardSummary } from './geo.ts'
import { LocalizedText } from './problem.ts'

/**
 * Feedback (phản ánh kiến nghị) shapes shared by the API and the web app: categories, reports,
 * their timeline, the console queue and the resident's inbox.
 */

const Uuid = Type.String({ format: 'uuid' })
const Instant = Type.String({ format: 'date-time' })
/**
 * Null first: the server validates with type coercion, which would turn a JSON null into "" while
 * trying a string branch listed before it (then a foreign key or a pattern refuses the "").
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema])

export const ReportStatus = Type.Union(
  [
    Type.Literal('submitted'),
    Type.Literal('forwarded'),
    Type.Literal('in_progress'),
    Type.Literal('resolved'),
    Type.Literal('rejected'),
    Type.Literal('closed'),
    Type.Literal('closed_not_fixed'),
  ],
  {
    description:
      'submitted → forwarded (to the responsible agency, at once) → in_progress → resolved | rejected → ' +
      'closed (rated, or after the rating window); "not fixed" reopens a resolved report; ' +
      'closed_not_fixed ends a report the resident still says is not fixed after the last reopening',
  },
)
export type ReportStatus = Static<typeof ReportStatus>
export const REPORT_STATUSES: readonly ReportStatus[] = [
  'submitted',
  'forwarded',
  'in_progress',
  'resolved',
  'rejected',
  'closed',
  'closed_not_fixed',
]
/** Statuses in which the agency still owes an answer. */
export const OPEN_REPORT_STATUSES: readonly ReportStatus[] = ['submitted', 'forwarded', 'in_progress']

// ---------------------------------------------------------------- categories

export const QuestionDatatype = Type.Union([
  Type.Literal('string'),
  Type.Literal('text'),
  Type.Literal('number'),
  Type.Literal('datetime'),
  Type.Literal('singlevaluelist'),
  Type.Literal('multivaluelist'),
])
export type QuestionDatatype = Static<typeof QuestionDatatype>

/** An extra question of a category (Open311 calls these service definition attributes). */
export const CategoryQuestion = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
  label: LocalizedText,
  datatype: QuestionDatatype,
  required: Type.Boolean(),
  options: Type.Array(Type.Object({ key: Type.String({ maxLength: 40 }), name: LocalizedText }), {
    description: 'For singlevaluelist and multivaluelist',
  }),
})
export type CategoryQuestion = Static<typeof CategoryQuestion>

export const Category = Type.Object({
  id: Type.String({ description: 'e.g. drainage.flooding' }),
  parentId: Nullable(Type.String()),
  name: LocalizedText,
  description: LocalizedText,
  /** Working days the agency has to answer (legal default 10; 15 when several agencies are involved). */
  deadlineWorkingDays: Type.Integer(),
  requiresAfterPhoto: Type.Boolean(),
  questions: Type.Array(CategoryQuestion),
  /** Only leaves can be chosen for a report; parents group them. */
  selectable: Type.Boolean(),
})
export type Category = Static<typeof Category>
export const CategoryList = Type.Object({ categories: Type.Array(Category) })
export type CategoryList = Static<typeof CategoryList>

// ---------------------------------------------------------------- submitting

export const PointInput = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
})

export const ReportSubmitBody = Type.Object({
  categoryId: Type.String({ minLength: 1, maxLength: 80 }),
  description: Type.String({ minLength: 10, maxLength: 4000 }),
  location: Type.Optional(PointInput),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  ward: Type.Optional(
    Type.String({
      maxLength: 100,
      description:
        'When there is no pin: the ward as the resident writes it, 2025 or pre-2025 name, or its code',
    }),
  ),
  answers: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 500 }), Type.Array(Type.String())]), {
      description: "Answers to the category's extra questions, by question code",
    }),
  ),
  photoIds: Type.Optional(Type.Array(Uuid, { maxItems: 5, uniqueItems: true })),
  anonymous: Type.Boolean({
    default: false,
    description: 'Officials and the public never see who sent it; the reporter still follows it',
  }),
  public: Type.Boolean({ default: true, description: 'Show it (without personal data) on the public map' }),
})
export type ReportSubmitBody = Static<typeof ReportSubmitBody>

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 128,
    pattern: '^[A-Za-z0-9._:-]+$',
    description: 'A retried submission with the same key returns the first report instead of a second one',
  }),
})

// ---------------------------------------------------------------- reading

export const ReportPhoto = Type.Object({
  id: Uuid,
  url: Type.String(),
  thumbnailUrl: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  purpose: Type.Union([Type.Literal('report'), Type.Literal('after')]),
})
export type ReportPhoto = Static<typeof ReportPhoto>

export const TimelineKind = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('forwarded'),
  Type.Literal('status_changed'),
  Type.Literal('response'),
  Type.Literal('reassigned'),
  Type.Literal('category_changed'),
  Type.Literal('coordinator_added'),
  Type.Literal('me_too'),
  Type.Literal('rated'),
  Type.Literal('reopened'),
  Type.Literal('escalated'),
  Type.Literal('reminded'),
  Type.Literal('moderated'),
  Type.Literal('closed'),
])
export type TimelineKind = Static<typeof TimelineKind>

export const TimelineEntry = Type.Object({
  id: Type.Integer(),
  at: Instant,
  kind: TimelineKind,
  actor: Type.Union([
    Type.Literal('resident'),
    Type.Literal('official'),
    Type.Literal('system'),
    Type.Literal('integration'),
  ]),
  /** The agency acting or receiving (forwarded, reassigned, escalated, response). */
  agency: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  fromStatus: Nullable(ReportStatus),
  toStatus: Nullable(ReportStatus),
  message: Nullable(
    Type.String({ description: "An official response, a reason, or the resident's comment" }),
  ),
  rating: Nullable(Type.Integer()),
})
export type TimelineEntry = Static<typeof TimelineEntry>

/** What anyone may see of a public report: no reporter, no contact, no hidden text or photos. */
export const PublicReport = Type.Object({
  id: Uuid,
  code: Type.String({ description: 'e.g. PA-2026-000123' }),
  status: ReportStatus,
  category: Type.Object({ id: Type.String(), name: LocalizedText }),
  description: Type.String({ description: 'Empty when hidden by moderation' }),
  descriptionHidden: Type.Boolean(),
  location: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  locationPrecision: Type.Union([Type.Literal('point'), Type.Literal('ward')]),
  address: Nullable(Type.String()),
  ward: WardSummary,
  agency: Type.Object({ id: Type.String(), name: Type.String() }),
  submittedAt: Instant,
  updatedAt: Instant,
  deadlineAt: Nullable(Instant),
  meTooCount: Type.Integer(),
  rating: Nullable(Type.Integer()),
  photos: Type.Array(ReportPhoto),
  timeline: Type.Array(TimelineEntry),
})
export type PublicReport = Static<typeof PublicReport>

export const PublicReportSummary = Type.Object({
  id: Uuid,
  code: Type.String(),
  status: ReportStatus,
  category: Type.Object({ id: Type.String(), name: LocalizedText }),
  description: Type.String(),
  location: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  ward: Type.Object({ code: Type.String(), name: Type.String() }),
  submittedAt: Instant,
  meTooCount: Type.Integer(),
  thumbnailUrl: Nullable(Type.String()),
})
export type PublicReportSummary = Static<typeof PublicReportSummary>

export const PublicReportQuery = Type.Object({
  status: Type.Optional(ReportStatus),
  categoryId: Type.Optional(Type.String({ maxLength: 80 })),
  wardCode: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
  bbox: Type.Optional(
    Type.String({
      pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$',
      description: 'minLon,minLat,maxLon,maxLat',
    }),
  ),
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'Words of the description, diacritics ignored' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 100000, default: 0 }),
})
export type PublicReportQuery = Static<typeof PublicReportQuery>

export const PublicReportList = Type.Object({
  reports: Type.Array(PublicReportSummary),
  total: Type.Integer(),
})
export type PublicReportList = Static<typeof PublicReportList>

export const NearbyQuery = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  categoryId: Type.String({ maxLength: 80 }),
})

/** An open report of the same kind close by, offered before submitting ("me too" instead). */
export const NearbyReport = Type.Object({
  id: Uuid,
  code: Type.String(),
  status: ReportStatus,
  distanceMeters: Type.Number(),
  submittedAt: Instant,
  meTooCount: Type.Integer(),
  /** Null when the report is not public: the resident can still add "me too". */
  description: Nullable(Type.String()),
  thumbnailUrl: Nullable(Type.String()),
})
export const NearbyList = Type.Object({
  radiusMeters: Type.Number(),
  days: Type.Integer(),
  reports: Type.Array(NearbyReport),
})
export type NearbyList = Static<typeof NearbyList>

/** The reporter's own view: the public view plus what only they may see. */
export const OwnReport = Type.Object({
  ...PublicReport.properties,
  public: Type.Boolean(),
  anonymous: Type.Boolean(),
  answers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
  following: Type.Boolean(),
  isReporter: Type.Boolean(),
  /** "Not fixed" may be said until then (resolved reports only). */
  notFixedUntil: Nullable(Instant),
  /** The rating may be given until then (resolved or rejected reports). */
  ratingUntil: Nullable(Instant),
})
export type OwnReport = Static<typeof OwnReport>

export const OwnReportList = Type.Object({ reports: Type.Array(PublicReportSummary) })
export type OwnReportList = Static<typeof OwnReportList>

export const RatingBody = Type.Object({
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Optional(Type.String({ maxLength: 1000 })),
})
export const NotFixedBody = Type.Object({ reason: Type.String({ minLength: 5, maxLength: 1000 }) })

export const PhotoUploaded = Type.Object({
  id: Uuid,
  thumbnailUrl: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
})
export type PhotoUploaded = Static<typeof PhotoUploaded>

// ---------------------------------------------------------------- following an area

export const AreaFollowBody = Type.Union([
  Type.Object({ wardCode: Type.String({ pattern: '^[0-9]{5}$' }) }),
  Type.Object({
    center: PointInput,
    radiusMeters: Type.Integer({ minimum: 100, maximum: 5000 }),
    label: Type.Optional(Type.String({ maxLength: 100 })),
  }),
])
export type AreaFollowBody = Static<typeof AreaFollowBody>
export const AreaFollow = Type.Object({
  id: Uuid,
  wardCode: Nullable(Type.String()),
  wardName: Nullable(Type.String()),
  center: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
  radiusMeters: Nullable(Type.Integer()),
  label: Nullable(Type.String()),
  createdAt: Instant,
})
export type AreaFollow = Static<typeof AreaFollow>
export const AreaFollowList = Type.Object({ follows: Type.Array(AreaFollow) })
export type AreaFollowList = Static<typeof AreaFollowList>

// ---------------------------------------------------------------- inbox (notify)

export const InboxItem = Type.Object({
  id: Uuid,
  at: Instant,
  title: LocalizedText,
  body: LocalizedText,
  link: Nullable(Type.String({ description: 'A path in the web app' })),
  readAt: Nullable(Instant),
})
export type InboxItem = Static<typeof InboxItem>
export const InboxList = Type.Object({ items: Type.Array(InboxItem), unread: Type.Integer() })
export type InboxList = Static<typeof InboxList>

// ---------------------------------------------------------------- console

export const ConsoleReportQuery = Type.Object({
  status: Type.Optional(Type.Union([ReportStatus, Type.Literal('open')])),
  categoryId: Type.Optional(Type.String({ maxLength: 80 })),
  wardCode: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
  agencyId: Type.Optional(Type.String({ maxLength: 80 })),
  overdue: Type.Optional(Type.Boolean()),
  escalated: Type.Optional(Type.Boolean()),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, maximum: 100000, default: 0 }),
})
export type ConsoleReportQuery = Static<typeof ConsoleReportQuery>

export const ConsoleReportSummary = Type.Object({
  id: Uuid,
  code: Type.String(),
  status: ReportStatus,
  category: Type.Object({ id: Type.String(), name: LocalizedText }),
  description: Type.String(),
  location: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  ward: Type.Object({ code: Type.String(), name: Type.String() }),
  agency: Type.Object({ id: Type.String(), name: Type.String() }),
  submittedAt: Instant,
  deadlineAt: Nullable(Instant),
  overdue: Type.Boolean(),
  escalatedTo: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  meTooCount: Type.Integer(),
  reopenCount: Type.Integer(),
})
export type ConsoleReportSummary = Static<typeof ConsoleReportSummary>
export const ConsoleReportList = Type.Object({
  reports: Type.Array(ConsoleReportSummary),
  total: Type.Integer(),
})
export type ConsoleReportList = Static<typeof ConsoleReportList>

export const ConsoleReport = Type.Object({
  ...PublicReport.properties,
  public: Type.Boolean(),
  anonymous: Type.Boolean(),
  source: Type.Union([Type.Literal('web'), Type.Literal('open311')]),
  answers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
  /** Null for anonymous reports: officials never learn who sent them. */
  reporter: Nullable(
    Type.Object({
      name: Nullable(Type.String()),
      email: Nullable(Type.String()),
      phone: Nullable(Type.String()),
    }),
  ),
  coordinators: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  escalatedTo: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  overdue: Type.Boolean(),
  reopenCount: Type.Integer(),
  hiddenPhotos: Type.Array(Type.Object({ id: Uuid, reason: Type.String() })),
  /** Position read from the first photo's EXIF, never published (helps to check the pin). */
  photoGps: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
  allowedActions: Type.Array(Type.String()),
})
export type ConsoleReport = Static<typeof ConsoleReport>

export const ReportActionBody = Type.Object({
  action: Type.Union([Type.Literal('start'), Type.Literal('resolve'), Type.Literal('reject')]),
  message: Type.Optional(Type.String({ minLength: 5, maxLength: 4000 })),
  photoIds: Type.Optional(Type.Array(Uuid, { maxItems: 5, uniqueItems: true })),
})
export type ReportActionBody = Static<typeof ReportActionBody>

export const ResponseBody = Type.Object({ message: Type.String({ minLength: 5, maxLength: 4000 }) })

export const ReassignBody = Type.Object({
  agencyId: Type.String({ minLength: 1, maxLength: 80 }),
  reason: Type.String({ minLength: 5, maxLength: 1000 }),
})
export const BulkReassignBody = Type.Object({
  reportIds: Type.Array(Uuid, { minItems: 1, maxItems: 200, uniqueItems: true }),
  agencyId: Type.String({ minLength: 1, maxLength: 80 }),
  reason: Type.String({ minLength: 5, maxLength: 1000 }),
})
export const BulkReassignResult = Type.Object({ reassigned: Type.Integer() })

export const CategoryChangeBody = Type.Object({
  categoryId: Type.String({ minLength: 1, maxLength: 80 }),
  reason: Type.String({ minLength: 5, maxLength: 1000 }),
})
export const CoordinatorBody = Type.Object({ agencyId: Type.String({ minLength: 1, maxLength: 80 }) })

export const ModerationBody = Type.Object({
  hideDescription: Type.Optional(Type.Boolean()),
  hidePhotoIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
  reason: Type.String({ minLength: 5, maxLength: 1000 }),
})

export const RoutingRule = Type.Object({
  id: Uuid,
  categoryId: Type.String(),
  wardCode: Nullable(Type.String({ description: 'Null: every ward' })),
  agency: Type.Object({ id: Type.String(), name: Type.String() }),
  note: Nullable(Type.String()),
  updatedAt: Instant,
})
export type RoutingRule = Static<typeof RoutingRule>
export const RoutingRuleList = Type.Object({ rules: Type.Array(RoutingRule) })
export type RoutingRuleList = Static<typeof RoutingRuleList>
export const RoutingRuleBody = Type.Object({
  categoryId: Type.String({ minLength: 1, maxLength: 80 }),
  wardCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{5}$' }))),
  agencyId: Type.String({ minLength: 1, maxLength: 80 }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
})
export type RoutingRuleBody = Static<typeof RoutingRuleBody>

export const ResponseTemplate = Type.Object({
  id: Uuid,
  agencyId: Type.String(),
  categoryId: Nullable(Type.String()),
  title: Type.String(),
  body: Type.String(),
})
export type ResponseTemplate = Static<typeof ResponseTemplate>
export const ResponseTemplateList = Type.Object({ templates: Type.Array(ResponseTemplate) })
export type ResponseTemplateList = Static<typeof ResponseTemplateList>
export const ResponseTemplateBody = Type.Object({
  categoryId: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
  title: Type.String({ minLength: 1, maxLength: 120 }),
  body: Type.String({ minLength: 5, maxLength: 4000 }),
})

export const ReportIdParams = Type.Object({ id: Uuid })
