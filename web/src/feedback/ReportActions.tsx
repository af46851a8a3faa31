import type { OwnReport, PublicReport } from '@dc/contracts'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../api/errors.ts'
import { addMeToo, rateReport, reportNotFixed, setFollowing } from '../api/feedback.ts'
import { ErrorSummary, ProblemAlert } from '../auth/ProblemAlert.tsx'
import { TextAreaField } from '../auth/TextField.tsx'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { failureOf } from './failure.ts'
import { canMeToo, canRate, canSayNotFixed } from './reportRules.ts'

type Run = (action: () => Promise<OwnReport>, done: string) => Promise<boolean>

/**
 * What a signed-in resident can do on a report: follow it, say "me too", and — on their own
 * report — rate the answer or say it is not fixed. Every action answers with the updated report.
 */
export function ReportActions({
  report,
  own,
  onChanged,
}: {
  report: PublicReport
  own: OwnReport | null
  onChanged: (report: OwnReport) => void
}) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [message, setMessage] = useState('')
  const now = new Date()

  const run: Run = async (action, done) => {
    setBusy(true)
    setFailure(null)
    setMessage('')
    try {
      onChanged(await action())
      setMessage(done)
      return true
    } catch (error) {
      setFailure(failureOf(error))
      return false
    } finally {
      setBusy(false)
    }
  }

  const following = own?.following ?? false
  const isReporter = own?.isReporter ?? false
  return (
    <section className="card report-actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('feedback.report.actionsHeading')}</h2>
      {failure ? <ProblemAlert failure={failure} /> : null}
      <p role="status" className="notice--ok-text">
        {message}
      </p>
      <div className="button-row button-row--tight">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() =>
            void run(
              () => setFollowing(report.id, !following),
              following ? t('feedback.report.unfollowed') : t('feedback.report.followed'),
            )
          }
        >
          {following ? t('feedback.report.unfollow') : t('feedback.report.follow')}
        </button>
        {canMeToo(report, isReporter) ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void run(() => addMeToo(report.id), t('feedback.meToo.done'))}
          >
            {t('feedback.meToo.button')}
          </button>
        ) : null}
      </div>
      <p className="field__hint">
        {following ? t('feedback.report.followingHint') : t('feedback.report.followHint')}
      </p>
      {own && canSayNotFixed(own, now) ? <NotFixedForm report={own} busy={busy} run={run} /> : null}
      {own && canRate(own, now) ? <RatingForm report={own} busy={busy} run={run} /> : null}
    </section>
  )
}

/** 1–5 with words for each, and an optional comment; rating closes the report. */
function RatingForm({ report, busy, run }: { report: OwnReport; busy: boolean; run: Run }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState<{ fieldId: string; message: string }[] | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (rating === 0) {
      setMissing([{ fieldId: 'rating-1', message: t('feedback.rating.missing') }])
      return
    }
    setMissing(null)
    void run(() => rateReport(report.id, rating, comment), t('feedback.rating.done'))
  }
  return (
    <form className="action-form" onSubmit={submit} noValidate aria-labelledby="rating-heading">
      <h3 id="rating-heading">{t('feedback.rating.heading')}</h3>
      {missing ? <ErrorSummary heading={t('feedback.form.errorHeading')} errors={missing} /> : null}
      <fieldset
        className={missing ? 'field choice-group field--error' : 'field choice-group'}
        aria-describedby={missing ? 'rating-error' : 'rating-hint'}
      >
        <legend>{t('feedback.rating.legend')}</legend>
        <p id="rating-hint" className="field__hint">
          {report.ratingUntil
            ? t('feedback.rating.until', { time: formatDateTime(report.ratingUntil, language) })
            : ''}
        </p>
        {missing ? (
          <p id="rating-error" className="field__error">
            {t('feedback.rating.missing')}
          </p>
        ) : null}
        {[1, 2, 3, 4, 5].map((value) => (
          <div className="checkbox" key={value}>
            <input
              id={`rating-${value}`}
              type="radio"
              name="rating"
              value={value}
              checked={rating === value}
              onChange={() => setRating(value)}
            />
            <label htmlFor={`rating-${value}`}>
              {t('feedback.rating.option', {
                value: formatNumber(value, language),
                words: t(`feedback.rating.words.${value as 1 | 2 | 3 | 4 | 5}`),
              })}
            </label>
          </div>
        ))}
      </fieldset>
      <TextAreaField
        id="rating-comment"
        label={`${t('feedback.rating.comment')} ${t('feedback.form.optional')}`}
        value={comment}
        rows={3}
        maxLength={1000}
        onChange={(event) => setComment(event.target.value)}
      />
      <button type="submit" className="button" disabled={busy}>
        {t('feedback.rating.submit')}
      </button>
    </form>
  )
}

const reasonLimits = { min: 5, max: 1000 }

/** "Chưa được khắc phục": opens a short form for the reason; sending it reopens the report. */
function NotFixedForm({ report, busy, run }: { report: OwnReport; busy: boolean; run: Run }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [summary, setSummary] = useState<{ fieldId: string; message: string }[] | null>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (reason.trim().length < reasonLimits.min) {
      const message = t('feedback.notFixed.tooShort', { min: formatNumber(reasonLimits.min, language) })
      setError(message)
      setSummary([{ fieldId: 'not-fixed-reason', message }])
      return
    }
    setError(undefined)
    setSummary(null)
    if (await run(() => reportNotFixed(report.id, reason), t('feedback.notFixed.done'))) setOpen(false)
  }
  return (
    <div className="action-form">
      <button
        type="button"
        className="button button--danger"
        aria-expanded={open}
        aria-controls="not-fixed-form"
        onClick={() => setOpen(!open)}
      >
        {t('feedback.notFixed.button')}
      </button>
      {report.notFixedUntil ? (
        <p className="field__hint">
          {t('feedback.notFixed.until', { time: formatDateTime(report.notFixedUntil, language) })}
        </p>
      ) : null}
      {open ? (
        <form id="not-fixed-form" onSubmit={(event) => void submit(event)} noValidate>
          {summary ? <ErrorSummary heading={t('feedback.form.errorHeading')} errors={summary} /> : null}
          <TextAreaField
            id="not-fixed-reason"
            label={t('feedback.notFixed.reason')}
            hint={t('feedback.notFixed.hint')}
            error={error}
            value={reason}
            rows={4}
            maxLength={reasonLimits.max}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              {t('feedback.notFixed.submit')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              {t('feedback.notFixed.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  )
}
