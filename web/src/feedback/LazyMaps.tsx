import { lazy, type ReactNode, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportFeatureCollection } from '../api/feedback.ts'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'
import { LazyBoundary } from './LazyBoundary.tsx'
import type { PinMapProps } from './PinMap.tsx'

/** The maps' code (and MapLibre inside it) is only downloaded when a page shows a map. */
const PinMap = lazy(() => import('./PinMap.tsx'))
const ReportsMap = lazy(() => import('./ReportsMap.tsx'))

export function LazyPinMap(props: PinMapProps) {
  return (
    <MapCodeBoundary>
      <Suspense fallback={<LoadingNotice />}>
        <PinMap {...props} />
      </Suspense>
    </MapCodeBoundary>
  )
}

export function LazyReportsMap(props: { reports: ReportFeatureCollection }) {
  return (
    <MapCodeBoundary>
      <Suspense fallback={<LoadingNotice />}>
        <ReportsMap {...props} />
      </Suspense>
    </MapCodeBoundary>
  )
}

/** When the map's code cannot be downloaded, the page goes on without it (the form and list still work). */
function MapCodeBoundary({ children }: { children: ReactNode }) {
  return <LazyBoundary fallback={<MapUnavailable />}>{children}</LazyBoundary>
}

function MapUnavailable() {
  const { t } = useTranslation()
  return <p className="notice notice--error">{t('feedback.place.mapUnavailable')}</p>
}
