import type { LocalizedText } from './problem.ts'

/**
 * Resident e-ID sign-in (GET /auth/resident/login → provider → GET /auth/resident/callback). A
 * refused sign-in ends on `/dang-nhap?loi=<code>`; the web app shows the message for the code.
 */
export const RESIDENT_SIGN_IN_ERRORS = {
  sign_in_expired: {
    vi: 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại từ đầu.',
    en: 'The sign-in took too long or is not valid. Please start signing in again.',
  },
  sign_in_failed: {
    vi: 'Không thể xác minh danh tính với cổng định danh điện tử. Vui lòng thử lại.',
    en: 'Your identity could not be verified with the e-ID provider. Please try again.',
  },
  access_denied: {
    vi: 'Bạn đã huỷ đăng nhập tại cổng định danh điện tử.',
    en: 'You cancelled the sign-in at the e-ID provider.',
  },
  identity_incomplete: {
    vi: 'Tài khoản định danh điện tử chưa cung cấp số căn cước công dân hợp lệ (12 chữ số), nên chưa thể đăng nhập.',
    en: 'Your e-ID account did not provide a valid citizen identity number (12 digits), so you cannot sign in yet.',
  },
  sign_in_unavailable: {
    vi: 'Đăng nhập bằng định danh điện tử tạm thời chưa sẵn sàng. Vui lòng thử lại sau ít phút.',
    en: 'e-ID sign-in is not available right now. Please try again in a few minutes.',
  },
} as const satisfies Record<string, LocalizedText>

export type ResidentSignInErrorCode = keyof typeof RESIDENT_SIGN_IN_ERRORS

export const isResidentSignInErrorCode = (code: string): code is ResidentSignInErrorCode =>
  Object.hasOwn(RESIDENT_SIGN_IN_ERRORS, code)

/** Where a resident lands after signing in when no (safe) returnTo was given. */
export const RESIDENT_HOME_PATH = '/tai-khoan'
