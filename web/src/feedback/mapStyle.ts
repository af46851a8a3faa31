import type { Map as MapLibreMap } from 'maplibre-gl'
import type { StatusTone } from './reportRules.ts'

/** The city style in the page's language (always explicit, as the digital map does). */
export function feedbackStyleUrl(language: string): string {
  return `/tiles/style.json?lang=${language}`
}

/**
 * Feedback maps show the base map and ward boundaries only: cameras, flood points and facilities
 * would crowd out the reports and the pin. (`dc-` layers are the app's own.)
 */
export function showOnlyBaseLayers(map: MapLibreMap): void {
  for (const id of map.getLayersOrder()) {
    const source = map.getLayer(id)?.source
    if (id.startsWith('dc-') || source === undefined || source === 'basemap' || source === 'wards') continue
    map.setLayoutProperty(id, 'visibility', 'none')
  }
}

/** Marker colours per status group (AA against the base map); the legend and cards say it in words. */
export const toneColours: Record<StatusTone, string> = {
  open: '#b45309',
  done: '#136c2e',
  refused: '#a61b1b',
  closed: '#4a5360',
}
