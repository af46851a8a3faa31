import type * as MapLibre from 'maplibre-gl'

export type MapLibreModule = typeof MapLibre

let loading: Promise<MapLibreModule> | undefined

/**
 * MapLibre GL (about 1 MB of script, plus its worker) is fetched only when a map is shown, so the
 * home page stays light. The worker file is emitted by Vite as an asset (`?url`): MapLibre 6
 * cannot find it by itself inside a bundle.
 */
export function loadMapLibre(): Promise<MapLibreModule> {
  loading ??= Promise.all([
    import('maplibre-gl'),
    import('maplibre-gl/dist/maplibre-gl-worker.mjs?url'),
    import('maplibre-gl/dist/maplibre-gl.css'),
  ]).then(([maplibre, worker]) => {
    maplibre.setWorkerUrl(worker.default)
    return maplibre
  })
  // A failed download (offline) may be retried by the next map that is shown.
  loading.catch(() => {
    loading = undefined
  })
  return loading
}
