import type { OwnReport, PublicReport } from '@dc/contracts'
import { type ReactNode, useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../api/errors.ts'
import { fetchCategories, fetchMyReport, fetchPublicReport } from '../api/feedback.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'
import { FeedbackShell } from './FeedbackShell.tsx'
import { failureOf } from './failure.ts'
import { LazyPinMap } from './LazyMaps.tsx'
import { reportPath, signInPathFor } from './paths.ts'
import { ReportActions } from './ReportActions.tsx'
import { ReportPhotos } from './ReportPhotos.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import { Timeline } from './Timeline.tsx'
import { type ResidentState, useResident } from './useResident.ts'

type Loaded = { own: OwnReport | null; report: PublicReport }

/**
 * The signed-in resident's view when they have one (their report, one they follow or said "me
 * too" to, or any public one), else the public view. Not found either way: the page says so.
 */
async function loadReport(reportId: string, resident: ResidentState, signal: AbortSignal): Promise<Loaded> {
  if (resident.status === 'resident') {
    try {
      const own = await fetchMyReport(reportId, signal)
      return { own, report: own }
    } catch (error) {
      const failure = failureOf(error)
      // 404 / 403: not theirs to see this way; the public view may still exist.
      if (!(failure.kind === 'problem' && (failure.status === 404 || failure.status === 403))) throw error
    }
  }
  return { own: null, report: await fetchPublicReport(reportId, signal) }
}

/** `/phan-anh/<id>`: one report — status, place, photos, timeline, and what the resident can do. */
export function ReportPage({ reportId }: { reportId: string }) {
  const { t } = useTranslation()
  const resident = useResident()
  const settled = resident.status !== 'loading'
  const residentKey = resident.status
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload only when who is signed in changes
  const load = useCallback(
    async (signal: AbortSignal): Promise<Loaded | null> =>
      settled ? loadReport(reportId, resident, signal) : null,
    [reportId, residentKey],
  )
  const resource = useApiResource(load)
  const [changed, setChanged] = useState<OwnReport | null>(null)
  const { state } = resource
  const loaded = state.status === 'loaded' ? state.data : null
  const code = loaded?.report.code
  let content: ReactNode
  if (state.status === 'failed') {
    content = (
      <ReportFailure
        failure={state.failure}
        onRetry={resource.reload}
        reportId={reportId}
        signedIn={resident.status === 'resident'}
      />
    )
  } else if (loaded) {
    const own = changed ?? loaded.own
    content = (
      <ReportView
        report={own ?? loaded.report}
        own={own}
        signedIn={resident.status === 'resident'}
        onChanged={setChanged}
      />
    )
  } else {
    content = <LoadingNotice />
  }
  return (
    <FeedbackShell
      documentTitle={
        code ? t('feedback.report.documentTitleCode', { code }) : t('feedback.report.documentTitle')
      }
    >
      {content}
    </FeedbackShell>
  )
}

/** Not found (maybe private: a visitor is offered the sign-in), or any other failure with a retry. */
function ReportFailure({
  failure,
  onRetry,
  reportId,
  signedIn,
}: {
  failure: RequestFailure
  onRetry: () => void
  reportId: string
  signedIn: boolean
}) {
  const { t } = useTranslation()
  const notFound = failure.kind === 'problem' && failure.status === 404
  if (!notFound) {
    return (
      <>
        <h1>{t('feedback.report.loadFailed')}</h1>
        <FailureNotice failure={failure} onRetry={onRetry} />
      </>
    )
  }
  return (
    <section className="welcome" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{t('feedback.report.notFoundHeading')}</h1>
      <p>{signedIn ? t('feedback.report.notFound') : t('feedback.report.notFoundSignIn')}</p>
      {signedIn ? null : (
        <a className="button" href={signInPathFor(reportPath(reportId))}>
          {t('feedback.signIn.button')}
        </a>
      )}
    </section>
  )
}

function ReportView({
  report,
  own,
  signedIn,
  onChanged,
}: {
  report: PublicReport
  own: OwnReport | null
  signedIn: boolean
  onChanged: (report: OwnReport) => void
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <>
      <section className="welcome report-head" aria-labelledby="report-heading">
        <h1 id="report-heading">{t('feedback.report.heading', { code: report.code })}</h1>
        <p className="report-status" data-testid="report-status">
          {t('feedback.report.statusLabel')} <StatusBadge status={report.status} />
        </p>
        {own && !own.public ? <p className="notice notice--info">{t('feedback.report.private')}</p> : null}
        {own?.anonymous ? <p className="notice notice--info">{t('feedback.report.anonymous')}</p> : null}
      </section>
      <section className="card" aria-labelledby="report-facts-heading">
        <h2 id="report-facts-heading">{t('feedback.report.factsHeading')}</h2>
        <dl className="info-list">
          <Fact term={t('feedback.report.category')}>{report.category.name[language]}</Fact>
          <Fact term={t('feedback.report.place')}>
            {report.address ? (
              <>
                {report.address}
                <br />
              </>
            ) : null}
            {language === 'en' ? report.ward.fullNameEn : report.ward.fullName}
            {report.locationPrecision === 'ward' ? (
              <span className="admin-table__aside">{t('feedback.report.wardOnly')}</span>
            ) : null}
          </Fact>
          <Fact term={t('feedback.report.agency')}>{report.agency.name}</Fact>
          <Fact term={t('feedback.report.submittedAt')}>
            <time dateTime={report.submittedAt}>{formatDateTime(report.submittedAt, language)}</time>
          </Fact>
          {report.deadlineAt ? (
            <Fact term={t('feedback.report.deadline')}>
              <time dateTime={report.deadlineAt}>{formatDateTime(report.deadlineAt, language)}</time>
            </Fact>
          ) : null}
          <Fact term={t('feedback.report.meToo')}>{formatNumber(report.meTooCount, language)}</Fact>
          {report.rating !== null ? (
            <Fact term={t('feedback.report.rating')}>
              {t('feedback.report.ratingValue', { rating: formatNumber(report.rating, language) })}
            </Fact>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="report-description-heading">
        <h2 id="report-description-heading">{t('feedback.report.description')}</h2>
        {report.descriptionHidden ? (
          <p className="field__hint">{t('feedback.report.descriptionHidden')}</p>
        ) : (
          <p className="report-description">{report.description}</p>
        )}
        {own && Object.keys(own.answers).length > 0 ? (
          <Answers categoryId={report.category.id} answers={own.answers} />
        ) : null}
      </section>
      {report.locationPrecision === 'point' ? (
        <section className="card" aria-labelledby="report-map-heading">
          <h2 id="report-map-heading">{t('feedback.report.mapHeading')}</h2>
          <LazyPinMap label={t('feedback.report.mapLabel')} pin={report.location} />
        </section>
      ) : null}
      <ReportPhotos photos={report.photos} />
      {signedIn ? (
        <ReportActions report={report} own={own} onChanged={onChanged} />
      ) : (
        <section className="card" aria-labelledby="report-sign-in-heading">
          <h2 id="report-sign-in-heading">{t('feedback.report.actionsHeading')}</h2>
          <p>{t('feedback.signIn.toAct')}</p>
          <a className="button" href={signInPathFor(reportPath(report.id))}>
            {t('feedback.signIn.button')}
          </a>
        </section>
      )}
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('feedback.report.timeline')}</h2>
        <Timeline entries={report.timeline} />
      </section>
    </>
  )
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** The resident's answers to the category's extra questions, with the questions' labels. */
function Answers({ categoryId, answers }: { categoryId: string; answers: OwnReport['answers'] }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const categories = useApiResource(fetchCategories)
  const category =
    categories.state.status === 'loaded'
      ? categories.state.data.categories.find((entry) => entry.id === categoryId)
      : undefined
  if (!category) return null
  const rows = category.questions.flatMap((question) => {
    const value = answers[question.code]
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return []
    const keys = Array.isArray(value) ? value : [value]
    const text =
      question.options.length > 0
        ? keys
            .map((key) => question.options.find((option) => option.key === key)?.name[language] ?? key)
            .join(', ')
        : question.datatype === 'datetime'
          ? formatDateTime(keys[0] ?? '', language)
          : keys.join(', ')
    return [{ code: question.code, label: question.label[language], text }]
  })
  if (rows.length === 0) return null
  return (
    <>
      <h3>{t('feedback.report.answers')}</h3>
      <dl className="info-list">
        {rows.map((row) => (
          <Fact key={row.code} term={row.label}>
            {row.text}
          </Fact>
        ))}
      </dl>
    </>
  )
}
