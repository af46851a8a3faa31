import { REPORT_STATUSES, type ReportStatus } from '@dc/contracts'
import type { GeoJSONSource, Map as MapLibreMap, PointLike } from 'maplibre-gl'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  fetchQueueGeoJson,
  type QueueFeatureCollection,
  type QueueFeatureProperties,
} from '../../api/console-feedback.ts'
import { useApiResource } from '../../api/useApiResource.ts'
import { formatNumber } from '../../i18n/format.ts'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { LiveRegion } from '../../map/LiveRegion.tsx'
import { MapAttribution } from '../../map/MapAttribution.tsx'
import { MapStatus } from '../../map/MapStatus.tsx'
import '../../map/map.css'
import { setLayerVisible } from '../../map/styleLayers.ts'
import { useMapLibre } from '../../map/useMapLibre.ts'
import { ZoomButtons } from '../../map/ZoomButtons.tsx'
import { ResourceView } from '../../shell/ResourceView.tsx'
import { reportPath } from './paths.ts'
import { StatusChip } from './StatusChip.tsx'

/** Prefixed `dc-` like the map's other app layers, so the attribution list leaves it out. */
const sourceId = 'dc-feedback-queue'
const pointsLayer = 'dc-feedback-queue-points'
const chosenLayer = 'dc-feedback-queue-chosen'
/** The city's own point layers would mix with the reports' dots; the ward outlines stay. */
const crowdingLayers = ['traffic-cameras', 'flood-points', 'facilities']
/** How far from a tap a dot still counts as tapped (fingers are not precise). */
const tapTolerance = 10

const noPoints: QueueFeatureCollection = { type: 'FeatureCollection', features: [] }
const noLayers: never[] = []

function asStatus(value: string): ReportStatus | null {
  return (REPORT_STATUSES as readonly string[]).includes(value) ? (value as ReportStatus) : null
}

