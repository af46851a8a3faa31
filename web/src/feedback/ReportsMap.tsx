import type { GeoJSONSource, MapGeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportFeatureCollection, ReportFeatureProperties } from '../api/feedback.ts'
import { formatDateTime } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { LiveRegion } from '../map/LiveRegion.tsx'
import { MapLegend, MapStage, useChooseOnMap, useFeedbackMap } from './MapStage.tsx'
import { showOnlyBaseLayers, toneColours } from './mapStyle.ts'
import { reportPath } from './paths.ts'
import { type StatusTone, statusTone } from './reportRules.ts'
import { StatusBadge } from './StatusBadge.tsx'

const reportsSource = 'dc-reports'
const reportsLayer = 'dc-reports'
/** How far from a tap (px) a report still counts as tapped. */
const tapTolerance = 12

/**
 * Public reports as coloured points. Choosing one (tap, click, or Enter on the focused map for the
 * report under the crosshair) shows its summary and link under the map. The list beside it is the
 * same content for anyone who does not use the map.
 */
export default function ReportsMap({ reports }: { reports: ReportFeatureCollection }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const view = useFeedbackMap(t('feedback.list.mapLabel'))
  const { map, styleLoads } = view
  const [chosen, setChosen] = useState<ReportFeatureProperties | null>(null)
  const [announcement, setAnnouncement] = useState('')

  useEffect(() => {
    if (!map || styleLoads === 0) return
    showOnlyBaseLayers(map)
    if (!map.getSource(reportsSource)) {
      map.addSource(reportsSource, { type: 'geojson', data: withTones(reports) })
      map.addLayer({
        id: reportsLayer,
        type: 'circle',
        source: reportsSource,
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 5, 15, 9],
          'circle-color': [
            'match',
            ['get', 'tone'],
            ...Object.entries(toneColours).flat(),
            toneColours.closed,
          ] as unknown as string,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      })
    } else {
      ;(map.getSource(reportsSource) as GeoJSONSource).setData(withTones(reports))
    }
  }, [map, styleLoads, reports])

  // Open on the reports (once): a city-wide view would show them as a few specks.
  const fitted = useRef(false)
  useEffect(() => {
    if (!map || fitted.current) return
    fitted.current = true
    const bounds = boundsOf(reports)
    if (bounds) map.fitBounds(bounds, { padding: 40, maxZoom: 14, duration: 0 })
  }, [map, reports])

  useChooseOnMap(map, (activeMap, point) => {
    const feature = reportAt(activeMap, point)
    const properties = feature ? (feature.properties as ReportFeatureProperties) : null
    setChosen(properties)
    setAnnouncement(
      properties ? t('feedback.list.mapChosen', { code: properties.code }) : t('feedback.list.mapNone'),
    )
  })

  // A pointer over a report says it can be chosen.
  useEffect(() => {
    if (!map) return
    const canvas = map.getCanvas()
    const pointerOn = () => {
      canvas.style.cursor = 'pointer'
    }
    const pointerOff = () => {
      canvas.style.cursor = ''
    }
    map.on('mouseenter', reportsLayer, pointerOn)
    map.on('mouseleave', reportsLayer, pointerOff)
    return () => {
      map.off('mouseenter', reportsLayer, pointerOn)
      map.off('mouseleave', reportsLayer, pointerOff)
    }
  }, [map])

  return (
    <div className="reports-map">
      <MapStage
        view={view}
        className="reports-map__stage"
        instructions={t('feedback.list.mapInstructions')}
      />
      <ToneLegend />
      {chosen ? (
        <section className="card reports-map__chosen" aria-labelledby="chosen-report-heading">
          <h3 id="chosen-report-heading">
            <a href={reportPath(chosen.id)}>
              {language === 'en' ? chosen.categoryNameEn : chosen.categoryName}
              <span className="report-card__code"> · {chosen.code}</span>
            </a>
          </h3>
          <p className="report-card__meta">
            <StatusBadge status={chosen.status} />
            <time dateTime={chosen.submittedAt}>{formatDateTime(chosen.submittedAt, language)}</time>
          </p>
        </section>
      ) : null}
      <LiveRegion message={announcement} />
    </div>
  )
}

function ToneLegend() {
  const { t } = useTranslation()
  const tones: StatusTone[] = ['open', 'done', 'refused', 'closed']
  return (
    <MapLegend
      label={t('feedback.list.legend')}
      entries={tones.map((tone) => ({
        key: tone,
        colour: toneColours[tone],
        text: t(`feedback.tone.${tone}`),
      }))}
    />
  )
}

/** The features with their status group, which the layer colours by. */
function withTones(collection: ReportFeatureCollection): ReportFeatureCollection {
  return {
    ...collection,
    features: collection.features.map((feature) => ({
      ...feature,
      properties: { ...feature.properties, tone: statusTone(feature.properties.status) },
    })),
  }
}

function boundsOf(collection: ReportFeatureCollection): [[number, number], [number, number]] | undefined {
  const points = collection.features.map((feature) => feature.geometry.coordinates)
  if (points.length === 0) return undefined
  const lons = points.map(([lon]) => lon)
  const lats = points.map(([, lat]) => lat)
  return [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ]
}

function reportAt(map: MapLibreMap, point: { x: number; y: number }): MapGeoJSONFeature | undefined {
  if (!map.getLayer(reportsLayer)) return undefined
  return map.queryRenderedFeatures(
    [
      [point.x - tapTolerance, point.y - tapTolerance],
      [point.x + tapTolerance, point.y + tapTolerance],
    ],
    { layers: [reportsLayer] },
  )[0]
}
