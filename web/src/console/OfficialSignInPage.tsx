import { isOfficialSignInErrorCode, OFFICIAL_SIGN_IN_ERRORS, type TotpEnrollment } from '@dc/contracts'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureOf } from '../account/SessionsCard.tsx'
import {
  enrollTotp,
  fetchOfficialSignInProviders,
  officialOrganisationSignInHref,
  officialSignIn,
  officialTotp,
} from '../api/auth.ts'
import type { RequestFailure } from '../api/errors.ts'
import '../auth/identity.css'
import { ErrorSummary, ProblemAlert, useFocusOnMount } from '../auth/ProblemAlert.tsx'
import { safeReturnTo } from '../auth/ResidentSignInPage.tsx'
import { TextField } from '../auth/TextField.tsx'
import { goTo, useSession } from '../auth/useSession.ts'
import { AppShell } from '../shell/AppShell.tsx'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'

type Step =
  | { name: 'password'; failure?: RequestFailure }
  | { name: 'code'; challenge: string; enrolment?: TotpEnrollment }
  | { name: 'enrol'; challenge: string }

/**
 * `/console/dang-nhap`: username + password, then the authenticator app's 6-digit code; or, when
 * configured, the agency's own sign-in service (whose refusals come back as `?loi=<code>`).
 */
export function OfficialSignInPage() {
  const { t } = useTranslation()
  const params = new URLSearchParams(window.location.search)
  const [step, setStep] = useState<Step>(() => ({
    name: 'password',
    failure: organisationFailure(params.get('loi')),
  }))
  const returnTo = safeReturnTo(params.get('returnTo'), '/console')
  const target = returnTo.startsWith('/console') ? returnTo : '/console'
  const organisation = useOrganisationSignIn()
  const { state } = useSession()
  const alreadySignedIn = state.status === 'loaded' && state.data.signedIn && state.data.kind === 'official'
  useEffect(() => {
    if (alreadySignedIn) goTo(target, { replace: true })
  }, [alreadySignedIn, target])
  return (
    <AppShell
      documentTitle={t('auth.official.documentTitle')}
      homeHref="/console"
      subtitle={t('console.productSubtitle')}
      footerLinks={
        <li>
          <a href="/">{t('console.residentLink')}</a>
        </li>
      }
    >
      <section className="card sign-in" aria-labelledby="official-sign-in-heading">
        {alreadySignedIn ? (
          <LoadingNotice />
        ) : step.name === 'password' ? (
          <PasswordStep
            failure={step.failure}
            organisationHref={organisation ? officialOrganisationSignInHref(target) : undefined}
            onNext={(next) =>
              setStep(
                next.status === 'totp_required'
                  ? { name: 'code', challenge: next.challenge }
                  : { name: 'enrol', challenge: next.challenge },
              )
            }
          />
        ) : step.name === 'enrol' ? (
          <EnrolStep
            challenge={step.challenge}
            onReady={(enrolment) => setStep({ name: 'code', challenge: step.challenge, enrolment })}
            onRestart={(failure) => setStep({ name: 'password', failure })}
          />
        ) : (
          <CodeStep
            challenge={step.challenge}
            enrolment={step.enrolment}
            onSignedIn={() => goTo(target)}
            onRestart={(failure) => setStep({ name: 'password', failure })}
          />
        )}
      </section>
    </AppShell>
  )
}

/** Whether the agency's sign-in service is configured (false until known, and if the check fails). */
function useOrganisationSignIn(): boolean {
  const [available, setAvailable] = useState(false)
  useEffect(() => {
    const controller = new AbortController()
    fetchOfficialSignInProviders(controller.signal).then(
      (providers) => setAvailable(providers.organisation),
      () => setAvailable(false),
    )
    return () => controller.abort()
  }, [])
  return available
}

/** Why the agency sign-in came back refused (`?loi=<code>`), in the alert the password step shows. */
function organisationFailure(code: string | null): RequestFailure | undefined {
  if (!code) return undefined
  const known = isOfficialSignInErrorCode(code) ? code : 'sign_in_failed'
  return { kind: 'problem', status: 401, code: known, messages: OFFICIAL_SIGN_IN_ERRORS[known] }
}

/** Failures that mean the challenge is gone: start again from the password. */
function needsRestart(failure: RequestFailure): boolean {
  return (
    failure.kind === 'problem' && (failure.code === 'sign_in_expired' || failure.code === 'account_locked')
  )
}

