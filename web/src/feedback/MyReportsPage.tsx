import { useTranslation } from 'react-i18next'
import { fetchMyReports } from '../api/feedback.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'
import { ResourceView } from '../shell/ResourceView.tsx'
import { AreaFollows } from './AreaFollows.tsx'
import { FeedbackShell } from './FeedbackShell.tsx'
import { feedbackPaths } from './paths.ts'
import { ReportSummaryList } from './ReportSummaryList.tsx'
import { SignInPrompt } from './SignInPrompt.tsx'
import { useResident } from './useResident.ts'

/** `/phan-anh-cua-toi`: the reports the resident sent, said "me too" to, or follows; and the areas they follow. */
export function MyReportsPage() {
  const { t } = useTranslation()
  const resident = useResident()
  return (
    <FeedbackShell documentTitle={t('feedback.mine.documentTitle')} current="mine">
      <section className="welcome" aria-labelledby="mine-heading">
        <h1 id="mine-heading">{t('feedback.mine.heading')}</h1>
        <p className="lead">{t('feedback.mine.intro')}</p>
      </section>
      {resident.status === 'loading' ? <LoadingNotice /> : null}
      {resident.status === 'failed' ? (
        <FailureNotice failure={resident.failure} onRetry={resident.reload} />
      ) : null}
      {resident.status === 'visitor' ? (
        <SignInPrompt reason={t('feedback.signIn.toSeeMine')} returnTo={feedbackPaths.mine} />
      ) : null}
      {resident.status === 'resident' ? (
        <>
          <MyReports />
          <AreaFollows />
        </>
      ) : null}
    </FeedbackShell>
  )
}

function MyReports() {
  const { t } = useTranslation()
  const reports = useApiResource(fetchMyReports)
  return (
    <section aria-labelledby="mine-list-heading" className="report-list-section">
      <h2 id="mine-list-heading">{t('feedback.mine.listHeading')}</h2>
      <ResourceView resource={reports}>
        {(data) =>
          data.reports.length === 0 ? (
            <div className="card">
              <p>{t('feedback.mine.none')}</p>
              <a className="button" href={feedbackPaths.submit}>
                {t('feedback.list.submitButton')}
              </a>
            </div>
          ) : (
            <ReportSummaryList reports={data.reports} />
          )
        }
      </ResourceView>
    </section>
  )
}
