import type { LocalizedText } from '@dc/contracts'
import { AppError, type FieldProblem } from '../../../core/errors.ts'
import { CITY_TIME_ZONE } from '../../../core/time.ts'
import type { BBox } from '../layer.repository.ts'

/**
 * Parsing of the OGC API Features query parameters that the schema can only type as text
 * (bbox, datetime, CRS), content negotiation, and the "unknown parameter" check. Pure functions:
 * unit-tested beside this file.
 */

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
/** Other spellings of CRS84 that clients send (https URI, the OGC: short form). */
const CRS84_ALIASES = new Set([CRS84, 'https://www.opengis.net/def/crs/OGC/1.3/CRS84', 'OGC:CRS84'])

const invalid = (parameter: string, message: LocalizedText): AppError =>
  new AppError('validation_failed', { errors: [{ pointer: `querystring:/${parameter}`, message }] })

/**
 * `bbox=minLon,minLat,maxLon,maxLat` (or the 6-number form with heights, which are ignored: the
 * layers are 2D). Rejects, rather than reinterprets, a box whose minimum exceeds its maximum: the
 * city is nowhere near the antimeridian, so minLon > maxLon is a client's mistake here.
 */
export function parseBbox(value: string): BBox {
  const parts = value.split(',').map((part) => part.trim())
  const numbers = parts.map((part) => (part === '' ? Number.NaN : Number(part)))
  if ((numbers.length !== 4 && numbers.length !== 6) || numbers.some((n) => !Number.isFinite(n))) {
    throw invalid('bbox', {
      vi: 'bbox phải gồm 4 số, cách nhau bằng dấu phẩy: kinh độ nhỏ nhất, vĩ độ nhỏ nhất, kinh độ lớn nhất, vĩ độ lớn nhất (ví dụ 106.6,10.7,106.8,10.9).',
      en: 'bbox must be 4 comma-separated numbers: min longitude, min latitude, max longitude, max latitude (e.g. 106.6,10.7,106.8,10.9).',
    })
  }
  const [minLon, minLat, maxLon, maxLat] = (
    numbers.length === 6 ? [numbers[0], numbers[1], numbers[3], numbers[4]] : numbers
  ) as [number, number, number, number]
  const lonOk = (x: number) => x >= -180 && x <= 180
  const latOk = (y: number) => y >= -90 && y <= 90
  if (!lonOk(minLon) || !lonOk(maxLon) || !latOk(minLat) || !latOk(maxLat)) {
    throw invalid('bbox', {
      vi: 'Kinh độ trong bbox phải từ -180 đến 180 và vĩ độ từ -90 đến 90 (CRS84: kinh độ trước, vĩ độ sau).',
      en: 'bbox longitudes must be within -180..180 and latitudes within -90..90 (CRS84: longitude first).',
    })
  }
  if (minLon > maxLon || minLat > maxLat) {
    throw invalid('bbox', {
      vi: 'Trong bbox, giá trị nhỏ nhất phải đứng trước và không lớn hơn giá trị lớn nhất.',
      en: 'In bbox, each minimum must come first and not exceed its maximum.',
    })
  }
  return [minLon, minLat, maxLon, maxLat]
}

/** `bbox-crs` and `crs`: the layers are stored and served in CRS84 only. */
export function checkCrs(parameter: 'bbox-crs' | 'crs', value: string | undefined): void {
  if (value === undefined || CRS84_ALIASES.has(value.trim())) return
  throw invalid(parameter, {
    vi: `Hệ tọa độ duy nhất được hỗ trợ là ${CRS84} (kinh độ, vĩ độ WGS 84).`,
    en: `The only supported coordinate reference system is ${CRS84} (WGS 84 longitude, latitude).`,
  })
}

/** Inclusive bounds as calendar dates in the city's time zone, as the layer repository takes them. */
export interface DateRange {
  start?: string
  end?: string
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](?:(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|z|[+-]\d{2}:\d{2})?)?$/

const cityDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

const DAY_MS = 86_400_000
const CITY_OFFSET = '+07:00'

interface Bound {
  /** The calendar date (city time) the bound falls on. */
  date: string
  /** The earliest and latest instant the bound can mean (a bare date spans a whole city day). */
  from: number
  to: number
}

/**
 * One RFC 3339 date-time or date. A bare date, or a time without an offset, is read in the city's
 * time (+07:00); an instant with an offset is turned into the city date it falls on, because the
 * layers' temporal properties are city calendar dates. GDAL sends `2026-10-06T` for a date:
 * accepted as that date.
 */