function PasswordStep({
  failure: initialFailure,
  organisationHref,
  onNext,
}: {
  failure: RequestFailure | undefined
  /** The agency sign-in's start, when it is configured. */
  organisationHref: string | undefined
  onNext: (step: { status: 'totp_required' | 'totp_enrollment_required'; challenge: string }) => void
}) {
  const { t } = useTranslation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<{ fieldId: string; message: string }[]>([])
  const [failure, setFailure] = useState<RequestFailure | undefined>(initialFailure)
  const [busy, setBusy] = useState(false)
  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message

  async function submit(event: FormEvent) {
    event.preventDefault()
    const missing = [
      ...(username.trim() ? [] : [{ fieldId: 'username', message: t('auth.official.usernameMissing') }]),
      ...(password ? [] : [{ fieldId: 'password', message: t('auth.official.passwordMissing') }]),
    ]
    setErrors(missing)
    setFailure(undefined)
    if (missing.length) return
    setBusy(true)
    try {
      onNext(await officialSignIn(username.trim().toLowerCase(), password))
    } catch (error) {
      setFailure(failureOf(error))
      setBusy(false)
    }
  }

  return (
    <>
      <h1 id="official-sign-in-heading">{t('auth.official.heading')}</h1>
      <p className="lead">{t('auth.official.intro')}</p>
      {errors.length ? <ErrorSummary errors={errors} heading={t('auth.errorSummary')} /> : null}
      {failure ? (
        <ProblemAlert
          failure={failure}
          heading={t('auth.official.failedHeading')}
          fieldIds={{ '/username': 'username', '/password': 'password' }}
        />
      ) : null}
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id="username"
          label={t('auth.official.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          error={errorFor('username')}
          onChange={(event) => setUsername(event.target.value)}
        />
        <TextField
          id="password"
          type="password"
          label={t('auth.official.password')}
          autoComplete="current-password"
          value={password}
          error={errorFor('password')}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('auth.official.checking') : t('auth.official.continue')}
        </button>
      </form>
      {organisationHref ? (
        <p>
          <a className="button button--secondary" href={organisationHref}>
            {t('auth.official.organisationButton')}
          </a>
        </p>
      ) : null}
    </>
  )
}

function EnrolStep({
  challenge,
  onReady,
  onRestart,
}: {
  challenge: string
  onReady: (enrolment: TotpEnrollment) => void
  onRestart: (failure: RequestFailure) => void
}) {
  const { t } = useTranslation()
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  // Each enrol call makes a new secret: ask once per challenge, whatever the parent re-renders.
  const callbacks = useRef({ onReady, onRestart })
  callbacks.current = { onReady, onRestart }
  useEffect(() => {
    let cancelled = false
    enrollTotp(challenge).then(
      (enrolment) => {
        if (!cancelled) callbacks.current.onReady(enrolment)
      },
      (error: unknown) => {
        if (cancelled) return
        const next = failureOf(error)
        if (needsRestart(next)) callbacks.current.onRestart(next)
        else setFailure(next)
      },
    )
    return () => {
      cancelled = true
    }
  }, [challenge])
  return (
    <>
      <h1 id="official-sign-in-heading">{t('auth.official.enrolHeading')}</h1>
      {failure ? <ProblemAlert failure={failure} /> : <LoadingNotice />}
    </>
  )
}

function CodeStep({
  challenge,
  enrolment,
  onSignedIn,
  onRestart,
}: {
  challenge: string
  enrolment: TotpEnrollment | undefined
  onSignedIn: () => void
  onRestart: (failure: RequestFailure) => void
}) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    const digits = code.replace(/\s/g, '')
    if (!/^\d{6}$/.test(digits)) {
      setError(t('auth.official.codeInvalid'))
      setFailure(null)
      return
    }
    setError(undefined)
    setFailure(null)
    setBusy(true)
    try {
      await officialTotp(challenge, digits)
      onSignedIn()
    } catch (caught) {
      const next = failureOf(caught)
      if (needsRestart(next)) return onRestart(next)
      setFailure(next)
      setCode('')
      setBusy(false)
    }
  }

  return (
    <>
      <h1 id="official-sign-in-heading" ref={heading} tabIndex={-1}>
        {enrolment ? t('auth.official.enrolHeading') : t('auth.official.codeHeading')}
      </h1>
      {enrolment ? <EnrolmentInstructions enrolment={enrolment} /> : <p>{t('auth.official.codeIntro')}</p>}
      {error ? (
        <ErrorSummary errors={[{ fieldId: 'totp-code', message: error }]} heading={t('auth.errorSummary')} />
      ) : null}
      {failure ? <ProblemAlert failure={failure} fieldIds={{ '/code': 'totp-code' }} /> : null}
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id="totp-code"
          className="input--code"
          label={t('auth.official.code')}
          hint={t('auth.official.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          value={code}
          error={error}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('auth.official.checking') : t('auth.official.signIn')}
        </button>
      </form>
    </>
  )
}

function EnrolmentInstructions({ enrolment }: { enrolment: TotpEnrollment }) {
  const { t } = useTranslation()
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`
  return (
    <>
      <p>{t('auth.official.enrolIntro')}</p>
      <ol className="sign-in__steps">
        <li>{t('auth.official.enrolStep1')}</li>
        <li>
          {t('auth.official.enrolStep2')}
          <img className="totp-qr" src={qr} alt={t('auth.official.qrAlt')} width="200" height="200" />
          <p>{t('auth.official.manualEntry')}</p>
          <p className="secret">
            <span className="visually-hidden">{t('auth.official.secretLabel')}: </span>
            <code>{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
        </li>
        <li>{t('auth.official.enrolStep3')}</li>
      </ol>
    </>
  )
}