/** Adds (after each style load) or refreshes the reports' dots: red when overdue, blue otherwise. */
function drawQueue(map: MapLibreMap, data: QueueFeatureCollection, chosenId: string | null): void {
  const source = map.getSource(sourceId) as GeoJSONSource | undefined
  if (source) source.setData(data)
  else map.addSource(sourceId, { type: 'geojson', data })
  if (!map.getLayer(pointsLayer)) {
    map.addLayer({
      id: pointsLayer,
      type: 'circle',
      source: sourceId,
      paint: {
        'circle-radius': 7,
        'circle-color': ['case', ['==', ['get', 'overdue'], true], '#a61b1b', '#0b4f8a'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    })
  }
  if (!map.getLayer(chosenLayer)) {
    map.addLayer({
      id: chosenLayer,
      type: 'circle',
      source: sourceId,
      filter: ['==', ['get', 'id'], ''],
      paint: {
        'circle-radius': 12,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#0b0c0c',
        'circle-stroke-width': 3,
      },
    })
  }
  map.setFilter(chosenLayer, ['==', ['get', 'id'], chosenId ?? ''])
  for (const layerId of crowdingLayers) setLayerVisible(map, layerId, false)
}

/** Shows every report of the queue at once (close up when there is only one). */
function fitToPoints(map: MapLibreMap, data: QueueFeatureCollection): void {
  const coordinates = data.features.map((feature) => feature.geometry.coordinates)
  const first = coordinates[0]
  if (!first) return
  if (coordinates.length === 1) {
    map.jumpTo({ center: first, zoom: 15 })
    return
  }
  const lons = coordinates.map(([lon]) => lon)
  const lats = coordinates.map(([, lat]) => lat)
  map.fitBounds(
    [
      [Math.min(...lons), Math.min(...lats)],
      [Math.max(...lons), Math.max(...lats)],
    ],
    { padding: 40, maxZoom: 16, animate: false },
  )
}

function reportAt(map: MapLibreMap, point: { x: number; y: number }): QueueFeatureProperties | null {
  if (!map.getLayer(pointsLayer)) return null
  const box: [PointLike, PointLike] = [
    [point.x - tapTolerance, point.y - tapTolerance],
    [point.x + tapTolerance, point.y + tapTolerance],
  ]
  const properties = map.queryRenderedFeatures(box, { layers: [pointsLayer] })[0]?.properties
  if (!properties || typeof properties.id !== 'string') return null
  return {
    id: properties.id,
    code: String(properties.code ?? ''),
    status: String(properties.status ?? ''),
    overdue: properties.overdue === true,
    categoryName: String(properties.categoryName ?? ''),
  }
}

/**
 * The queue on the city map (`reports.geojson`, same filters, not paged). Choosing a dot (click,
 * tap, or Enter at the centre with the keyboard) names the report below the map with a link to
 * it; the list above remains the way to reach every report without the map.
 */
export function QueueMap({ query }: { query: string }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const container = useRef<HTMLDivElement>(null)
  const instructionsId = useId()
  const mapState = useMapLibre(
    container,
    `/tiles/style.json?lang=${language}`,
    t('consoleFeedback.map.canvasLabel'),
    instructionsId,
  )
  const map = mapState.status === 'ready' ? mapState.map : undefined
  const styleLoads = mapState.status === 'ready' ? mapState.styleLoads : 0
  const load = useCallback((signal: AbortSignal) => fetchQueueGeoJson(query, signal), [query])
  const points = useApiResource(load)
  const data = points.state.status === 'loaded' ? points.state.data : noPoints
  const [chosen, setChosen] = useState<QueueFeatureProperties | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const fitted = useRef(false)

  useEffect(() => {
    if (!map || styleLoads === 0) return
    drawQueue(map, data, chosen?.id ?? null)
    if (!fitted.current && data.features.length) {
      fitted.current = true
      fitToPoints(map, data)
    }
  }, [map, styleLoads, data, chosen])

  const chooseAt = (activeMap: MapLibreMap, point: { x: number; y: number }) => {
    const found = reportAt(activeMap, point)
    setChosen(found)
    setAnnouncement(
      found ? t('consoleFeedback.map.selected', { code: found.code }) : t('consoleFeedback.map.nothingHere'),
    )
  }
  /** The latest chooseAt for the map's listeners, which are added once per map. */
  const choose = useRef(chooseAt)
  useEffect(() => {
    choose.current = chooseAt
  })

  // Pointer: a click or tap. Keyboard: Enter or Space on the focused map chooses what is at its centre.
  useEffect(() => {
    if (!map) return
    const onClick = (event: { point: { x: number; y: number } }) => choose.current(map, event.point)
    const canvas = map.getCanvas()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return
      event.preventDefault()
      choose.current(map, { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 })
    }
    map.on('click', onClick)
    canvas.addEventListener('keydown', onKeyDown)
    return () => {
      map.off('click', onClick)
      canvas.removeEventListener('keydown', onKeyDown)
    }
  }, [map])

  const chosenStatus = chosen ? asStatus(chosen.status) : null
  return (
    <section className="card cf-map" aria-labelledby="cf-map-heading">
      <h2 id="cf-map-heading">{t('consoleFeedback.map.heading')}</h2>
      {points.state.status === 'failed' ? (
        <ResourceView resource={points}>{() => null}</ResourceView>
      ) : (
        <p>{t('consoleFeedback.map.count', { shown: formatNumber(data.features.length, language) })}</p>
      )}
      <ul className="cf-legend">
        <li>
          <span className="cf-legend__dot cf-legend__dot--overdue" aria-hidden="true" />
          {t('consoleFeedback.map.legendOverdue')}
        </li>
        <li>
          <span className="cf-legend__dot" aria-hidden="true" />
          {t('consoleFeedback.map.legendOnTime')}
        </li>
      </ul>
      <div className="map-stage cf-map__stage">
        <div ref={container} className="map-canvas" />
        <div className="map-crosshair" aria-hidden="true" />
        <p id={instructionsId} className="map-keyboard-help">
          {t('consoleFeedback.map.instructions')}
        </p>
        <MapStatus state={mapState} />
        <ZoomButtons map={map} />
        <MapAttribution map={map} styleLoads={styleLoads} layers={noLayers} visibility={undefined} />
      </div>
      {chosen ? (
        <p className="cf-map__chosen">
          <a href={reportPath(chosen.id)}>{t('consoleFeedback.map.open', { code: chosen.code })}</a>
          <span>{chosen.categoryName}</span>
          {chosenStatus ? <StatusChip status={chosenStatus} /> : null}
        </p>
      ) : null}
      <LiveRegion message={announcement} />
    </section>
  )
}
