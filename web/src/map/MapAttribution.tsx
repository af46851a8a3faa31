import type { LayerInfo } from '@dc/contracts'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

export interface MapAttributionProps {
  map: MapLibreMap | undefined
  styleLoads: number
  layers: readonly LayerInfo[]
  visibility: Record<string, boolean> | undefined
}

/**
 * Where the shown data comes from (the licences require saying so): the base map's sources and
 * every visible layer, behind a small disclosure so it does not cover the map on a phone.
 */
export function MapAttribution({ map, styleLoads, layers, visibility }: MapAttributionProps) {
  const { t } = useTranslation()
  const sources = useMemo(
    () => (map && styleLoads > 0 ? Object.entries(map.getStyle().sources ?? {}) : []),
    [map, styleLoads],
  )
  if (!map || styleLoads === 0) return null
  const layerIds = new Set(layers.map((layer) => layer.id))
  const basemap = sources
    .filter(([id]) => !layerIds.has(id) && !id.startsWith('dc-'))
    .map(([, source]) => ('attribution' in source ? source.attribution : undefined))
  const shown = layers.filter((layer) => visibility?.[layer.id]).map((layer) => layer.attribution)
  const lines = [
    ...new Set([...basemap, ...shown].filter((text): text is string => Boolean(text)).map(plainText)),
  ]
  if (lines.length === 0) return null
  return (
    <details className="map-attribution">
      <summary>
        <span aria-hidden="true">ⓘ </span>
        {t('map.attribution')}
      </summary>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  )
}

/** Style attributions may carry HTML links; the page shows their text. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&copy;/g, '©')
    .replace(/&amp;/g, '&')
    .trim()
}
