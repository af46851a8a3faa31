import type { LayerInfo } from '@dc/contracts'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useCallback, useEffect, useState } from 'react'
import { isLayerVisible, setLayerVisible, styleLayersOf } from './styleLayers.ts'

/**
 * Which platform layers are shown. The style decides at first; the resident's choices are kept
 * and applied again after every style load (the style changes with the language).
 * `visibility` is undefined until the map is ready; a layer the style does not draw is left out.
 */
export function useLayerVisibility(
  map: MapLibreMap | undefined,
  styleLoads: number,
  layers: readonly LayerInfo[],
): {
  visibility: Record<string, boolean> | undefined
  setVisible: (layerId: string, visible: boolean) => void
} {
  const [choices, setChoices] = useState<Record<string, boolean>>({})

  useEffect(() => {
    if (!map || styleLoads === 0) return
    for (const [layerId, visible] of Object.entries(choices)) setLayerVisible(map, layerId, visible)
  }, [map, styleLoads, choices])

  const setVisible = useCallback((layerId: string, visible: boolean) => {
    setChoices((current) => ({ ...current, [layerId]: visible }))
  }, [])

  const visibility =
    map && styleLoads > 0
      ? Object.fromEntries(
          layers
            .filter((layer) => styleLayersOf(map, layer.id).length > 0)
            .map((layer) => [layer.id, choices[layer.id] ?? isLayerVisible(map, layer.id)]),
        )
      : undefined
  return { visibility, setVisible }
}
