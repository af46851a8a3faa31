import type { LayerList, LocateResult, WardDetail, WardResolution } from '@dc/contracts'
import { getJson } from './http.ts'

/** The map layers: ids (= vector-tile sources of the map style), titles, attribution, size. */
export function fetchLayers(signal: AbortSignal): Promise<LayerList> {
  return getJson<LayerList>('/api/v1/geo/layers', { signal })
}

/** One 2025 ward with its extent and the former wards it was formed from. */
export function fetchWard(code: string, signal: AbortSignal): Promise<WardDetail> {
  return getJson<WardDetail>(`/api/v1/geo/wards/${encodeURIComponent(code)}`, { signal })
}

/**
 * A ward as residents write it (new or pre-2025 name, diacritics optional, or a code) → the 2025
 * wards it matches and the former wards with the ward(s) they went into.
 */
export function resolveWard(query: string, signal: AbortSignal): Promise<WardResolution> {
  return getJson<WardResolution>(`/api/v1/geo/wards/resolve?q=${encodeURIComponent(query)}`, { signal })
}

/** The ward at a point; fails with the problem code `outside_city` when the point is not in the city. */
export function locateWard(lon: number, lat: number, signal?: AbortSignal): Promise<LocateResult> {
  return getJson<LocateResult>(`/api/v1/geo/locate?lon=${lon}&lat=${lat}`, signal ? { signal } : {})
}

/** A feature of an OGC API Features collection (GeoJSON; geometry null when it has no location). */
export interface OgcFeature {
  type: 'Feature'
  id: string | number
  geometry: { type: string; coordinates: unknown } | null
  properties: Record<string, unknown>
}

interface OgcFeatureCollection {
  type: 'FeatureCollection'
  features: OgcFeature[]
  links?: { rel: string; href: string }[]
}

/** Largest page we ask for; the server may cap it lower, so `next` links are followed. */
const ogcPageSize = 1000

/**
 * Every feature of a layer that has no geometry (known, but not placed on the map), read from the
 * layer's OGC API Features collection page by page.
 */
export async function fetchUnmappedFeatures(layerId: string, signal: AbortSignal): Promise<OgcFeature[]> {
  const unmapped: OgcFeature[] = []
  let url: string | undefined = `/ogc/collections/${encodeURIComponent(layerId)}/items?limit=${ogcPageSize}`
  for (let page = 0; url && page < 50; page++) {
    const collection: OgcFeatureCollection = await getJson<OgcFeatureCollection>(url, { signal })
    unmapped.push(...collection.features.filter((feature) => feature.geometry === null))
    url = sameOriginPath(collection.links?.find((link) => link.rel === 'next')?.href)
  }
  return unmapped
}

/** A link the server gave (maybe absolute, with its public base URL) as a same-origin path. */
function sameOriginPath(href: string | undefined): string | undefined {
  if (!href) return undefined
  const url = new URL(href, window.location.href)
  return url.pathname + url.search
}
