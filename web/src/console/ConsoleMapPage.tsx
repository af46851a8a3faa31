import { useTranslation } from 'react-i18next'
import { MapSection } from '../map/MapSection.tsx'
import { AppShell } from '../shell/AppShell.tsx'
import { ConsoleNav } from './ConsoleNav.tsx'
import { OfficialHeaderAccount } from './OfficialHeaderAccount.tsx'

/** The map for officials (`/console/ban-do`): the residents' map, with each layer's version and last change. */
export function ConsoleMapPage() {
  const { t } = useTranslation()
  return (
    <AppShell
      documentTitle={t('console.mapDocumentTitle')}
      homeHref="/console"
      subtitle={t('console.productSubtitle')}
      account={<OfficialHeaderAccount />}
      nav={<ConsoleNav current="map" />}
      layout="fill"
      footerLinks={
        <li>
          <a href="/">{t('console.residentLink')}</a>
        </li>
      }
    >
      <MapSection heading={t('console.mapHeading')} showLayerStats />
    </AppShell>
  )
}
