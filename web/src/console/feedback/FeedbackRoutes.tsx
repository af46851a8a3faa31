import { useTranslation } from 'react-i18next'
import { NotFoundPage } from '../../shell/NotFoundPage.tsx'
import { RequireOfficial } from '../officialSession.tsx'
import { feedbackRouteOf } from './paths.ts'
import { QueuePage } from './QueuePage.tsx'
import { ReportPage } from './ReportPage.tsx'
import { RulesPage } from './RulesPage.tsx'
import { TemplatesPage } from './TemplatesPage.tsx'

export { isFeedbackPath } from './paths.ts'

/** The feedback pages of the console (`/console/phan-anh…`), for signed-in officials. */
export function FeedbackRoutes({ path }: { path: string }) {
  const { t } = useTranslation()
  const route = feedbackRouteOf(path)
  if (route.page === 'notFound') {
    return (
      <NotFoundPage
        homeHref="/console"
        subtitle={t('console.productSubtitle')}
        footerLinks={
          <li>
            <a href="/">{t('console.residentLink')}</a>
          </li>
        }
      />
    )
  }
  return (
    <RequireOfficial>
      {route.page === 'queue' ? <QueuePage /> : null}
      {route.page === 'rules' ? <RulesPage /> : null}
      {route.page === 'templates' ? <TemplatesPage /> : null}
      {route.page === 'report' ? <ReportPage id={route.id} /> : null}
    </RequireOfficial>
  )
}
