import type { LayerInfo, LocateResult, WardDetail, WardSummary } from '@dc/contracts'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RequestFailedError } from '../api/errors.ts'
import { fetchLayers, locateWard } from '../api/geo.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResourceView } from '../shell/ResourceView.tsx'
import { propertyText } from './DetailList.tsx'
import { LayerSwitcher } from './LayerSwitcher.tsx'
import { LiveRegion } from './LiveRegion.tsx'
import { MapAttribution } from './MapAttribution.tsx'
import { MapNotice } from './MapNotice.tsx'
import { MapPanel } from './MapPanel.tsx'
import { MapStatus } from './MapStatus.tsx'
import { PointDetails } from './PointDetails.tsx'
import { SearchResults } from './SearchResults.tsx'
import {
  featureAt,
  showOverlayPoints,
  showSelectedWard,
  visibleFromZoom,
  wardsLayerId,
} from './styleLayers.ts'
import { useLayerVisibility } from './useLayerVisibility.ts'
import { type LocateFailure, useLocateMe } from './useLocateMe.ts'
import { useMapHover } from './useMapHover.ts'
import { useMapLibre } from './useMapLibre.ts'
import { useMapZoom } from './useMapZoom.ts'
import { candidateWards, useWardSearch } from './useWardSearch.ts'
import { keepInView, uncoveredPadding } from './viewport.ts'
import { WardDetails } from './WardDetails.tsx'
import { WardSearchForm } from './WardSearchForm.tsx'
import { ZoomButtons } from './ZoomButtons.tsx'
import './map.css'

type PanelKind = 'layers' | 'results' | 'details'

/** Where a chosen ward came from: the panel words its heading and links after it. */
type WardOrigin = 'map' | 'search' | 'locate'

type Selection =
  | { kind: 'ward'; code: string; origin: WardOrigin }
  | { kind: 'feature'; layerId: string; properties: Record<string, unknown>; lngLat?: [number, number] }

export interface MapExplorerProps {
  /** The page's one h1. */
  heading: string
  /** Officials see each layer's version and last change in the layer list. */
  showLayerStats?: boolean
}

/**
 * The map style in the page's language (its labels). Always explicit: without `lang` the server
 * goes by the browser's Accept-Language, which need not be the language chosen in the page.
 */
function styleUrlFor(language: string): string {
  return `/tiles/style.json?lang=${language}`
}

/**
 * The digital map: search a ward, switch layers, locate yourself, choose anything on the map and
 * read its details in a panel that keyboards and screen readers reach like any other content.
 */
