import type { Map as MapLibreMap } from 'maplibre-gl'
import { useTranslation } from 'react-i18next'

/** Zoom in and out as real buttons (44 px), named in the current language. */
export function ZoomButtons({ map }: { map: MapLibreMap | undefined }) {
  const { t } = useTranslation()
  return (
    <div className="map-zoom">
      <button type="button" className="icon-button" disabled={!map} onClick={() => map?.zoomIn()}>
        <span aria-hidden="true">+</span>
        <span className="visually-hidden">{t('map.zoomIn')}</span>
      </button>
      <button type="button" className="icon-button" disabled={!map} onClick={() => map?.zoomOut()}>
        <span aria-hidden="true">−</span>
        <span className="visually-hidden">{t('map.zoomOut')}</span>
      </button>
    </div>
  )
}
