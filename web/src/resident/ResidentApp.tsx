import { useTranslation } from 'react-i18next'
import { AppShell } from '../shell/AppShell.tsx'
import { PlatformFactsCard } from './PlatformFactsCard.tsx'
import { ServiceList } from './ServiceList.tsx'

/** The resident app's home page (`/`). */
export function ResidentApp() {
  const { t } = useTranslation()
  return (
    <AppShell
      documentTitle={t('resident.documentTitle')}
      homeHref="/"
      footerLinks={
        <li>
          <a href="/console">{t('resident.consoleLink')}</a>
        </li>
      }
    >
      <section className="welcome" aria-labelledby="welcome-heading">
        <h1 id="welcome-heading">{t('resident.heading')}</h1>
        <p className="lead">{t('resident.intro')}</p>
      </section>
      <PlatformFactsCard />
      <ServiceList />
    </AppShell>
  )
}
