import type { Map as MapLibreMap } from 'maplibre-gl'
import { type RefObject, useEffect, useRef, useState } from 'react'
import { loadMapLibre } from './maplibre.ts'
import { installOverlays } from './styleLayers.ts'

export type MapState =
  | { status: 'loading' }
  /** `styleLoads` counts style loads: effects that change the style re-run after a new one. */
  | { status: 'ready'; map: MapLibreMap; styleLoads: number }
  | { status: 'failed'; reason: 'webgl' | 'style' | 'script' }

declare global {
  interface Window {
    /** The page's map, for end-to-end tests (tests/browser/map.test.ts) and for debugging. */
    dcMap?: MapLibreMap
  }
}

/**
 * Creates a MapLibre map in `container` once, with the style at `styleUrl`; a new URL (the other
 * language) replaces the style and keeps the view. The canvas is the map's keyboard target: it
 * gets the given label and is described by the element `describedBy` (the instructions).
 */
export function useMapLibre(
  container: RefObject<HTMLDivElement | null>,
  styleUrl: string,
  canvasLabel: string,
  describedBy: string,
): MapState {
  const [state, setState] = useState<MapState>({ status: 'loading' })
  const mapRef = useRef<MapLibreMap | null>(null)
  const styleRef = useRef(styleUrl)

  useEffect(() => {
    const element = container.current
    if (!element) return
    let map: MapLibreMap | undefined
    let disposed = false
    loadMapLibre().then(
      (maplibre) => {
        if (disposed) return
        try {
          map = new maplibre.Map({
            container: element,
            style: styleRef.current, // it says where the map opens (the city's centre)
            attributionControl: false, // shown by the page, in its language (MapAttribution)
            dragRotate: false, // a city map stays north-up; rotation only confuses
            touchPitch: false,
            pitchWithRotate: false,
          })
        } catch (error) {
          console.warn('The map could not be created (WebGL unavailable?)', error)
          setState({ status: 'failed', reason: 'webgl' })
          return
        }
        const created = map
        mapRef.current = created
        window.dcMap = created
        created.touchZoomRotate.disableRotation()
        let styleLoads = 0
        created.on('style.load', () => {
          installOverlays(created)
          styleLoads += 1
          setState({ status: 'ready', map: created, styleLoads })
        })
        created.on('error', (event) => {
          console.warn('Map error', event.error)
          // Before the first style load an error means there is no map to show at all.
          if (styleLoads === 0) setState({ status: 'failed', reason: 'style' })
        })
      },
      (error: unknown) => {
        console.warn('MapLibre could not be loaded', error)
        if (!disposed) setState({ status: 'failed', reason: 'script' })
      },
    )
    return () => {
      disposed = true
      if (map && window.dcMap === map) window.dcMap = undefined
      map?.remove()
      mapRef.current = null
    }
  }, [container])

  // The other language: a new style, loaded whole (not diffed) so the app's overlays are re-added.
  useEffect(() => {
    if (styleRef.current === styleUrl) return
    styleRef.current = styleUrl
    mapRef.current?.setStyle(styleUrl, { diff: false })
  }, [styleUrl])

  const map = state.status === 'ready' ? state.map : undefined
  useEffect(() => {
    const canvas = map?.getCanvas()
    if (!canvas) return
    canvas.setAttribute('aria-label', canvasLabel)
    canvas.setAttribute('aria-describedby', describedBy)
  }, [map, canvasLabel, describedBy])

  return state
}
