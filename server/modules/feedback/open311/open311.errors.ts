import type { LocalizedText } from '@dc/contracts'
import type { FastifyError, FastifyRequest } from 'fastify'
import { problemFor } from '../../../core/http/problem.ts'
import type { ProblemCode } from '../../../core/messages.ts'

/**
 * Open311 answers errors as a list of {code, description} (the code is the HTTP status), not as
 * problem+json: this file turns anything thrown on /open311/v2 into that list, in both languages
 * (the route picks one). The platform's catalogue (core/messages.ts) is reused where its text suits
 * a machine client; the texts below are the Open311-specific ones.
 */

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly messages: readonly LocalizedText[],
  ) {
    super(messages[0]?.en ?? 'Open311 error')
    this.name = 'Open311Error'
  }
}

export const OPEN311_TEXT = {
  notFound: {
    vi: 'Không có địa chỉ này trong API Open311. Các địa chỉ được liệt kê tại /open311/v2/discovery.json.',
    en: 'There is no such Open311 resource. The endpoints are listed at /open311/v2/discovery.json.',
  },
  requestNotFound: (id: string): LocalizedText => ({
    vi: `Không có phản ánh công khai với mã ${id}.`,
    en: `There is no public service request ${id}.`,
  }),
  serviceNotFound: (code: string): LocalizedText => ({
    vi: `Không có loại phản ánh (service_code) ${code}. Danh sách ở /open311/v2/services.json.`,
    en: `There is no service_code ${code}. The list is at /open311/v2/services.json.`,
  }),
  locationMissing: {
    vi: 'Thiếu vị trí: gửi lat và long, hoặc address_id (mã phường, xã), hoặc address_string có tên phường, xã.',
    en: 'No location: send lat and long, or address_id (a ward code), or an address_string that names the ward.',
  },
  latLongPair: {
    vi: 'lat và long phải được gửi cùng nhau.',
    en: 'lat and long must be sent together.',
  },
  addressUnresolved: {
    vi: 'Không xác định được phường, xã từ address_string. Hãy gửi lat và long, hoặc address_id (mã phường, xã gồm 5 chữ số, ví dụ 26740).',
    en: 'The ward cannot be told from address_string. Send lat and long, or address_id (a 5-digit ward code, e.g. 26740).',
  },
  mediaUrlRefused: {
    vi: 'Không nhận ảnh qua media_url: hệ thống không tải tệp từ địa chỉ bên ngoài, và ảnh chưa được kiểm tra có thể lộ vị trí hay thông tin cá nhân. Hãy gửi lại không kèm media_url.',
    en: 'Photos are not accepted by media_url: the platform does not fetch files from other addresses, and an unchecked photo can reveal a location or personal data. Send the request again without media_url.',
  },
  badStatus: {
    vi: 'status chỉ nhận open, closed hoặc open,closed.',
    en: 'status takes open, closed or open,closed.',
  },
  badDate: (parameter: string): LocalizedText => ({
    vi: `${parameter} phải là ngày giờ ISO 8601, ví dụ 2026-11-01T08:00:00+07:00 hoặc 2026-11-01 (giờ Việt Nam).`,
    en: `${parameter} must be an ISO 8601 date and time, e.g. 2026-11-01T08:00:00+07:00 or 2026-11-01 (Vietnam time).`,
  }),
  dateOrder: {
    vi: 'start_date phải trước end_date.',
    en: 'start_date must be before end_date.',
  },
  dateSpan: (days: number): LocalizedText => ({
    vi: `Khoảng từ start_date đến end_date tối đa ${days} ngày.`,
    en: `start_date and end_date may be at most ${days} days apart.`,
  }),
  tooManyIds: (max: number): LocalizedText => ({
    vi: `Tối đa ${max} mã service_request_id mỗi lần.`,
    en: `At most ${max} service_request_id values at a time.`,
  }),
} as const

/** Open311-worded texts for some of the platform's codes (a machine client has no sign-in page). */
const OVERRIDES: Partial<Record<ProblemCode, LocalizedText>> = {
  unauthenticated: {
    vi: 'Cần khóa API: gửi api_key (trong nội dung hoặc tham số), hoặc tiêu đề Authorization: Bearer hay X-API-Key.',
    en: 'An API key is needed: send api_key (in the body or the query), or an Authorization: Bearer or X-API-Key header.',
  },
  forbidden: {
    vi: 'Khóa API này không được phép gửi phản ánh qua Open311 (cần phạm vi open311). Hãy liên hệ quản trị viên của thành phố.',
    en: 'This API key may not send service requests through Open311 (it needs the open311 scope). Ask the city’s administrators.',
  },
  outside_city: {
    vi: 'lat/long: điểm này không thuộc phường, xã, đặc khu nào của thành phố. Kiểm tra tọa độ WGS 84: lat là vĩ độ, long là kinh độ.',
    en: 'lat/long: this point is in no ward of the city. Check the WGS 84 coordinates: lat is the latitude, long the longitude.',
  },
  ward_ambiguous: {
    vi: 'address_id: tên hoặc mã phường, xã này ứng với nhiều nơi hoặc không có. Gửi mã phường, xã năm 2025 (5 chữ số) hoặc lat và long.',
    en: 'address_id: this ward name or code matches several places or none. Send a 2025 ward code (5 digits) or lat and long.',
  },
  location_required: OPEN311_TEXT.locationMissing,
  unsupported_media_type: {
    vi: 'Gửi nội dung dạng application/x-www-form-urlencoded hoặc application/json.',
    en: 'Send the body as application/x-www-form-urlencoded or application/json.',
  },
}

/**
 * Open311 statuses: the spec knows 400 (bad input), 401/403 (key), 404 (unknown service_code or
 * request); 422 becomes 400, a point outside the city is bad input, an unknown category is "not found".
 */
const STATUS_OVERRIDES: Partial<Record<string, number>> = { category_not_found: 404, outside_city: 400 }

/** The platform's field pointers (its submit body) named as the Open311 parameters a client sent. */
export function open311Parameter(pointer: string): string {
  const path = pointer.replace(/^[a-z]+:/, '').replace(/^\/+/, '')
  const [head = '', ...rest] = path.split('/')
  if ((head === 'answers' || head === 'attribute') && rest.length > 0) return `attribute[${rest[0]}]`
  const names: Record<string, string> = {
    categoryId: 'service_code',
    location: 'lat/long',
    address: 'address_string',
    ward: 'address_id',
    photoIds: 'media_url',
  }
  return names[head] ?? (path.replaceAll('/', '.') || 'body')
}

export interface Open311Failure {
  status: number
  errors: LocalizedText[]
  headers: Record<string, string>
}

/** Anything thrown while answering an Open311 request, as Open311 errors in both languages. */
export function open311Failure(error: FastifyError | Error, request: FastifyRequest): Open311Failure {
  if (error instanceof Open311Error) return { status: error.status, errors: [...error.messages], headers: {} }
  const { problem, headers } = problemFor(error, request)
  const status = STATUS_OVERRIDES[problem.code] ?? (problem.status === 422 ? 400 : problem.status)
  const override = OVERRIDES[problem.code as ProblemCode]
  if (override) return { status, errors: [override], headers }
  if (problem.errors && problem.errors.length > 0) {
    const errors = problem.errors.map((field) => {
      const name = open311Parameter(field.pointer)
      return { vi: `${name}: ${field.message.vi}`, en: `${name}: ${field.message.en}` }
    })
    return { status, errors, headers }
  }
  return { status, errors: [problem.messages], headers }
}
