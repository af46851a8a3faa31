import { useTranslation } from 'react-i18next'
import { NotFoundPage } from '../shell/NotFoundPage.tsx'
import { currentPath } from '../shell/routing.ts'
import { ConsoleApp } from './ConsoleApp.tsx'
import { ConsoleMapPage } from './ConsoleMapPage.tsx'
import { consolePaths } from './ConsoleNav.tsx'

/** The console's pages by path. */
export function ConsoleRoutes() {
  const { t } = useTranslation()
  switch (currentPath()) {
    case consolePaths.status:
      return <ConsoleApp />
    case consolePaths.map:
      return <ConsoleMapPage />
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
