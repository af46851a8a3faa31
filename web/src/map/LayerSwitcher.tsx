import type { LayerInfo } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { UnmappedFeatures } from './UnmappedFeatures.tsx'

/** Layers whose features may have no location: those are listed under the layer instead. */
const layersWithUnmappedFeatures = new Set(['flood-points'])

export interface LayerSwitcherProps {
  layers: LayerInfo[]
  /** Shown or hidden, per layer id; undefined while the map is not ready (the boxes are disabled). */
  visibility: Record<string, boolean> | undefined
  onToggle: (layer: LayerInfo, visible: boolean) => void
  /** The map's zoom, and the zoom each layer is drawn from: to say when a layer needs a closer view. */
  zoom: number | undefined
  drawnFromZoom: Record<string, number | undefined>
  /** Officials see each layer's version and last change too. */
  showStats: boolean
}

/** One checkbox per layer of the map, titled in the current language, with its size and source. */
export function LayerSwitcher({
  layers,
  visibility,
  onToggle,
  zoom,
  drawnFromZoom,
  showStats,
}: LayerSwitcherProps) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <fieldset className="layer-switcher">
      <legend>{t('map.layers.legend')}</legend>
      <ul>
        {layers.map((layer) => {
          const checked = visibility?.[layer.id] ?? false
          const inputId = `layer-${layer.id}`
          const fromZoom = drawnFromZoom[layer.id] ?? layer.minZoom
          const tooFar = checked && zoom !== undefined && zoom < fromZoom
          return (
            <li key={layer.id} className="layer-switcher__item">
              <div className="layer-switcher__choice">
                <input
                  id={inputId}
                  type="checkbox"
                  checked={checked}
                  disabled={!visibility}
                  onChange={(event) => onToggle(layer, event.target.checked)}
                  aria-describedby={`${inputId}-about`}
                />
                <label htmlFor={inputId}>
                  <span className={`layer-swatch layer-swatch--${layer.id}`} aria-hidden="true" />
                  {layer.title[language]}
                </label>
              </div>
              <div id={`${inputId}-about`} className="layer-switcher__about">
                <p>
                  {layer.description[language]}{' '}
                  {t('map.layers.featureCount', { total: formatNumber(layer.featureCount, language) })}
                </p>
                {tooFar ? <p className="layer-switcher__hint">{t('map.layers.zoomHint')}</p> : null}
                {showStats ? (
                  <p>
                    {t('map.layers.updated', {
                      time: formatDateTime(layer.updatedAt, language),
                      version: layer.version,
                    })}
                  </p>
                ) : null}
                <p className="layer-switcher__source">
                  {t('map.layers.source', { source: layer.attribution })}
                </p>
              </div>
              {layersWithUnmappedFeatures.has(layer.id) ? <UnmappedFeatures layerId={layer.id} /> : null}
            </li>
          )
        })}
      </ul>
    </fieldset>
  )
}
