import { isResidentSignInErrorCode, RESIDENT_SIGN_IN_ERRORS } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { residentSignInHref } from '../api/auth.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResidentShell } from '../resident/ResidentShell.tsx'
import './identity.css'
import { useFocusOnMount } from './ProblemAlert.tsx'
import { accountPath } from './ResidentHeaderAccount.tsx'
import { useSession } from './useSession.ts'

/** Only a path of this site may be the place to come back to (no open redirect through us). */
export function safeReturnTo(value: string | null, fallback: string): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback
  return value
}

/** `/dang-nhap`: sign in with the national e-ID (VNeID); shows why the last attempt failed. */
export function ResidentSignInPage() {
  const { t } = useTranslation()
  const params = new URLSearchParams(window.location.search)
  const error = params.get('loi')
  const returnTo = safeReturnTo(params.get('returnTo'), accountPath)
  const { state } = useSession()
  const signedInAs =
    state.status === 'loaded' && state.data.signedIn && state.data.kind === 'resident'
      ? (state.data.resident.fullName ?? t('auth.header.myAccount'))
      : undefined
  return (
    <ResidentShell documentTitle={t('auth.signIn.documentTitle')}>
      <section className="card sign-in" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">{t('auth.signIn.heading')}</h1>
        {error ? <SignInError code={error} /> : null}
        {signedInAs ? (
          <p className="notice notice--ok">
            {t('auth.signIn.alreadySignedIn', { name: signedInAs })}{' '}
            <a href={accountPath}>{t('auth.signIn.goToAccount')}</a>
          </p>
        ) : null}
        <p className="lead">{t('auth.signIn.intro')}</p>
        <a className="button button--large" href={residentSignInHref(returnTo)}>
          {t('auth.signIn.vneidButton')}
        </a>
        <h2>{t('auth.signIn.howHeading')}</h2>
        <ol className="sign-in__steps">
          <li>{t('auth.signIn.step1')}</li>
          <li>{t('auth.signIn.step2')}</li>
          <li>{t('auth.signIn.step3')}</li>
        </ol>
        <h2>{t('auth.signIn.dataHeading')}</h2>
        <p>{t('auth.signIn.dataText')}</p>
        <p className="sign-in__note">{t('auth.signIn.noPassword')}</p>
      </section>
    </ResidentShell>
  )
}

/**
 * Why the e-ID sign-in failed (`?loi=<code>` from the callback). The server's codes come with their
 * own vi/en text (RESIDENT_SIGN_IN_ERRORS); an unknown code gets a general message.
 */
function SignInError({ code }: { code: string }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const ref = useFocusOnMount<HTMLDivElement>()
  const detail = isResidentSignInErrorCode(code)
    ? RESIDENT_SIGN_IN_ERRORS[code][language]
    : t('auth.signIn.errorOther')
  return (
    <div ref={ref} className="notice notice--error error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__heading">
        {code === 'access_denied' ? t('auth.signIn.errorCancelled') : t('auth.signIn.errorTitle')}
      </h2>
      <p>{detail}</p>
    </div>
  )
}
