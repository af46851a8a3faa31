/**
 * Vietnamese strings: the default language of the platform.
 * Keep the text in Unicode NFC (precomposed diacritics); `i18n.test.ts` checks it.
 * Every key here must also exist in `en.ts`, and the other way round.
 */
export const vi = {
  app: {
    productName: 'Công dân số',
    skipToContent: 'Bỏ qua, đến nội dung chính',
    languageSwitchLabel: 'Ngôn ngữ',
    apiDocs: 'Tài liệu API',
    footerNote: 'Nền tảng chính quyền số của thành phố, mã nguồn mở.',
    retry: 'Thử lại',
    refresh: 'Làm mới',
    loading: 'Đang tải…',
    networkError: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    unexpectedError: 'Máy chủ trả lời không như mong đợi. Vui lòng thử lại sau.',
  },
  resident: {
    documentTitle: 'Công dân số',
    heading: 'Chào mừng bạn đến với Công dân số',
    intro:
      'Một nơi để gửi phản ánh, làm thủ tục hành chính, xem bản đồ số và nhận cảnh báo của thành phố — ngay trên điện thoại của bạn.',
    consoleLink: 'Cổng cán bộ',
  },
  facts: {
    heading: 'Nền tảng hôm nay',
    city: 'Thành phố',
    wards: 'Đơn vị hành chính cấp xã',
    wardCount: '{{total}} phường, xã, đặc khu',
    oldWardCount: 'Tra cứu địa chỉ cũ: {{total}} phường, xã trước năm 2025',
    serverTime: 'Giờ máy chủ',
  },
  services: {
    heading: 'Dịch vụ',
    comingSoon: 'Sắp ra mắt',
    feedback: {
      title: 'Phản ánh kiến nghị',
      description: 'Gửi phản ánh về hạ tầng, môi trường, trật tự đô thị và theo dõi kết quả xử lý.',
    },
    procedures: {
      title: 'Thủ tục hành chính',
      description: 'Tra cứu thủ tục, nộp hồ sơ trực tuyến và theo dõi tiến độ giải quyết.',
    },
    map: {
      title: 'Bản đồ số',
      description: 'Tìm phường, xã, cơ quan, điểm ngập và camera giao thông trên bản đồ thành phố.',
    },
    warnings: {
      title: 'Cảnh báo ngập và kẹt xe',
      description: 'Nhận cảnh báo triều cường, ngập nước và ùn tắc giao thông tại khu vực bạn quan tâm.',
    },
  },
  console: {
    documentTitle: 'Cổng cán bộ · Công dân số',
    productSubtitle: 'Cổng cán bộ',
    heading: 'Cổng cán bộ',
    intro: 'Công cụ dành cho cán bộ, công chức vận hành nền tảng.',
    residentLink: 'Ứng dụng Công dân số',
  },
  status: {
    heading: 'Tình trạng hệ thống',
    readinessHeading: 'Sẵn sàng phục vụ',
    overallReady: 'Hệ thống sẵn sàng phục vụ.',
    overallNotReady: 'Hệ thống chưa sẵn sàng phục vụ.',
    checkColumn: 'Hạng mục kiểm tra',
    stateColumn: 'Trạng thái',
    ready: 'Sẵn sàng',
    notReady: 'Chưa sẵn sàng',
    checks: {
      database: 'Cơ sở dữ liệu',
      migrations: 'Cập nhật cấu trúc dữ liệu (migration)',
      seed: 'Dữ liệu ban đầu',
      accepting: 'Đang nhận yêu cầu',
    },
    infoHeading: 'Thông tin máy chủ',
    engine: 'Cơ sở dữ liệu đang dùng',
    engines: {
      embedded: 'Nhúng (PGlite)',
      postgresql: 'PostgreSQL',
    },
    version: 'Phiên bản',
    roles: 'Vai trò của tiến trình',
    wardCount: 'Phường, xã, đặc khu (2025)',
    oldWardCount: 'Phường, xã trước năm 2025 (bảng chuyển đổi)',
    serverTime: 'Giờ máy chủ',
  },
}

/** The shape every language must have: the Vietnamese keys, each holding a string. */
export type TranslationResource = typeof vi
