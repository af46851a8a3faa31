import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../api/errors.ts'
import type { Language } from '../i18n/languages.ts'
import { intlLocales } from '../i18n/languages.ts'
import { useLanguage } from '../i18n/useLanguage.ts'

/** The failure in words, in the current language (problem+json carries its own vi/en text). */
export function useFailureText(): (failure: RequestFailure) => string {
  const { t } = useTranslation()
  const language = useLanguage()
  return (failure) =>
    failure.kind === 'problem'
      ? failure.messages[language]
      : failure.kind === 'network'
        ? t('app.networkError')
        : t('app.unexpectedError')
}

/** "5 phút" / "5 minutes" (seconds below a minute), for Retry-After. */
export function formatWait(seconds: number, language: Language): string {
  const minutes = Math.ceil(seconds / 60)
  const [value, unit] = seconds < 60 ? [Math.max(seconds, 1), 'second'] : [minutes, 'minute']
  return new Intl.NumberFormat(intlLocales[language], { style: 'unit', unit, unitDisplay: 'long' }).format(
    value,
  )
}

/**
 * A failed action, as an alert that takes the focus when it appears (so keyboard and screen-reader
 * users land on it), with the wait time of a lockout and the fields the server refused.
 */
export function ProblemAlert({
  failure,
  heading,
  fieldIds = {},
}: {
  failure: RequestFailure
  /** Short title above the message, e.g. "Chưa đăng nhập được". */
  heading?: string
  /** JSON pointer of a refused field → the id of its input, to link the message to it. */
  fieldIds?: Record<string, string>
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const text = useFailureText()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // A new failure object each time: focus again even when the message is the same.
    void failure
    ref.current?.focus()
  }, [failure])
  const fields = failure.kind === 'problem' ? (failure.errors ?? []) : []
  const wait = failure.kind === 'problem' ? failure.retryAfterSeconds : undefined
  return (
    <div ref={ref} className="notice notice--error error-summary" role="alert" tabIndex={-1}>
      {heading ? <h2 className="error-summary__heading">{heading}</h2> : null}
      <p>{text(failure)}</p>
      {wait !== undefined && failure.kind === 'problem' && failure.status === 429 ? (
        <p>{t('auth.tryAgainIn', { time: formatWait(wait, language) })}</p>
      ) : null}
      {fields.length > 0 ? (
        <ul>
          {fields.map((field) => {
            const id = fieldIds[field.pointer]
            return (
              <li key={field.pointer}>
                {id ? <a href={`#${id}`}>{field.message[language]}</a> : field.message[language]}
              </li>
            )
          })}
        </ul>
      ) : null}
    </div>
  )
}

/** Local (not yet sent) form errors: a summary linking to each field, focused when it appears. */
export function ErrorSummary({
  errors,
  heading,
}: {
  errors: { fieldId: string; message: string }[]
  heading: string
}) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    void errors
    ref.current?.focus()
  }, [errors])
  return (
    <div ref={ref} className="notice notice--error error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__heading">{heading}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.fieldId}>
            <a href={`#${error.fieldId}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Moves the focus to an element when it appears (a step's heading), for keyboard and screen readers. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return ref
}
