import { useTranslation } from 'react-i18next'
import './identity.css'
import { useSession } from './useSession.ts'

/** Paths of the resident's sign-in and account pages. */
export const residentSignInPath = '/dang-nhap'
export const accountPath = '/tai-khoan'

/** The resident app header's account area: "Đăng nhập", or the signed-in resident's name. */
export function ResidentHeaderAccount() {
  const { t } = useTranslation()
  const { state } = useSession()
  // Nothing while reading: a "Đăng nhập" that turns into a name would flash.
  if (state.status === 'loading') return null
  const session = state.status === 'loaded' ? state.data : undefined
  if (session?.signedIn && session.kind === 'resident') {
    return (
      <a className="header-account" href={accountPath}>
        <span className="visually-hidden">{t('auth.header.accountOf')} </span>
        {session.resident.fullName ?? t('auth.header.myAccount')}
      </a>
    )
  }
  return (
    <a className="header-account" href={residentSignInPath}>
      {t('auth.header.signIn')}
    </a>
  )
}
