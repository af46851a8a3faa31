import type { FeatureCollection } from 'geojson'
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { MapStage, useFeedbackMap } from './MapStage.tsx'
import { showOnlyBaseLayers } from './mapStyle.ts'
import { fieldIds } from './reportForm.ts'

export interface LngLat {
  lon: number
  lat: number
}

export interface PinMapProps {
  /** The map canvas's accessible name. */
  label: string
  pin: LngLat | null
  /** Given: the resident sets the pin (click, tap, Enter on the map, or the centre button). */
  onPick?: (point: LngLat) => void
  /** Read-only maps (a report's place) open on the pin at this zoom. */
  zoom?: number
}

const pinSource = 'dc-report-pin'
const pinLayer = 'dc-report-pin'

/**
 * A map with one pin. When `onPick` is given it is the place chooser of the report form: a tap or
 * click sets the pin, and keyboard users move the map with the arrow keys and press Enter (or the
 * "pin the centre" button) to put it under the crosshair. Otherwise it only shows where a report is.
 */
export default function PinMap({ label, pin, onPick, zoom = 16 }: PinMapProps) {
  const { t } = useTranslation()
  const view = useFeedbackMap(label)
  const { map, styleLoads } = view
  const pick = useRef(onPick)
  useEffect(() => {
    pick.current = onPick
  })

  // Each style load (first, or the other language) starts bare: add the pin layer again.
  useEffect(() => {
    if (!map || styleLoads === 0) return
    showOnlyBaseLayers(map)
    if (!map.getSource(pinSource)) {
      map.addSource(pinSource, { type: 'geojson', data: pinData(null) })
      map.addLayer({
        id: pinLayer,
        type: 'circle',
        source: pinSource,
        paint: {
          'circle-radius': 11,
          'circle-color': '#a61b1b',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 3,
        },
      })
    }
  }, [map, styleLoads])

  // Show the pin, and bring it into view when it was set from outside the map (my location).
  useEffect(() => {
    if (!map || styleLoads === 0) return
    ;(map.getSource(pinSource) as GeoJSONSource | undefined)?.setData(pinData(pin))
    if (pin && !map.getBounds().contains([pin.lon, pin.lat])) {
      map.jumpTo({ center: [pin.lon, pin.lat], zoom: Math.max(map.getZoom(), zoom) })
    }
  }, [map, styleLoads, pin, zoom])

  // A read-only map opens on its pin.
  const opened = useRef(false)
  useEffect(() => {
    if (!map || opened.current || !pin || onPick) return
    opened.current = true
    map.jumpTo({ center: [pin.lon, pin.lat], zoom })
  }, [map, pin, onPick, zoom])

  const choosing = Boolean(onPick)
  useEffect(() => {
    if (!map || !choosing) return
    const onClick = (event: { lngLat: { lng: number; lat: number } }) =>
      pick.current?.({ lon: event.lngLat.lng, lat: event.lngLat.lat })
    const canvas = map.getCanvas()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return
      event.preventDefault()
      pickCentre(map, pick.current)
    }
    map.on('click', onClick)
    canvas.addEventListener('keydown', onKeyDown)
    return () => {
      map.off('click', onClick)
      canvas.removeEventListener('keydown', onKeyDown)
    }
  }, [map, choosing])

  return (
    <div className="pin-map">
      <MapStage
        view={view}
        className={choosing ? 'pin-map__stage' : 'pin-map__stage pin-map__stage--small'}
        crosshair={choosing}
        instructions={choosing ? t('feedback.place.mapInstructions') : t('feedback.place.viewInstructions')}
      />
      {choosing ? (
        <button
          id={fieldIds.place}
          type="button"
          className="button button--secondary"
          disabled={!map}
          onClick={() => map && pickCentre(map, pick.current)}
        >
          {t('feedback.place.pinCentre')}
        </button>
      ) : null}
    </div>
  )
}

function pickCentre(map: MapLibreMap, pick: ((point: LngLat) => void) | undefined): void {
  const centre = map.getCenter()
  pick?.({ lon: centre.lng, lat: centre.lat })
}

function pinData(pin: LngLat | null): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: pin
      ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [pin.lon, pin.lat] } }]
      : [],
  }
}
