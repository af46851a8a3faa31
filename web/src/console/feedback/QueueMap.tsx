import { REPORT_STATUSES, type ReportStatus } from '@dc/contracts'
import type { GeoJSONSource, Map as MapLibreMap, PointLike } from 'maplibre-gl'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  fetchQueueGeoJson,
  type QueueFeatureCollection,
  type QueueFeatureProperties,
} from '../../api/console-feedback.ts'
import { useApiResource } from '../../api/useApiResource.ts'
import { MapLegend, MapStage, useChooseOnMap, useFeedbackMap } from '../../feedback/MapStage.tsx'
import { formatNumber } from '../../i18n/format.ts'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { LiveRegion } from '../../map/LiveRegion.tsx'
import { setLayerVisible } from '../../map/styleLayers.ts'
import { ResourceView } from '../../shell/ResourceView.tsx'
import { reportPath } from './paths.ts'
import { StatusChip } from './StatusChip.tsx'

/** Prefixed `dc-` like the map's other app layers, so the attribution list leaves it out. */
const sourceId = 'dc-feedback-queue'
const pointsLayer = 'dc-feedback-queue-points'
const chosenLayer = 'dc-feedback-queue-chosen'
/** The city's own point layers would mix with the reports' dots; the ward outlines stay. */
const crowdingLayers = ['traffic-cameras', 'flood-points', 'facilities']
/** The dots' colours, on the map and in its legend. */
const dotColours = { overdue: '#a61b1b', onTime: '#0b4f8a' }
/** How far from a tap a dot still counts as tapped (fingers are not precise). */
const tapTolerance = 10

const noPoints: QueueFeatureCollection = { type: 'FeatureCollection', features: [] }

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
        'circle-color': ['case', ['==', ['get', 'overdue'], true], dotColours.overdue, dotColours.onTime],
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
  const view = useFeedbackMap(t('consoleFeedback.map.canvasLabel'))
  const { map, styleLoads } = view
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

  useChooseOnMap(map, (activeMap, point) => {
    const found = reportAt(activeMap, point)
    setChosen(found)
    setAnnouncement(
      found ? t('consoleFeedback.map.selected', { code: found.code }) : t('consoleFeedback.map.nothingHere'),
    )
  })

  const chosenStatus = chosen ? asStatus(chosen.status) : null
  return (
    <section className="card cf-map" aria-labelledby="cf-map-heading">
      <h2 id="cf-map-heading">{t('consoleFeedback.map.heading')}</h2>
      {points.state.status === 'failed' ? (
        <ResourceView resource={points}>{() => null}</ResourceView>
      ) : (
        <p>{t('consoleFeedback.map.count', { shown: formatNumber(data.features.length, language) })}</p>
      )}
      <MapLegend
        entries={[
          { key: 'overdue', colour: dotColours.overdue, text: t('consoleFeedback.map.legendOverdue') },
          { key: 'onTime', colour: dotColours.onTime, text: t('consoleFeedback.map.legendOnTime') },
        ]}
      />
      <MapStage view={view} className="cf-map__stage" instructions={t('consoleFeedback.map.instructions')} />
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
