import type { ColumnType, Generated } from 'kysely'

/**
 * Kysely's view of the tables. It mirrors the SQL migrations in server/migrations/ (the source of
 * truth); modules add their tables here as they add migrations.
 */
export interface DB {
  'public.schema_migrations': SchemaMigrationsTable
  'public.seed_runs': SeedRunsTable
  'geo.wards': WardsTable
  'geo.old_wards': OldWardsTable
  'geo.ward_links': WardLinksTable
  'geo.layers': LayersTable
  'geo.traffic_cameras': TrafficCamerasTable
  'geo.flood_points': FloodPointsTable
  'geo.facilities': FacilitiesTable
  'identity.agencies': AgenciesTable
  'identity.data_keys': DataKeysTable
  'identity.residents': ResidentsTable
  'identity.officials': OfficialsTable
  'identity.sessions': SessionsTable
  'identity.pending_sign_ins': PendingSignInsTable
  'identity.api_keys': ApiKeysTable
  'identity.access_log': AccessLogTable
  'feedback.categories': FeedbackCategoriesTable
  'feedback.routing_rules': RoutingRulesTable
  'feedback.reports': ReportsTable
  'feedback.report_answers': ReportAnswersTable
  'feedback.report_coordinators': ReportCoordinatorsTable
  'feedback.report_events': ReportEventsTable
  'feedback.photos': PhotosTable
  'feedback.followers': FollowersTable
  'feedback.area_follows': AreaFollowsTable
  'feedback.response_templates': ResponseTemplatesTable
  'notify.inbox': InboxTable
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface SchemaMigrationsTable {
  version: string
  name: string
  checksum: string
  applied_at: Generated<Timestamp>
}

export interface SeedRunsTable {
  name: string
  checksum: string
  rows: number
  applied_at: Generated<Timestamp>
}

export type WardKind = 'phuong' | 'xa' | 'dac_khu'

export interface WardsTable {
  code: string
  name: string
  name_en: string
  full_name: string
  full_name_en: string
  kind: WardKind
  code_name: string
  province_code: string
  area_km2: number
  /** geometry(MultiPolygon, 4326): write with ST_GeomFromGeoJSON, read with ST_AsGeoJSON */
  geom: unknown
  search_text: string
}

export interface OldWardsTable {
  code: string
  name: string
  old_province_code: string
  old_province_name: string
  search_text: string
}

export interface WardLinksTable {
  old_code: string
  new_code: string
  /** 'full': the whole old ward went into the new one; 'partial': part of it did */
  kind: 'full' | 'partial'
}

export interface LayersTable {
  id: string
  version: Generated<number>
  updated_at: Generated<Timestamp>
  feature_count: Generated<number>
}

export interface TrafficCamerasTable {
  id: string
  code: string
  cam_id: string | null
  display_name: string
  cam_type: string | null
  old_district: string | null
  management_unit: string | null
  angle: number | null
  ward_code: string | null
  geom: unknown
}

export interface FloodPointsTable {
  id: string
  no: number
  cause: 'rain' | 'tide'
  place: string
  located_by: string | null
  road_class: string | null
  reported_date: string | null
  source: string | null
  ward_code: string | null
  geom: unknown | null
}

export interface FacilitiesTable {
  id: string
  kind: string
  name: string
  address: string | null
  phone: string | null
  website: string | null
  ward_code: string | null
  geom: unknown
}

/** A timestamp column with a database default: optional on insert. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type AgencyKind = 'city' | 'department' | 'ward_committee' | 'service_unit'

export interface AgenciesTable {
  id: string
  parent_id: string | null
  kind: AgencyKind
  name: string
  name_en: string
  ward_code: string | null
  search_text: string
}

export interface DataKeysTable {
  id: string
  purpose: 'encrypt' | 'lookup'
  /** base64url(iv | ciphertext | tag) of the 32-byte key under the master key */
  wrapped: string
  master_key_id: string
  active: Generated<boolean>
  created_at: DefaultedTimestamp
}

export interface ResidentsTable {
  id: string
  oidc_issuer: string
  oidc_subject: string
  full_name: string | null
  national_id_enc: string | null
  national_id_hash: string | null
  phone_enc: string | null
  birth_date_enc: string | null
  assurance_level: string | null
  created_at: DefaultedTimestamp
  last_sign_in_at: DefaultedTimestamp
  closed_at: NullableTimestamp
  anonymised_at: NullableTimestamp
}

export interface OfficialsTable {
  id: string
  username: string
  full_name: string
  email: string | null
  agency_id: string
  roles: string[]
  ward_codes: Generated<string[]>
  password_hash: string | null
  totp_secret_enc: string | null
  totp_enabled: Generated<boolean>
  totp_last_step: number | null
  oidc_issuer: string | null
  oidc_subject: string | null
  failed_attempts: Generated<number>
  locked_until: NullableTimestamp
  disabled_at: NullableTimestamp
  created_at: DefaultedTimestamp
  updated_at: DefaultedTimestamp
}

