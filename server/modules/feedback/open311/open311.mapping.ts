import type { CategoryQuestion, LocalizedText, ReportStatus, ReportSubmitBody } from '@dc/contracts'
import { OPEN_REPORT_STATUSES, REPORT_STATUSES } from '@dc/contracts'
import type { Language } from '../../../core/messages.ts'
import type { CategoryRecord } from '../feedback.service.ts'
import { OPEN311_TEXT, Open311Error } from './open311.errors.ts'
import type { Open311Row } from './open311.repository.ts'
import type {
  CreateRequestBody,
  Open311Attribute,
  Open311Request,
  Open311Service,
} from './open311.schemas.ts'

/**
 * Pure mapping between the platform's feedback model and Open311 GeoReport v2: categories become
 * services, their questions attributes, public reports requests; Open311 submissions become the
 * platform's submit body. No I/O here (the routes look up wards and agencies and pass them in).
 */

/** Open311's two statuses: open while the agency still owes an answer, closed once it has given one. */
export function open311Status(status: ReportStatus): 'open' | 'closed' {
  return OPEN_REPORT_STATUSES.includes(status) ? 'open' : 'closed'
}

const CLOSED_STATUSES = REPORT_STATUSES.filter((status) => !OPEN_REPORT_STATUSES.includes(status))

/** `status=open,closed` as the platform's statuses; undefined when absent (every status). */
export function parseStatusFilter(text: string | undefined): ReportStatus[] | undefined {
  const parts = splitList(text)
  if (parts.length === 0) return undefined
  const statuses = new Set<ReportStatus>()
  for (const part of parts) {
    if (part === 'open') for (const status of OPEN_REPORT_STATUSES) statuses.add(status)
    else if (part === 'closed') for (const status of CLOSED_STATUSES) statuses.add(status)
    else throw new Open311Error(400, [OPEN311_TEXT.badStatus])
  }
  return [...statuses]
}

