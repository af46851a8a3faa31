import { useTranslation } from 'react-i18next'
import { PlatformFactsCard } from './PlatformFactsCard.tsx'
import { ResidentShell } from './ResidentShell.tsx'
import { ServiceList } from './ServiceList.tsx'

/** The resident app's home page (`/`). */
export function ResidentApp() {
  const { t } = useTranslation()
  return (
    <ResidentShell documentTitle={t('resident.documentTitle')}>
      <section className="welcome" aria-labelledby="welcome-heading">
        <h1 id="welcome-heading">{t('resident.heading')}</h1>
        <p className="lead">{t('resident.intro')}</p>
      </section>
      <PlatformFactsCard />
      <ServiceList />
    </ResidentShell>
  )
}
