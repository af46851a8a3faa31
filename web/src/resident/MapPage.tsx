import { useTranslation } from 'react-i18next'
import { MapSection } from '../map/MapSection.tsx'
import { ResidentShell } from './ResidentShell.tsx'

/** Path of the digital map in the resident app. */
export const mapPath = '/ban-do'

/** The digital map (`/ban-do`): wards, layers, search, "my location". */
export function MapPage() {
  const { t } = useTranslation()
  return (
    <ResidentShell documentTitle={t('map.documentTitle')} layout="fill">
      <MapSection heading={t('map.heading')} />
    </ResidentShell>
  )
}
