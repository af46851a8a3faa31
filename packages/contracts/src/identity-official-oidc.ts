import Type, { type Static } from 'typebox'
import type { LocalizedText } from './problem.ts'

/**
 * Officials' sign-in through their agency's OpenID Connect provider (GET /auth/official/login →
 * provider → GET /auth/official/callback), the alternative to password + TOTP. A refused sign-in
 * ends on `/console/dang-nhap?loi=<code>`; the console shows the message for the code.
 */
export const OFFICIAL_SIGN_IN_ERRORS = {
  sign_in_expired: {
    vi: 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại từ đầu.',
    en: 'The sign-in took too long or is not valid. Please start signing in again.',
  },
  sign_in_failed: {
    vi: 'Không thể xác minh tài khoản với hệ thống đăng nhập của cơ quan. Vui lòng thử lại.',
    en: 'Your account could not be verified with your agency’s sign-in service. Please try again.',
  },
  access_denied: {
    vi: 'Đăng nhập đã bị huỷ hoặc bị từ chối tại hệ thống đăng nhập của cơ quan.',
    en: 'The sign-in was cancelled or refused at your agency’s sign-in service.',
  },
  official_not_linked: {
    vi: 'Tài khoản công vụ này chưa gắn với tài khoản cán bộ nào trên Công dân số. Email đã xác minh của tài khoản công vụ phải trùng với email trong hồ sơ cán bộ; vui lòng liên hệ quản trị viên của cơ quan.',
    en: 'This agency account is not linked to an official’s account on Digital Citizen. Its verified email must match the email on your official record; please contact your agency’s administrator.',
  },
  official_disabled: {
    vi: 'Tài khoản cán bộ của bạn đã bị vô hiệu hoá. Vui lòng liên hệ quản trị viên của cơ quan.',
    en: 'Your official account has been disabled. Please contact your agency’s administrator.',
  },
  sign_in_unavailable: {
    vi: 'Đăng nhập bằng tài khoản công vụ của cơ quan chưa được bật hoặc tạm thời chưa sẵn sàng. Vui lòng đăng nhập bằng tên đăng nhập và mật khẩu.',
    en: 'Signing in with your agency account is not enabled or not available right now. Please sign in with your username and password.',
  },
} as const satisfies Record<string, LocalizedText>

export type OfficialSignInErrorCode = keyof typeof OFFICIAL_SIGN_IN_ERRORS

export const isOfficialSignInErrorCode = (code: string): code is OfficialSignInErrorCode =>
  Object.hasOwn(OFFICIAL_SIGN_IN_ERRORS, code)

/** Which ways of signing in the console offers besides username + password + TOTP. */
export const OfficialSignInProviders = Type.Object({
  organisation: Type.Boolean({
    description: 'The agency’s OpenID Connect provider is configured (OFFICIAL_OIDC_ISSUER): show its button',
  }),
})
export type OfficialSignInProviders = Static<typeof OfficialSignInProviders>

/** Where an official lands after signing in when no (safe) returnTo under /console was given. */
export const OFFICIAL_HOME_PATH = '/console'
