import type { LocalizedText } from '@dc/contracts'

export type Language = 'vi' | 'en'

export interface ProblemMessage {
  status: number
  title: LocalizedText
  detail: LocalizedText
}

/**
 * Every problem the platform answers, by stable code. Written for residents: say what happened
 * and what to do, never how the server works inside. Modules add their codes here.
 */
export const PROBLEMS = {
  validation_failed: {
    status: 400,
    title: { vi: 'Dữ liệu gửi lên chưa hợp lệ', en: 'The data sent is not valid' },
    detail: {
      vi: 'Vui lòng kiểm tra lại các mục được nêu bên dưới rồi gửi lại.',
      en: 'Please check the items listed below and send again.',
    },
  },
  malformed_json: {
    status: 400,
    title: { vi: 'Nội dung gửi lên bị lỗi định dạng', en: 'The content sent is malformed' },
    detail: {
      vi: 'Nội dung không phải là JSON hợp lệ. Vui lòng thử lại.',
      en: 'The content is not valid JSON. Please try again.',
    },
  },
  empty_body: {
    status: 400,
    title: { vi: 'Thiếu nội dung gửi lên', en: 'The request has no content' },
    detail: {
      vi: 'Yêu cầu này cần có nội dung JSON nhưng không nhận được gì.',
      en: 'This request needs a JSON body but none was received.',
    },
  },
  unsupported_media_type: {
    status: 415,
    title: { vi: 'Định dạng nội dung không được hỗ trợ', en: 'Unsupported content type' },
    detail: {
      vi: 'Hệ thống chỉ nhận nội dung dạng application/json cho yêu cầu này.',
      en: 'This request only accepts application/json content.',
    },
  },
  payload_too_large: {
    status: 413,
    title: { vi: 'Nội dung gửi lên quá lớn', en: 'The content sent is too large' },
    detail: {
      vi: 'Dung lượng vượt quá giới hạn cho phép. Vui lòng gửi nội dung nhỏ hơn.',
      en: 'The size is over the allowed limit. Please send less.',
    },
  },
  malformed_request: {
    status: 400,
    title: { vi: 'Yêu cầu không đúng định dạng', en: 'Malformed request' },
    detail: {
      vi: 'Yêu cầu gửi đến không đọc được (địa chỉ hoặc tiêu đề sai định dạng). Vui lòng thử lại.',
      en: 'The request could not be read (bad address or headers). Please try again.',
    },
  },
  request_timeout: {
    status: 408,
    title: { vi: 'Yêu cầu quá thời gian', en: 'Request timed out' },
    detail: {
      vi: 'Yêu cầu gửi đến quá chậm nên bị ngắt. Vui lòng kiểm tra kết nối mạng và thử lại.',
      en: 'The request arrived too slowly and was cut off. Please check your connection and try again.',
    },
  },
  headers_too_large: {
    status: 431,
    title: { vi: 'Tiêu đề yêu cầu quá lớn', en: 'Request headers too large' },
    detail: {
      vi: 'Tiêu đề của yêu cầu (ví dụ cookie) quá lớn. Hãy xoá cookie của trang rồi thử lại.',
      en: "The request's headers (cookies, for example) are too large. Clear this site's cookies and try again.",
    },
  },
  not_found: {
    status: 404,
    title: { vi: 'Không tìm thấy', en: 'Not found' },
    detail: {
      vi: 'Địa chỉ bạn yêu cầu không tồn tại hoặc đã bị gỡ bỏ.',
      en: 'The address you asked for does not exist or has been removed.',
    },
  },
  method_not_allowed: {
    status: 405,
    title: { vi: 'Thao tác không được hỗ trợ', en: 'Method not allowed' },
    detail: {
      vi: 'Địa chỉ này không hỗ trợ thao tác bạn vừa gửi.',
      en: 'This address does not support the method you used.',
    },
  },
  not_acceptable: {
    status: 406,
    title: { vi: 'Không có định dạng phù hợp', en: 'Not acceptable' },
    detail: {
      vi: 'Hệ thống không thể trả lời theo định dạng bạn yêu cầu.',
      en: 'The server cannot answer in the format you asked for.',
    },
  },
  rate_limited: {
    status: 429,
    title: { vi: 'Bạn gửi yêu cầu quá nhanh', en: 'Too many requests' },
    detail: {
      vi: 'Vui lòng chờ một lát rồi thử lại.',
      en: 'Please wait a moment and try again.',
    },
  },
  internal_error: {
    status: 500,
    title: { vi: 'Hệ thống gặp sự cố', en: 'Something went wrong' },
    detail: {
      vi: 'Đã có lỗi ngoài ý muốn. Vui lòng thử lại sau; nếu vẫn lỗi, hãy báo mã yêu cầu cho tổng đài 1022.',
      en: 'An unexpected error occurred. Please try again later; if it persists, give the request id to the 1022 hotline.',
    },
  },
  service_unavailable: {
    status: 503,
    title: { vi: 'Hệ thống tạm thời không phục vụ', en: 'Service temporarily unavailable' },
    detail: {
      vi: 'Hệ thống đang khởi động lại hoặc bảo trì. Vui lòng thử lại sau ít phút.',
      en: 'The service is restarting or under maintenance. Please try again in a few minutes.',
    },
  },
  not_ready: {
    status: 503,
    title: { vi: 'Hệ thống chưa sẵn sàng', en: 'Not ready' },
    detail: {
      vi: 'Hệ thống đang chuẩn bị dữ liệu. Vui lòng thử lại sau ít phút.',
      en: 'The service is still preparing its data. Please try again in a few minutes.',
    },
  },
  outside_city: {
    status: 404,
    title: { vi: 'Vị trí nằm ngoài thành phố', en: 'Outside the city' },
    detail: {
      vi: 'Vị trí này không thuộc phường, xã, đặc khu nào của Thành phố Hồ Chí Minh. Vui lòng chọn một vị trí trong thành phố.',
      en: 'This place is not in any ward of Ho Chi Minh City. Please choose a place inside the city.',
    },
  },
  ward_not_found: {
    status: 404,
    title: { vi: 'Không tìm thấy phường, xã', en: 'Ward not found' },
    detail: {
      vi: 'Không có phường, xã, đặc khu nào với mã này. Mã gồm 5 chữ số, ví dụ 26740.',
      en: 'There is no ward with this code. Codes have 5 digits, for example 26740.',
    },
  },
  layer_not_found: {
    status: 404,
    title: { vi: 'Không tìm thấy lớp bản đồ', en: 'Map layer not found' },
    detail: {
      vi: 'Lớp bản đồ này không tồn tại. Xem danh sách lớp tại /api/v1/geo/layers.',
      en: 'This map layer does not exist. See the list at /api/v1/geo/layers.',
    },
  },
  feature_not_found: {
    status: 404,
    title: { vi: 'Không tìm thấy đối tượng', en: 'Feature not found' },
    detail: {
      vi: 'Lớp bản đồ không có đối tượng với mã này.',
      en: 'The layer has no feature with this id.',
    },
  },
  invalid_geojson: {
    status: 422,
    title: { vi: 'Tệp GeoJSON không hợp lệ', en: 'Invalid GeoJSON' },
    detail: {
      vi: 'Tệp có lỗi nên chưa được nhập; lớp bản đồ hiện tại giữ nguyên. Xem danh sách lỗi bên dưới.',
      en: 'The file has errors and was not imported; the current layer is unchanged. See the errors below.',
    },
  },
  unknown_parameter: {
    status: 400,
    title: { vi: 'Tham số truy vấn không được hỗ trợ', en: 'Unsupported query parameter' },
    detail: {
      vi: 'Địa chỉ này không nhận một hoặc nhiều tham số bạn gửi (xem bên dưới). Vui lòng bỏ hoặc sửa các tham số đó rồi thử lại.',
      en: 'This address does not accept one or more of the parameters you sent (see below). Please remove or correct them and try again.',
    },
  },
  tile_not_found: {
    status: 404,
    title: { vi: 'Không có ô bản đồ này', en: 'No such map tile' },
    detail: {
      vi: 'Tọa độ ô (z/x/y) nằm ngoài lưới ô hoặc ngoài các mức thu phóng của lớp bản đồ. Xem minzoom và maxzoom trong TileJSON của lớp.',
      en: "The tile coordinates (z/x/y) are outside the tile grid or the layer's zoom levels. See minzoom and maxzoom in the layer's TileJSON.",
    },
  },
  glyphs_not_found: {
    status: 404,
    title: { vi: 'Không có phông chữ hoặc khoảng ký tự này', en: 'Font or glyph range not found' },
    detail: {
      vi: 'Hệ thống không có phông chữ này, hoặc khoảng ký tự không đúng dạng (ví dụ 0-255, 7680-7935).',
      en: 'The platform does not have this font, or the range is malformed (for example 0-255, 7680-7935).',
    },
  },
  unauthenticated: {
    status: 401,
    title: { vi: 'Bạn cần đăng nhập', en: 'Please sign in' },
    detail: {
      vi: 'Vui lòng đăng nhập để tiếp tục. Nếu bạn đã đăng nhập, phiên có thể đã hết hạn.',
      en: 'Please sign in to continue. If you were signed in, your session may have expired.',
    },
  },
  forbidden: {
    status: 403,
    title: { vi: 'Bạn không có quyền thực hiện việc này', en: 'You are not allowed to do this' },
    detail: {
      vi: 'Tài khoản của bạn không được phép truy cập nội dung này. Nếu cần, hãy liên hệ quản trị viên đơn vị.',
      en: 'Your account may not access this. If you need it, ask your agency administrator.',
    },
  },
  csrf_failed: {
    status: 403,
    title: { vi: 'Yêu cầu không được xác nhận', en: 'The request could not be verified' },
    detail: {
      vi: 'Yêu cầu thiếu mã xác nhận của phiên đăng nhập. Vui lòng tải lại trang rồi thử lại.',
      en: 'The request lacks the session verification code. Please reload the page and try again.',
    },
  },
  invalid_api_key: {
    status: 401,
    title: { vi: 'Khóa API không hợp lệ', en: 'Invalid API key' },
    detail: {
      vi: 'Khóa API không đúng, đã bị thu hồi hoặc đã hết hạn. Vui lòng dùng khóa đang hiệu lực.',
      en: 'The API key is wrong, revoked or expired. Please use a valid key.',
    },
  },
  sign_in_failed: {
    status: 401,
    title: { vi: 'Đăng nhập không thành công', en: 'Sign-in failed' },
    detail: {
      vi: 'Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại.',
      en: 'The username or password is wrong. Please try again.',
    },
  },
  account_locked: {
    status: 429,
    title: { vi: 'Tài khoản tạm khóa', en: 'Account temporarily locked' },
    detail: {
      vi: 'Bạn đã nhập sai quá nhiều lần nên tài khoản tạm khóa. Vui lòng chờ một lúc rồi thử lại.',
      en: 'Too many failed attempts, so the account is locked for a while. Please wait and try again later.',
    },
  },
  totp_invalid: {
    status: 401,
    title: { vi: 'Mã xác thực không đúng', en: 'Wrong verification code' },
    detail: {
      vi: 'Mã 6 chữ số từ ứng dụng xác thực không đúng hoặc đã hết hạn. Vui lòng nhập mã mới.',
      en: 'The 6-digit code from your authenticator app is wrong or expired. Please enter a new one.',
    },
  },
  sign_in_expired: {
    status: 401,
    title: { vi: 'Phiên đăng nhập đã hết hạn', en: 'The sign-in has expired' },
    detail: {
      vi: 'Quá trình đăng nhập đã quá thời gian hoặc không hợp lệ. Vui lòng đăng nhập lại từ đầu.',
      en: 'The sign-in took too long or is not valid. Please start signing in again.',
    },
  },
  weak_password: {
    status: 400,
    title: { vi: 'Mật khẩu chưa đủ mạnh', en: 'The password is too weak' },
    detail: {
      vi: 'Mật khẩu quá ngắn, quá phổ biến hoặc đã từng bị lộ. Hãy dùng cụm từ dài ít nhất 12 ký tự, khó đoán.',
      en: 'The password is too short, too common or known from a breach. Use a hard-to-guess phrase of at least 12 characters.',
    },
  },
  conflict: {
    status: 409,
    title: { vi: 'Dữ liệu bị trùng', en: 'Already exists' },
    detail: {
      vi: 'Đã có một bản ghi như vậy. Vui lòng kiểm tra lại.',
      en: 'Such a record already exists. Please check again.',
    },
  },
  agency_not_found: {
    status: 404,
    title: { vi: 'Không tìm thấy cơ quan', en: 'Agency not found' },
    detail: {
      vi: 'Không có cơ quan nào với mã này.',
      en: 'There is no agency with this code.',
    },
  },
  resident_not_found: {
    status: 404,
    title: { vi: 'Không tìm thấy người dân', en: 'Resident not found' },
    detail: {
      vi: 'Không có tài khoản người dân nào phù hợp.',
      en: 'No resident account matches.',
    },
  },
  report_not_found: {
    status: 404,
    title: { vi: 'Không tìm thấy phản ánh', en: 'Report not found' },
    detail: {
      vi: 'Không có phản ánh này, hoặc phản ánh không công khai.',
      en: 'There is no such report, or it is not public.',
    },
  },
  category_not_found: {
    status: 422,
    title: { vi: 'Lĩnh vực phản ánh không hợp lệ', en: 'Unknown report category' },
    detail: {
      vi: 'Vui lòng chọn một lĩnh vực cụ thể trong danh sách.',
      en: 'Please choose a specific category from the list.',
    },
  },
  location_required: {
    status: 422,
    title: { vi: 'Chưa có vị trí', en: 'No location' },
    detail: {
      vi: 'Vui lòng chọn vị trí trên bản đồ, hoặc ghi phường, xã nơi xảy ra sự việc.',
      en: 'Please pick the place on the map, or give the ward where it happens.',
    },
  },
  ward_ambiguous: {
    status: 422,
    title: { vi: 'Chưa xác định được phường, xã', en: 'Which ward?' },
    detail: {
      vi: 'Tên phường, xã này ứng với nhiều nơi hoặc không có. Vui lòng chọn trên bản đồ hoặc ghi rõ tên phường, xã mới.',
      en: 'This ward name matches several places or none. Please pick the place on the map or give the new ward name.',
    },
  },
  idempotency_key_reused: {
    status: 422,
    title: { vi: 'Mã gửi lại đã được dùng cho nội dung khác', en: 'Idempotency key already used' },
    detail: {
      vi: 'Mã Idempotency-Key này đã dùng cho một phản ánh có nội dung khác. Hãy tạo mã mới cho phản ánh mới.',
      en: 'This Idempotency-Key was used for a report with different content. Use a new key for a new report.',
    },
  },
  report_transition_invalid: {
    status: 409,
    title: { vi: 'Không thể thực hiện lúc này', en: 'Not possible now' },
    detail: {
      vi: 'Trạng thái của phản ánh không cho phép thao tác này.',
      en: "The report's status does not allow this action.",
    },
  },
  report_window_over: {
    status: 409,
    title: { vi: 'Đã hết thời hạn phản hồi', en: 'The time to respond is over' },
    detail: {
      vi: 'Thời hạn đánh giá hoặc báo chưa khắc phục của phản ánh này đã hết. Bạn có thể gửi một phản ánh mới.',
      en: 'The time to rate this report or say it is not fixed is over. You can send a new report.',
    },
  },
  after_photo_required: {
    status: 422,
    title: { vi: 'Cần ảnh sau khi xử lý', en: 'An after-photo is needed' },
    detail: {
      vi: 'Lĩnh vực này cần kèm ít nhất một ảnh chụp sau khi xử lý.',
      en: 'This category needs at least one photo taken after the work.',
    },
  },
  photo_too_large: {
    status: 413,
    title: { vi: 'Ảnh quá lớn', en: 'Photo too large' },
    detail: {
      vi: 'Ảnh quá lớn: tối đa 10 MB và 40 megapixel mỗi ảnh. Vui lòng chọn ảnh nhỏ hơn rồi gửi lại.',
      en: 'The photo is too large: at most 10 MB and 40 megapixels per photo. Please choose a smaller photo and send it again.',
    },
  },
  photo_unsupported: {
    status: 415,
    title: { vi: 'Định dạng ảnh không được hỗ trợ', en: 'Photo format not supported' },
    detail: {
      vi: 'Chỉ nhận ảnh JPEG, PNG hoặc WebP. Với ảnh HEIC từ iPhone, vào Cài đặt › Camera › Định dạng và chọn “Tương thích nhất”.',
      en: 'Only JPEG, PNG or WebP photos are accepted. For HEIC photos from an iPhone, choose Settings › Camera › Formats › Most Compatible.',
    },
  },
  photo_corrupt: {
    status: 422,
    title: { vi: 'Không đọc được ảnh', en: 'The photo cannot be read' },
    detail: {
      vi: 'Tệp ảnh bị hỏng, trống hoặc chưa tải lên hết. Vui lòng chọn lại ảnh và gửi lại.',
      en: 'The photo file is damaged, empty or was not fully uploaded. Please choose it again and resend.',
    },
  },
  photo_not_usable: {
    status: 422,
    title: { vi: 'Không dùng được ảnh này', en: 'This photo cannot be used' },
    detail: {
      vi: 'Ảnh không tồn tại, đã được dùng cho phản ánh khác, hoặc không phải do bạn tải lên. Vui lòng tải ảnh lên lại.',
      en: 'The photo does not exist, is already used by another report, or was not uploaded by you. Please upload it again.',
    },
  },
} as const satisfies Record<string, ProblemMessage>

export type ProblemCode = keyof typeof PROBLEMS

/** ?lang= wins; then the first of Accept-Language we speak; Vietnamese by default. */
export function negotiateLanguage(query: unknown, acceptLanguage: string | undefined): Language {
  const lang = typeof query === 'object' && query !== null ? (query as { lang?: unknown }).lang : undefined
  if (lang === 'en' || lang === 'vi') return lang
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';')
        const q = params.find((param) => param.trim().startsWith('q='))
        return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 }
      })
      .filter((entry) => entry.tag && !Number.isNaN(entry.q) && entry.q > 0)
      .sort((a, b) => b.q - a.q)
    for (const { tag } of ranked) {
      if (tag.startsWith('vi')) return 'vi'
      if (tag.startsWith('en')) return 'en'
    }
  }
  return 'vi'
}
