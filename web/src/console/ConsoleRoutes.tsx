import { useTranslation } from 'react-i18next'
import { NotFoundPage } from '../shell/NotFoundPage.tsx'
import { currentPath } from '../shell/routing.ts'
import { AdminPage } from './AdminPage.tsx'
import { ConsoleApp } from './ConsoleApp.tsx'
import { ConsoleMapPage } from './ConsoleMapPage.tsx'
import { consolePaths } from './ConsoleNav.tsx'
import { FeedbackRoutes, isFeedbackPath } from './feedback/FeedbackRoutes.tsx'
import { OfficialAccountPage } from './OfficialAccountPage.tsx'
import { OfficialSignInPage } from './OfficialSignInPage.tsx'
import { RequireOfficial } from './officialSession.tsx'

/** The console's pages by path; all but the sign-in page need a signed-in official. */
export function ConsoleRoutes() {
  const { t } = useTranslation()
  if (isFeedbackPath(currentPath())) return <FeedbackRoutes path={currentPath()} />
  switch (currentPath()) {
    case consolePaths.signIn:
      return <OfficialSignInPage />
    case consolePaths.status:
      return (
        <RequireOfficial>
          <ConsoleApp />
        </RequireOfficial>
      )
    case consolePaths.map:
      return (
        <RequireOfficial>
          <ConsoleMapPage />
        </RequireOfficial>
      )
    case consolePaths.admin:
      return (
        <RequireOfficial>
          <AdminPage />
        </RequireOfficial>
      )
    case consolePaths.account:
      return (
        <RequireOfficial>
          <OfficialAccountPage />
        </RequireOfficial>
      )
    default:
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
}
