import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useId, useRef } from 'react'
import { useLanguage } from '../i18n/useLanguage.ts'
import { MapAttribution } from '../map/MapAttribution.tsx'
import { MapStatus } from '../map/MapStatus.tsx'
import { useMapLibre } from '../map/useMapLibre.ts'
import { ZoomButtons } from '../map/ZoomButtons.tsx'
import '../map/map.css'
import './map-legend.css'
import { feedbackStyleUrl } from './mapStyle.ts'

/** Feedback maps show no city layer of their own in the attribution (their `dc-` layers are left out). */
const noLayers: never[] = []

/**
 * A feedback map (the resident's pin and reports maps, the console's queue map): the city style in
 * the page's language, its canvas labelled `label` and described by the keyboard instructions.
 */
export function useFeedbackMap(label: string) {
  const language = useLanguage()
  const container = useRef<HTMLDivElement>(null)
  const instructionsId = useId()
  const state = useMapLibre(container, feedbackStyleUrl(language), label, instructionsId)
  return {
    container,
    instructionsId,
    state,
    map: state.status === 'ready' ? state.map : undefined,
    styleLoads: state.status === 'ready' ? state.styleLoads : 0,
  }
}

export type FeedbackMap = ReturnType<typeof useFeedbackMap>

/**
 * Where a feedback map is drawn: the canvas, the crosshair keyboard users aim with (where Enter
 * acts), the instructions, loading or failure, zoom buttons and the attribution.
 */
export function MapStage({
  view,
  className,
  instructions,
  crosshair = true,
}: {
  view: FeedbackMap
  className: string
  instructions: string
  crosshair?: boolean
}) {
  return (
    <div className={`map-stage ${className}`}>
      <div ref={view.container} className="map-canvas" />
      {crosshair ? <div className="map-crosshair" aria-hidden="true" /> : null}
      <p id={view.instructionsId} className="map-keyboard-help">
        {instructions}
      </p>
      <MapStatus state={view.state} />
      <ZoomButtons map={view.map} />
      <MapAttribution map={view.map} styleLoads={view.styleLoads} layers={noLayers} visibility={undefined} />
    </div>
  )
}

type ScreenPoint = { x: number; y: number }

/**
 * Choosing on a map: a click or tap chooses at its point; Enter or Space on the focused map
 * chooses at the centre, under the crosshair, so keyboard users can choose too. The listeners are
 * added once per map and always call the latest `choose`.
 */
export function useChooseOnMap(
  map: MapLibreMap | undefined,
  choose: (map: MapLibreMap, point: ScreenPoint) => void,
): void {
  const latest = useRef(choose)
  useEffect(() => {
    latest.current = choose
  })
  useEffect(() => {
    if (!map) return
    const onClick = (event: { point: ScreenPoint }) => latest.current(map, event.point)
    const canvas = map.getCanvas()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return
      event.preventDefault()
      latest.current(map, { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 })
    }
    map.on('click', onClick)
    canvas.addEventListener('keydown', onKeyDown)
    return () => {
      map.off('click', onClick)
      canvas.removeEventListener('keydown', onKeyDown)
    }
  }, [map])
}

/** What the map's dot colours mean, in words (the colour alone says nothing to some readers). */
export function MapLegend({
  label,
  entries,
}: {
  label?: string
  entries: ReadonlyArray<{ key: string; colour: string; text: string }>
}) {
  return (
    <ul className="map-legend" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.key}>
          <span className="map-legend__dot" style={{ background: entry.colour }} aria-hidden="true" />
          {entry.text}
        </li>
      ))}
    </ul>
  )
}
