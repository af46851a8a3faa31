import { useTranslation } from 'react-i18next'
import type { MapState } from './useMapLibre.ts'

/** Over the map while it loads, or in its place when it cannot be shown (no WebGL, no style). */
export function MapStatus({ state }: { state: MapState }) {
  const { t } = useTranslation()
  if (state.status === 'ready') return null
  if (state.status === 'loading') {
    return (
      <p className="map-status notice notice--loading" role="status">
        {t('map.loading')}
      </p>
    )
  }
  return (
    <p className="map-status notice notice--error" role="alert">
      {state.reason === 'webgl' ? t('map.noWebGl') : t('map.styleFailed')}
    </p>
  )
}