/** A comma-delimited parameter's values, trimmed, without empties or repeats. */
export function splitList(text: string | undefined): string[] {
  if (!text) return []
  return [
    ...new Set(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ]
}

const CITY_OFFSET_MS = 7 * 3_600_000

/** An instant in city time with its offset, as Open311's w3c datetimes are written (Vietnam has no DST). */
export function cityDateTime(instant: Date): string {
  return `${new Date(instant.getTime() + CITY_OFFSET_MS).toISOString().slice(0, 19)}+07:00`
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

/**
 * A start_date/end_date: ISO 8601 with an offset, or without one in city time; a bare date is the
 * start of that city day (start_date) or its last millisecond (end_date).
 */
export function parseCityInstant(text: string, bound: 'start' | 'end'): Date | undefined {
  const match = DATE_TIME.exec(text.trim())
  if (!match) return undefined
  const [, date, hh, mi, ss = '00', fraction = '', zone] = match
  const midnight = Date.parse(`${date}T00:00:00+07:00`)
  // Date.parse rolls 2026-02-30 over: a real date formats back to itself.
  if (Number.isNaN(midnight) || cityDateTime(new Date(midnight)).slice(0, 10) !== date) return undefined
  if (hh === undefined) return new Date(bound === 'start' ? midnight : midnight + 86_400_000 - 1)
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return undefined
  const offset = zone === undefined ? '+07:00' : zone.toUpperCase() === 'Z' ? 'Z' : normaliseOffset(zone)
  const instant = Date.parse(`${date}T${hh}:${mi}:${ss}${fraction.slice(0, 4)}${offset}`)
  return Number.isNaN(instant) ? undefined : new Date(instant)
}

const normaliseOffset = (zone: string) => (zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`)

export const REQUEST_WINDOW_DAYS = 90
export const REQUEST_LIMIT = 1000
const DAY_MS = 86_400_000

/**
 * The requested_datetime window of GET /requests: the spec's default is the last 90 days, and a
 * window may not span more. One bound given: the other is 90 days away from it.
 */
export function requestWindow(
  startText: string | undefined,
  endText: string | undefined,
  now: Date = new Date(),
): { from: Date; to: Date } {
  const start = startText?.trim() ? parseCityInstant(startText, 'start') : undefined
  const end = endText?.trim() ? parseCityInstant(endText, 'end') : undefined
  if (startText?.trim() && !start) throw new Open311Error(400, [OPEN311_TEXT.badDate('start_date')])
  if (endText?.trim() && !end) throw new Open311Error(400, [OPEN311_TEXT.badDate('end_date')])
  const span = REQUEST_WINDOW_DAYS * DAY_MS
  const to = end ?? (start ? new Date(start.getTime() + span) : now)
  const from = start ?? new Date(to.getTime() - span)
  if (from > to) throw new Open311Error(400, [OPEN311_TEXT.dateOrder])
  if (to.getTime() - from.getTime() > span)
    throw new Open311Error(400, [OPEN311_TEXT.dateSpan(REQUEST_WINDOW_DAYS)])
  return { from, to }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Request ids as clients send them: report ids (UUIDs) or the codes residents see (PA-2026-000123). */
export function splitRequestIds(values: readonly string[]): { uuids: string[]; codes: string[] } {
  return {
    uuids: values.filter((value) => UUID.test(value)).map((value) => value.toLowerCase()),
    codes: values.filter((value) => !UUID.test(value)).map((value) => value.toUpperCase()),
  }
}

// ---------------------------------------------------------------- services

/** Stable, language-neutral tags from the category id: roads.pothole → "roads, pothole". */
export function keywordsOf(categoryId: string): string {
  return categoryId.split('.').join(', ')
}

export function toService(
  category: CategoryRecord,
  categories: ReadonlyMap<string, CategoryRecord>,
  lang: Language,
): Open311Service {
  const parent = category.parentId ? categories.get(category.parentId) : undefined
  const description = category.description[lang].trim()
  return {
    service_code: category.id,
    service_name: category.name[lang],
    description: description || null,
    metadata: category.questions.length > 0,
    type: 'realtime',
    keywords: keywordsOf(category.id),
    group: parent ? parent.name[lang] : null,
  }
}

const DATATYPE_HELP: Record<CategoryQuestion['datatype'], LocalizedText> = {
  string: { vi: 'Một dòng chữ', en: 'One line of text' },
  text: { vi: 'Đoạn văn bản', en: 'A paragraph of text' },
  number: { vi: 'Một số, dấu chấm thập phân (ví dụ 2.5)', en: 'A number with a decimal point (e.g. 2.5)' },
  datetime: {
    vi: 'Ngày giờ ISO 8601, ví dụ 2026-11-24T08:00:00+07:00',
    en: 'An ISO 8601 date and time, e.g. 2026-11-24T08:00:00+07:00',
  },
  singlevaluelist: { vi: 'Chọn một giá trị (key) trong danh sách', en: 'One key from the list' },
  multivaluelist: {
    vi: 'Một hoặc nhiều giá trị (key) trong danh sách: attribute[code][]=key',
    en: 'One or more keys from the list: attribute[code][]=key',
  },
}

export function toAttribute(question: CategoryQuestion, order: number, lang: Language): Open311Attribute {
  const isList = question.datatype === 'singlevaluelist' || question.datatype === 'multivaluelist'
  return {
    variable: true,
    code: question.code,
    datatype: question.datatype,
    required: question.required,
    datatype_description: DATATYPE_HELP[question.datatype][lang],
    order,
    description: question.label[lang],
    ...(isList
      ? { values: question.options.map((option) => ({ key: option.key, name: option.name[lang] })) }
      : {}),
  }
}

// ---------------------------------------------------------------- requests

export interface RequestContext {
  lang: Language
  categories: ReadonlyMap<string, CategoryRecord>
  agencyName: (id: string) => string
  ward: { code: string; fullName: string; fullNameEn: string } | undefined
  /** Absolute origin for links (https://host), or '' for root-relative ones. */
  base: string
}

export function toRequest(row: Open311Row, context: RequestContext): Open311Request {
  const { lang, ward } = context
  const status = open311Status(row.status)
  const wardName = ward ? (lang === 'en' ? ward.fullNameEn : ward.fullName) : null
  const category = context.categories.get(row.category_id)
  return {
    service_request_id: row.id,
    status,
    status_notes: row.status_note,
    service_name: category ? category.name[lang] : null,
    service_code: row.category_id,
    description: row.description_hidden ? null : row.description,
    agency_responsible: context.agencyName(row.agency_id),
    service_notice: serviceNotice(row, context.agencyName(row.agency_id), lang),
    requested_datetime: cityDateTime(row.submitted_at),
    // For closed requests the spec wants the time it was closed.
    updated_datetime: cityDateTime(
      status === 'closed' ? (row.closed_at ?? row.resolved_at ?? row.updated_at) : row.updated_at,
    ),
    expected_datetime: row.deadline_at ? cityDateTime(row.deadline_at) : null,
    address: [row.address, wardName].filter(Boolean).join(', ') || null,
    address_id: row.ward_code,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    media_url: row.photo_id ? `${context.base}/api/v1/feedback/photos/${row.photo_id}` : null,
  }
}

/** What happens next, in words: the report code residents quote, who answers and by when. */
export function serviceNotice(
  row: Pick<Open311Row, 'code' | 'status' | 'deadline_at'>,
  agency: string,
  lang: Language,
): string {
  const code = lang === 'vi' ? `Mã phản ánh ${row.code}.` : `Report code ${row.code}.`
  if (open311Status(row.status) === 'closed') return code
  const by = row.deadline_at ? cityDateTime(row.deadline_at).slice(0, 10) : null
  if (lang === 'vi')
    return `${code} Đã chuyển đến ${agency}${by ? `; hạn trả lời ${by.split('-').reverse().join('/')}` : ''}.`
  return `${code} Forwarded to ${agency}${by ? `; answer due by ${by}` : ''}.`
}

// ---------------------------------------------------------------- submitting

/**
 * A form body (application/x-www-form-urlencoded) as values by name: a repeated name or one ending
 * in [] gives a list. Empty values are dropped: clients send every field, filled or not.
 */
export function parseForm(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {}
  for (const [rawName, value] of new URLSearchParams(text)) {
    if (value.trim() === '') continue
    const list = rawName.endsWith('[]')
    const name = list ? rawName.slice(0, -2) : rawName
    const previous = fields[name]
    if (previous === undefined) fields[name] = list ? [value] : value
    else fields[name] = Array.isArray(previous) ? [...previous, value] : [previous, value]
  }
  return fields
}

/** Drops null and empty-string fields (JSON clients send them for "not given"). */
export function withoutEmpty(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body
  return Object.fromEntries(
    Object.entries(body).filter(
      ([, value]) => value !== null && !(typeof value === 'string' && value.trim() === ''),
    ),
  )
}

const ATTRIBUTE_FIELD = /^attribute\[([^\]]+)\]$/

/** The answers to a service's attributes: `attribute` as an object (JSON) and attribute[code] fields (forms). */
export function attributesOf(body: Record<string, unknown>): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {}
  const add = (code: string, value: unknown) => {
    if (value === null || value === undefined) return
    const values = (Array.isArray(value) ? value : [value]).map((one) => String(one))
    if (values.length > 0)
      answers[code] = values.length === 1 && !Array.isArray(value) ? (values[0] as string) : values
  }
  const object = body.attribute
  if (object && typeof object === 'object' && !Array.isArray(object)) {
    for (const [code, value] of Object.entries(object)) add(code, value)
  }
  for (const [name, value] of Object.entries(body)) {
    const match = ATTRIBUTE_FIELD.exec(name)
    if (match) add(match[1] as string, value)
  }
  return answers
}

/**
 * The platform's submit body for an Open311 request. `ward` is the ward the route found for a
 * request without lat/long. Open311 requests are public and never anonymous (the contact given is
 * for the agency, encrypted, and shown to officials only).
 */
export function toSubmitBody(body: CreateRequestBody, ward: string | undefined): ReportSubmitBody {
  if (body.media_url !== undefined) throw new Open311Error(400, [OPEN311_TEXT.mediaUrlRefused])
  const hasLat = body.lat !== undefined
  if (hasLat !== (body.long !== undefined)) throw new Open311Error(400, [OPEN311_TEXT.latLongPair])
  const answers = attributesOf(body as Record<string, unknown>)
  return {
    categoryId: body.service_code.trim(),
    description: (body.description ?? '').trim(),
    ...(hasLat ? { location: { lon: body.long as number, lat: body.lat as number } } : {}),
    ...(body.address_string ? { address: body.address_string.trim() } : {}),
    ...(!hasLat && ward ? { ward } : {}),
    ...(Object.keys(answers).length > 0 ? { answers } : {}),
    anonymous: false,
    public: true,
  }
}

/** The pieces of an address_string that could name a ward, most general first ("…, Phường Sài Gòn, TP.HCM"). */
export function wardCandidates(addressString: string): string[] {
  return addressString
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part.length >= 2)
    .reverse()
}

/** The contact an integration gives for the agency (never shown to clients). */
export function contactOf(body: CreateRequestBody): {
  name: string | null
  email: string | null
  phone: string | null
} {
  const name = [body.first_name, body.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ')
  return { name: name || null, email: body.email?.trim() || null, phone: body.phone?.trim() || null }
}