function parseBound(text: string): Bound | undefined {
  const m = DATE_TIME.exec(text)
  if (!m) return undefined
  const [, y, mo, d, hh, mi, ss, frac, zone] = m
  const date = `${y}-${mo}-${d}`
  const midnight = Date.parse(`${date}T00:00:00${CITY_OFFSET}`)
  // Date.parse accepts 2026-02-30 by rolling over; a real date formats back to itself.
  if (Number.isNaN(midnight) || cityDate.format(midnight) !== date) return undefined
  if (hh === undefined) return { date, from: midnight, to: midnight + DAY_MS - 1 }
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 60) return undefined
  const offset = zone === undefined ? CITY_OFFSET : zone.toUpperCase()
  const instant = Date.parse(`${date}T${hh}:${mi}:${ss ?? '00'}${(frac ?? '').slice(0, 4)}${offset}`)
  if (Number.isNaN(instant)) return undefined
  return { date: cityDate.format(instant), from: instant, to: instant }
}

/**
 * `datetime`: an instant, a closed interval `start/end`, or a half-open one with `..` (or an empty
 * side) for the open end, per OGC API Features Part 1 §7.15.4. A feature dated on a city day
 * matches when that day intersects the instant or interval, so the bounds become city dates.
 */
export function parseDatetime(value: string): DateRange {
  const text = value.trim()
  const sides = text.split('/')
  const fail = () =>
    invalid('datetime', {
      vi: 'datetime phải là một thời điểm (ví dụ 2026-10-06 hoặc 2026-10-06T08:00:00+07:00) hoặc một khoảng "bắt đầu/kết thúc", dùng ".." cho đầu để mở (ví dụ 2026-10-01/.., ../2026-10-31).',
      en: 'datetime must be an instant (e.g. 2026-10-06 or 2026-10-06T08:00:00+07:00) or an interval "start/end", with ".." for an open end (e.g. 2026-10-01/.., ../2026-10-31).',
    })
  if (sides.length === 1) {
    const instant = parseBound(text)
    if (!instant) throw fail()
    return { start: instant.date, end: instant.date }
  }
  if (sides.length !== 2) throw fail()
  const open = (side: string) => side === '' || side === '..'
  const [startText = '', endText = ''] = sides
  const start = open(startText) ? undefined : parseBound(startText)
  const end = open(endText) ? undefined : parseBound(endText)
  if ((!open(startText) && !start) || (!open(endText) && !end)) throw fail()
  if (start && end && start.from > end.to) {
    throw invalid('datetime', {
      vi: 'Trong datetime, thời điểm bắt đầu phải trước thời điểm kết thúc.',
      en: 'In datetime, the start must not be after the end.',
    })
  }
  return { ...(start ? { start: start.date } : {}), ...(end ? { end: end.date } : {}) }
}

export type Format = 'json' | 'html'

/**
 * `?f=` wins; otherwise HTML only when the Accept header prefers text/html over JSON (a browser),
 * and JSON for everything else — GIS clients, curl's `*\/*`, or no Accept at all.
 */
export function negotiateFormat(f: Format | undefined, accept: string | undefined): Format {
  if (f) return f
  let html = 0
  let json = 0
  for (const part of (accept ?? '').split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (!Number.isFinite(q)) continue
    const type = range.trim()
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, q)
    else if (type === 'application/json' || type.endsWith('+json')) json = Math.max(json, q)
  }
  return html > json ? 'html' : 'json'
}

/** The query parameter names in a raw request URL (before validation drops or coerces anything). */
export function queryParameterNames(url: string): string[] {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''
  return [...new Set(new URLSearchParams(query).keys())]
}

/**
 * OGC API Features recommends 400 for a parameter the API does not define (/rec/core/query-param-unknown):
 * a misspelt filter (`?kinds=xa`) must not silently return everything.
 */
export function rejectUnknownParameters(url: string, allowed: readonly string[]): void {
  const unknown = queryParameterNames(url).filter((name) => !allowed.includes(name))
  if (unknown.length === 0) return
  const list = allowed.join(', ')
  const errors: FieldProblem[] = unknown.map((name) => ({
    pointer: `querystring:/${name}`,
    message: {
      vi: `Tham số “${name}” không được hỗ trợ ở địa chỉ này. Các tham số dùng được: ${list}.`,
      en: `The parameter “${name}” is not supported here. Supported parameters: ${list}.`,
    },
  }))
  throw new AppError('unknown_parameter', { errors })
}
