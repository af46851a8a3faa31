import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import { useEffect } from 'react'
import { featureAt, wardsLayerId } from './styleLayers.ts'

/**
 * With a mouse: the pointer becomes a hand over anything that can be chosen, and the ward under it
 * is lightly highlighted (the style's `hover` feature state).
 */
export function useMapHover(map: MapLibreMap | undefined, pointLayerIds: readonly string[]): void {
  const layersKey = pointLayerIds.join(',')
  useEffect(() => {
    if (!map) return
    const pointLayers = layersKey ? layersKey.split(',') : []
    let hovered: { source: string; sourceLayer: string; id: string | number } | undefined
    const clear = () => {
      if (hovered && map.getSource(hovered.source)) map.removeFeatureState(hovered, 'hover')
      hovered = undefined
    }
    const onMove = (event: MapMouseEvent) => {
      const feature = featureAt(map, event.point, pointLayers)
      map.getCanvas().style.cursor = feature ? 'pointer' : ''
      const ward =
        feature?.source === wardsLayerId && feature.id !== undefined && feature.sourceLayer
          ? { source: wardsLayerId, sourceLayer: feature.sourceLayer, id: feature.id }
          : undefined
      if (ward && hovered && ward.id === hovered.id && ward.sourceLayer === hovered.sourceLayer) return
      clear()
      if (ward) {
        map.setFeatureState(ward, { hover: true })
        hovered = ward
      }
    }
    const onLeave = () => {
      clear()
      map.getCanvas().style.cursor = ''
    }
    map.on('mousemove', onMove)
    map.on('mouseout', onLeave)
    return () => {
      map.off('mousemove', onMove)
      map.off('mouseout', onLeave)
      clear()
    }
  }, [map, layersKey])
}
