import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useState } from 'react'

/** The map's zoom level, updated when a zoom ends. */
export function useMapZoom(map: MapLibreMap | undefined): number | undefined {
  const [zoom, setZoom] = useState<number>()
  useEffect(() => {
    if (!map) return
    const update = () => setZoom(map.getZoom())
    update()
    map.on('zoomend', update)
    return () => {
      map.off('zoomend', update)
    }
  }, [map])
  return zoom
}
