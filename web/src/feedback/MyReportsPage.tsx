import { useTranslation } from 'react-i18next'
import { fetchMyReports } from '../api/feedback.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { ResourceView } from '../shell/ResourceView.tsx'
import { AreaFollows } from './AreaFollows.tsx'
import { feedbackPaths } from './paths.ts'
import { ReportSummaryList } from './ReportSummaryList.tsx'
import { ResidentOnlyPage } from './ResidentOnlyPage.tsx'

/** `/phan-anh-cua-toi`: the reports the resident sent, said "me too" to, or follows; and the areas they follow. */
export function MyReportsPage() {
  const { t } = useTranslation()
  return (
    <ResidentOnlyPage
      page="mine"
      documentTitle={t('feedback.mine.documentTitle')}
      heading={t('feedback.mine.heading')}
      intro={t('feedback.mine.intro')}
      signInReason={t('feedback.signIn.toSeeMine')}
    >
      <MyReports />
      <AreaFollows />
    </ResidentOnlyPage>
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
