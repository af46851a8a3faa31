import { useTranslation } from 'react-i18next'
import { NotFoundPage } from '../shell/NotFoundPage.tsx'
import { currentPath } from '../shell/routing.ts'
import { MapPage, mapPath } from './MapPage.tsx'
import { ResidentApp } from './ResidentApp.tsx'

/** The resident app's pages by path. */
export function ResidentRoutes() {
  const { t } = useTranslation()
  switch (currentPath()) {
    case '/':
    case '/index.html':
      return <ResidentApp />
    case mapPath:
      return <MapPage />
    default:
      return (
        <NotFoundPage
          homeHref="/"
          footerLinks={
            <li>
              <a href="/console">{t('resident.consoleLink')}</a>
            </li>
          }
        />
      )
  }
}