export function MapExplorer({ heading, showLayerStats = false }: MapExplorerProps) {
  const { t } = useTranslation()
  const language = useLanguage()
  const container = useRef<HTMLDivElement>(null)
  const stage = useRef<HTMLDivElement>(null)
  const panelBox = useRef<HTMLDivElement>(null)
  const instructionsId = useId()
  const mapState = useMapLibre(container, styleUrlFor(language), t('map.canvasLabel'), instructionsId)
  const map = mapState.status === 'ready' ? mapState.map : undefined
  const styleLoads = mapState.status === 'ready' ? mapState.styleLoads : 0
  const zoom = useMapZoom(map)
  /** The map for callbacks that must stay the same function across renders. */
  const mapRef = useRef(map)
  useEffect(() => {
    mapRef.current = map
  })

  const layers = useApiResource(fetchLayers)
  const layerList = layers.state.status === 'loaded' ? layers.state.data.layers : noLayers
  const pointLayerIds = layerList.filter((layer) => layer.geometryType === 'Point').map((layer) => layer.id)
  const { visibility, setVisible } = useLayerVisibility(map, styleLoads, layerList)
  useMapHover(map, pointLayerIds)

  const [panel, setPanel] = useState<PanelKind | null>(null)
  const layersButton = useRef<HTMLButtonElement>(null)
  const [focusRequest, setFocusRequest] = useState(0)
  const [selection, setSelection] = useState<Selection | null>(null)
  const [myLocation, setMyLocation] = useState<[number, number] | null>(null)
  const [problem, setProblem] = useState<LocateFailure | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const wardSearch = useWardSearch()
  /** The ward to fit the map to once its extent is known (chosen by search, not on the map). */
  const fitWard = useRef<string | null>(null)
  /** The ward to announce by name once loaded ("my location" announces itself). */
  const announceWard = useRef<string | null>(null)

  const wardCode = selection?.kind === 'ward' ? selection.code : null
  const pointLngLat = selection?.kind === 'feature' ? selection.lngLat : undefined

  useEffect(() => {
    if (map && styleLoads > 0) return showSelectedWard(map, wardCode)
  }, [map, styleLoads, wardCode])

  useEffect(() => {
    if (!map || styleLoads === 0) return
    showOverlayPoints(map, [
      ...(myLocation ? [{ kind: 'me' as const, lngLat: myLocation }] : []),
      ...(pointLngLat ? [{ kind: 'selected' as const, lngLat: pointLngLat }] : []),
    ])
  }, [map, styleLoads, myLocation, pointLngLat])

  const chooseWard = (code: string, options: { origin: WardOrigin; fit: boolean; focus: boolean }) => {
    fitWard.current = options.fit ? code : null
    announceWard.current = code
    setSelection({ kind: 'ward', code, origin: options.origin })
    setPanel('details')
    setProblem(null)
    if (options.focus) setFocusRequest((n) => n + 1)
  }

  const onWardLoaded = useCallback(
    (ward: WardDetail) => {
      if (announceWard.current === ward.code) {
        announceWard.current = null
        setAnnouncement(
          t('map.details.selected', { name: language === 'en' ? ward.fullNameEn : ward.fullName }),
        )
      }
      const liveMap = mapRef.current
      if (fitWard.current !== ward.code || !liveMap) return
      fitWard.current = null
      const [minLon, minLat, maxLon, maxLat] = ward.bbox as [number, number, number, number]
      liveMap.fitBounds(
        [
          [minLon, minLat],
          [maxLon, maxLat],
        ],
        { padding: uncoveredPadding(stage.current, panelBox.current), maxZoom: 16 },
      )
    },
    [t, language],
  )

  const onSearch = async (query: string) => {
    setPanel('results')
    setProblem(null)
    const resolution = await wardSearch.search(query)
    if (!resolution) return
    const found = resolution.current.length + resolution.former.length
    setAnnouncement(
      found
        ? t('map.search.count', { total: found, query: query.trim() })
        : t('map.search.none', { query: query.trim() }),
    )
    const candidates = candidateWards(resolution)
    if (resolution.current.length === 1 && candidates.length === 1 && candidates[0]) {
      chooseWard(candidates[0].code, { origin: 'search', fit: true, focus: false })
    }
  }

  const onLocated = useCallback(
    (result: LocateResult) => {
      const lngLat: [number, number] = [result.point.lon, result.point.lat]
      setMyLocation(lngLat)
      fitWard.current = null
      announceWard.current = null
      setSelection({ kind: 'ward', code: result.ward.code, origin: 'locate' })
      setPanel('details')
      setProblem(null)
      const ward = language === 'en' ? result.ward.fullNameEn : result.ward.fullName
      setAnnouncement(t('map.locate.found', { ward }))
      // After the panel has opened, so the point lands in the part of the map it leaves uncovered.
      requestAnimationFrame(() => {
        const liveMap = mapRef.current
        liveMap?.flyTo({
          center: lngLat,
          zoom: Math.max(liveMap.getZoom(), 15),
          padding: uncoveredPadding(stage.current, panelBox.current),
        })
      })
    },
    [t, language],
  )
  const onLocateFailed = useCallback((failure: LocateFailure) => setProblem(failure), [])
  const { locate, locating } = useLocateMe({ onLocated, onFailed: onLocateFailed })
  useEffect(() => {
    if (locating) setAnnouncement(t('map.locate.locating'))
  }, [locating, t])

  /** Whatever is drawn at a point of the map: a point feature, else the ward (asked of the API when hidden). */
  const selectAt = (activeMap: MapLibreMap, point: { x: number; y: number }, viaKeyboard: boolean) => {
    const feature = featureAt(activeMap, point, pointLayerIds)
    const code = feature?.source === wardsLayerId ? propertyText(feature.properties, 'code') : undefined
    if (code) {
      chooseWard(code, { origin: 'map', fit: false, focus: viaKeyboard })
    } else if (feature) {
      const geometry = feature.geometry
      const lngLat = geometry.type === 'Point' ? (geometry.coordinates as [number, number]) : undefined
      setSelection({
        kind: 'feature',
        layerId: feature.source,
        properties: { ...feature.properties },
        lngLat,
      })
      setPanel('details')
      if (lngLat) requestAnimationFrame(() => keepInView(activeMap, lngLat))
      setProblem(null)
      if (viaKeyboard) setFocusRequest((n) => n + 1)
      const name = ['displayName', 'place', 'name']
        .map((p) => propertyText(feature.properties, p))
        .find(Boolean)
      if (name) setAnnouncement(t('map.details.selected', { name }))
    } else {
      const { lng, lat } = activeMap.unproject([point.x, point.y])
      locateWard(lng, lat).then(
        (result) => chooseWard(result.ward.code, { origin: 'map', fit: false, focus: viaKeyboard }),
        (error: unknown) => {
          if (error instanceof RequestFailedError) {
            setProblem({ kind: 'request', failure: error.failure, lngLat: [lng, lat] })
          }
        },
      )
    }
  }
  const latestSelectAt = useRef(selectAt)
  useEffect(() => {
    latestSelectAt.current = selectAt
  })

  // Pointer: a click or tap. Keyboard: Enter or Space on the focused map chooses what is at its centre.
  useEffect(() => {
    if (!map) return
    const onClick = (event: { point: { x: number; y: number } }) =>
      latestSelectAt.current(map, event.point, false)
    const canvas = map.getCanvas()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return
      event.preventDefault()
      latestSelectAt.current(map, { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 }, true)
    }
    map.on('click', onClick)
    canvas.addEventListener('keydown', onKeyDown)
    return () => {
      map.off('click', onClick)
      canvas.removeEventListener('keydown', onKeyDown)
    }
  }, [map])

  /** Closing the panel hands the focus back to where the panel came from (the page keeps a focus). */
  const closePanel = () => {
    setPanel(null)
    if (panel === 'layers') layersButton.current?.focus()
    else if (map) map.getCanvas().focus()
    else
      stage.current
        ?.closest('.map-explorer')
        ?.querySelector<HTMLInputElement>('input[type="search"]')
        ?.focus()
  }

  const toggleLayer = (layer: LayerInfo, visible: boolean) => {
    setVisible(layer.id, visible)
    const title = layer.title[language]
    setAnnouncement(
      visible ? t('map.layers.shown', { layer: title }) : t('map.layers.hidden', { layer: title }),
    )
  }

  const layerTitle = (layerId: string) =>
    layerList.find((layer) => layer.id === layerId)?.title[language] ?? layerId

  const panelTitle =
    panel === 'layers'
      ? t('map.layers.heading')
      : panel === 'results'
        ? t('map.search.heading')
        : selection?.kind === 'ward' && selection.origin === 'locate'
          ? t('map.locate.heading')
          : t('map.details.heading')

  return (
    <div className="map-explorer">
      <div className="map-toolbar">
        <div className="map-toolbar__top">
          <h1>{heading}</h1>
          <div className="map-toolbar__actions">
            <button
              type="button"
              className="button button--secondary"
              ref={layersButton}
              aria-expanded={panel === 'layers'}
              onClick={() => setPanel(panel === 'layers' ? null : 'layers')}
            >
              {t('map.layers.button')}
            </button>
            <button type="button" className="button button--secondary" onClick={locate} aria-busy={locating}>
              {t('map.locate.button')}
            </button>
          </div>
        </div>
        <WardSearchForm
          onSearch={(query) => void onSearch(query)}
          busy={wardSearch.state.status === 'searching'}
        />
      </div>
      {problem ? <MapNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
      <div className={panel ? 'map-body map-body--with-panel' : 'map-body'}>
        {panel ? (
          <div className="map-body__panel" ref={panelBox}>
            <MapPanel title={panelTitle} onClose={closePanel} focusRequest={focusRequest}>
              {panel === 'layers' ? (
                <ResourceView resource={layers}>
                  {() => (
                    <LayerSwitcher
                      layers={layerList}
                      visibility={visibility}
                      onToggle={toggleLayer}
                      zoom={zoom}
                      drawnFromZoom={
                        map
                          ? Object.fromEntries(layerList.map((l) => [l.id, visibleFromZoom(map, l.id)]))
                          : {}
                      }
                      showStats={showLayerStats}
                    />
                  )}
                </ResourceView>
              ) : null}
              {panel === 'results' ? (
                <SearchResults
                  state={wardSearch.state}
                  onChoose={(ward: WardSummary) =>
                    chooseWard(ward.code, { origin: 'search', fit: true, focus: true })
                  }
                  onRetry={() =>
                    void onSearch(wardSearch.state.status === 'idle' ? '' : wardSearch.state.query)
                  }
                />
              ) : null}
              {panel === 'details' ? (
                <>
                  {wardSearch.state.status === 'done' &&
                  selection?.kind === 'ward' &&
                  selection.origin === 'search' ? (
                    <button type="button" className="link-button" onClick={() => setPanel('results')}>
                      {t('map.search.backToResults')}
                    </button>
                  ) : null}
                  {selection?.kind === 'ward' ? (
                    <WardDetails code={selection.code} onLoaded={onWardLoaded} />
                  ) : null}
                  {selection?.kind === 'feature' ? (
                    <PointDetails
                      layerId={selection.layerId}
                      layerTitle={layerTitle(selection.layerId)}
                      properties={selection.properties}
                      onChooseWard={(code) => chooseWard(code, { origin: 'map', fit: true, focus: true })}
                    />
                  ) : null}
                </>
              ) : null}
            </MapPanel>
          </div>
        ) : null}
        <div className="map-stage" ref={stage}>
          <div ref={container} className="map-canvas" />
          <div className="map-crosshair" aria-hidden="true" />
          <p id={instructionsId} className="map-keyboard-help">
            {t('map.instructions')}
          </p>
          <MapStatus state={mapState} />
          <ZoomButtons map={map} />
          <MapAttribution map={map} styleLoads={styleLoads} layers={layerList} visibility={visibility} />
        </div>
      </div>
      <LiveRegion message={announcement} />
    </div>
  )
}

const noLayers: LayerInfo[] = []
