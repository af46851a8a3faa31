import type { MapGeoJSONFeature, Map as MapLibreMap, PointLike } from 'maplibre-gl'

/**
 * The map style (`GET /tiles/style.json`) names each vector source after the platform layer it
 * shows (wards, traffic-cameras, flood-points, facilities); one platform layer may be drawn by
 * several style layers (a fill and its outline, a circle and its label). These helpers work on a
 * platform layer as a whole. The app adds its own style layers, prefixed `dc-`, on top.
 */

export const wardsLayerId = 'wards'
const overlayPrefix = 'dc-'
const overlaySource = 'dc-overlay'
const selectedWardLayer = 'dc-selected-ward'
const overlayPointsLayer = 'dc-overlay-points'

/** The style layers drawing a platform layer (its vector source), in drawing order. */
export function styleLayersOf(map: MapLibreMap, layerId: string): string[] {
  return map
    .getLayersOrder()
    .filter((id) => !id.startsWith(overlayPrefix) && map.getLayer(id)?.source === layerId)
}

/** Shown when any of its style layers is visible. */
export function isLayerVisible(map: MapLibreMap, layerId: string): boolean {
  return styleLayersOf(map, layerId).some((id) => map.getLayoutProperty(id, 'visibility') !== 'none')
}

export function setLayerVisible(map: MapLibreMap, layerId: string, visible: boolean): void {
  for (const id of styleLayersOf(map, layerId)) {
    map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none')
  }
}

/**
 * Adds the app's own layers after each style load: the outline of the selected ward and the
 * points the app places (the resident's location, the selected point feature).
 */
export function installOverlays(map: MapLibreMap): void {
  if (!map.getSource(overlaySource)) {
    map.addSource(overlaySource, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
  }
  const wardLayer = styleLayersOf(map, wardsLayerId)
    .map((id) => map.getLayer(id))
    .find((layer) => layer?.type === 'fill')
  if (wardLayer && !map.getLayer(selectedWardLayer)) {
    map.addLayer({
      id: selectedWardLayer,
      type: 'line',
      source: wardsLayerId,
      'source-layer': wardLayer.sourceLayer,
      filter: ['==', ['get', 'code'], ''],
      paint: { 'line-color': '#0b0c0c', 'line-width': 4 },
    })
  }
  if (!map.getLayer(overlayPointsLayer)) {
    map.addLayer({
      id: overlayPointsLayer,
      type: 'circle',
      source: overlaySource,
      paint: {
        'circle-radius': ['match', ['get', 'kind'], 'me', 8, 12],
        'circle-color': ['match', ['get', 'kind'], 'me', '#1a73e8', 'rgba(0,0,0,0)'],
        'circle-stroke-color': ['match', ['get', 'kind'], 'me', '#ffffff', '#0b0c0c'],
        'circle-stroke-width': 3,
      },
    })
  }
}

/**
 * Marks the chosen ward: a dark outline of the app's own, and the style's `selected` feature state
 * (ward features carry their code as id). Returns how to unmark it.
 */
export function showSelectedWard(map: MapLibreMap, code: string | null): () => void {
  if (map.getLayer(selectedWardLayer)) map.setFilter(selectedWardLayer, ['==', ['get', 'code'], code ?? ''])
  const sourceLayer = map.getLayer(selectedWardLayer)?.sourceLayer
  if (!code || !sourceLayer) return () => {}
  const feature = { source: wardsLayerId, sourceLayer, id: code }
  map.setFeatureState(feature, { selected: true })
  return () => {
    if (map.getSource(wardsLayerId)) map.removeFeatureState(feature, 'selected')
  }
}

/** The lowest zoom at which any style layer of a platform layer is drawn. */
export function visibleFromZoom(map: MapLibreMap, layerId: string): number | undefined {
  const zooms = styleLayersOf(map, layerId).map((id) => map.getLayer(id)?.minzoom ?? 0)
  return zooms.length ? Math.min(...zooms) : undefined
}

export interface OverlayPoint {
  kind: 'me' | 'selected'
  lngLat: [number, number]
}

export function showOverlayPoints(map: MapLibreMap, points: OverlayPoint[]): void {
  const source = map.getSource(overlaySource)
  if (!source || !('setData' in source) || typeof source.setData !== 'function') return
  source.setData({
    type: 'FeatureCollection',
    features: points.map((point) => ({
      type: 'Feature',
      properties: { kind: point.kind },
      geometry: { type: 'Point', coordinates: point.lngLat },
    })),
  })
}

/** How far from a tap a point feature still counts as tapped (fingers are not precise). */
const tapTolerance = 10

/**
 * What is drawn at a screen point: a feature of one of the point layers (cameras, flood points,
 * facilities) within tap distance first, else the ward polygon under it.
 */
export function featureAt(
  map: MapLibreMap,
  point: { x: number; y: number },
  pointLayerIds: readonly string[],
): MapGeoJSONFeature | undefined {
  const drawnBy = (layerIds: readonly string[]) =>
    layerIds
      .flatMap((layerId) => styleLayersOf(map, layerId))
      .filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none')
  const pointLayers = drawnBy(pointLayerIds)
  const box: [PointLike, PointLike] = [
    [point.x - tapTolerance, point.y - tapTolerance],
    [point.x + tapTolerance, point.y + tapTolerance],
  ]
  const points = pointLayers.length ? map.queryRenderedFeatures(box, { layers: pointLayers }) : []
  if (points[0]) return points[0]
  const wardLayers = drawnBy([wardsLayerId])
  return wardLayers.length
    ? map.queryRenderedFeatures([point.x, point.y], { layers: wardLayers })[0]
    : undefined
}