export interface SessionsTable {
  token_hash: string
  id: string
  kind: 'resident' | 'official'
  resident_id: string | null
  official_id: string | null
  csrf_token: string
  created_at: DefaultedTimestamp
  last_seen_at: DefaultedTimestamp
  expires_at: Timestamp
  user_agent: string | null
  ip: string | null
  revoked_at: NullableTimestamp
}

export interface PendingSignInsTable {
  token_hash: string
  kind: 'oidc' | 'totp'
  data: ColumnType<Record<string, unknown>, string, string>
  expires_at: Timestamp
}

export interface ApiKeysTable {
  id: string
  prefix: string
  secret_hash: string
  agency_id: string
  name: string
  scopes: string[]
  rate_limit_per_minute: number
  created_by: string | null
  created_at: DefaultedTimestamp
  last_used_at: NullableTimestamp
  expires_at: NullableTimestamp
  revoked_at: NullableTimestamp
  rotated_from: string | null
}

export interface AccessLogTable {
  seq: number
  at: Timestamp
  official_id: string
  agency_id: string
  resident_id: string
  action: string
  fields: string[]
  reason: string
  request_id: string | null
  prev_hash: string
  hash: string
}

export interface FeedbackCategoriesTable {
  id: string
  parent_id: string | null
  name: string
  name_en: string
  description: Generated<string>
  description_en: Generated<string>
  deadline_working_days: Generated<number>
  requires_after_photo: Generated<boolean>
  /** CategoryQuestion[] (contracts), validated when written */
  questions: ColumnType<unknown[], string, string>
  sort_order: Generated<number>
  active: Generated<boolean>
}

export interface RoutingRulesTable {
  id: string
  category_id: string
  ward_code: string | null
  agency_id: string
  note: string | null
  updated_by: string | null
  updated_at: DefaultedTimestamp
}

/** location is PostGIS geography: written and read through SQL (ST_MakePoint, ST_X), never as a value. */
export interface ReportsTable {
  id: string
  code: string
  category_id: string
  description: string
  description_hidden: Generated<boolean>
  search_text: Generated<string>
  location: unknown
  location_precision: 'point' | 'ward'
  address: string | null
  ward_code: string
  agency_id: string
  status: string
  is_public: boolean
  anonymous: boolean
  source: 'web' | 'open311'
  reporter_id: string | null
  api_key_id: string | null
  contact_name: string | null
  contact_email_enc: string | null
  contact_phone_enc: string | null
  submitter: string
  idempotency_key: string | null
  request_hash: string | null
  me_too_count: Generated<number>
  reopen_count: Generated<number>
  submitted_at: DefaultedTimestamp
  forwarded_at: NullableTimestamp
  deadline_at: NullableTimestamp
  reminded_at: NullableTimestamp
  escalated_at: NullableTimestamp
  escalated_to: string | null
  resolved_at: NullableTimestamp
  closed_at: NullableTimestamp
  rating: number | null
  updated_at: DefaultedTimestamp
  version: Generated<number>
}

export interface ReportAnswersTable {
  report_id: string
  question_code: string
  position: Generated<number>
  value: string
}

export interface ReportCoordinatorsTable {
  report_id: string
  agency_id: string
  added_at: DefaultedTimestamp
}

export interface ReportEventsTable {
  id: Generated<number>
  report_id: string
  at: DefaultedTimestamp
  kind: string
  actor_kind: 'resident' | 'official' | 'system' | 'integration'
  actor_id: string | null
  agency_id: string | null
  from_status: string | null
  to_status: string | null
  message: string | null
  rating: number | null
  public: Generated<boolean>
  notify_pending: Generated<boolean>
}

export interface PhotosTable {
  id: string
  report_id: string | null
  purpose: 'report' | 'after'
  uploaded_by: string
  content_type: string
  display: Uint8Array
  thumbnail: Uint8Array
  width: number
  height: number
  bytes: number
  sha256: string
  gps_lon: number | null
  gps_lat: number | null
  hidden_at: NullableTimestamp
  hidden_reason: string | null
  position: Generated<number>
  created_at: DefaultedTimestamp
}

export interface FollowersTable {
  report_id: string
  resident_id: string
  reason: 'reporter' | 'me_too' | 'follow'
  created_at: DefaultedTimestamp
}

export interface AreaFollowsTable {
  id: string
  resident_id: string
  ward_code: string | null
  center: unknown
  radius_meters: number | null
  label: string | null
  created_at: DefaultedTimestamp
}

export interface ResponseTemplatesTable {
  id: string
  agency_id: string
  category_id: string | null
  title: string
  body: string
  created_by: string | null
  created_at: DefaultedTimestamp
}

export interface InboxTable {
  id: string
  resident_id: string
  delivery_key: string
  title: string
  title_en: string
  body: string
  body_en: string
  link: string | null
  created_at: DefaultedTimestamp
  read_at: NullableTimestamp
}
