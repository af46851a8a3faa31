import { useTranslation } from 'react-i18next'
import { MapSection } from '../map/MapSection.tsx'
import { AppShell } from '../shell/AppShell.tsx'

/** Path of the digital map in the resident app. */
export const mapPath = '/ban-do'

/** The digital map (`/ban-do`): wards, layers, search, "my location". */
export function MapPage() {
  const { t } = useTranslation()
  return (
    <AppShell
      documentTitle={t('map.documentTitle')}
      homeHref="/"
      layout="fill"
      footerLinks={
        <li>
          <a href="/console">{t('resident.consoleLink')}</a>
        </li>
      }
    >
      <MapSection heading={t('map.heading')} />
    </AppShell>
  )
}
