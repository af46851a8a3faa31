import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import polylabel from 'polylabel'
import { DATA_DIR } from '../../../core/paths.ts'
import type { LayerFeature } from '../layer.repository.ts'
import { GeoJsonTiler } from './geojson-tiler.ts'
import type { LonLatBounds } from './tile-grid.ts'
import type { AttributeType } from './tile-layer.ts'

/**
 * The basemap, built only from data the platform ships — no internet map service is reachable, and a
 * city may run offline: Vietnam's 34 provinces (land; Hoàng Sa and Trường Sa included), their label
 * points, and the city outline. Tiled in process from the files on every engine; the files change
 * only with a release, so their hash is the tiles' revision.
 */
export const BASEMAP_ID = 'basemap'
export const BASEMAP_MAX_ZOOM = 12
export const BASEMAP_FILES = {
  provinces: join(DATA_DIR, 'vn-provinces-2025.geojson'),
  city: join(DATA_DIR, 'hcmc-boundary-2025.geojson'),
}
export const BASEMAP_ATTRIBUTION = 'sapnhap.bando.com.vn via thanglequoc/vietnamese-provinces-database (MIT)'

const NAME_FIELDS: Record<string, AttributeType> = {
  id: 'String',
  code: 'String',
  name: 'String',
  nameEn: 'String',
  fullName: 'String',
  fullNameEn: 'String',
}

/** The basemap's source-layers (TileJSON vector_layers). */
export const BASEMAP_LAYERS = [
  { id: 'provinces', description: 'Provinces of Vietnam (2025), polygons', fields: NAME_FIELDS },
  { id: 'province-labels', description: 'One label point per province', fields: NAME_FIELDS },
  { id: 'city', description: 'The city outline (generalized)', fields: NAME_FIELDS },
]

export interface Basemap {
  revision: string
  /** [minLon, minLat, maxLon, maxLat] of the city, and of all provinces. */
  cityBounds: LonLatBounds
  provinceBounds: LonLatBounds
  tiler: GeoJsonTiler
}

interface SourceFeature {
  id?: string | number
  properties: Record<string, unknown>
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] }
}

interface Collection {
  bbox: LonLatBounds
  features: SourceFeature[]
}

let loading: Promise<Basemap> | undefined

/** Loaded once per process, on first use. */
export function basemap(): Promise<Basemap> {
  loading ??= loadBasemap().catch((error) => {
    loading = undefined
    throw error
  })
  return loading
}

async function loadBasemap(): Promise<Basemap> {
  const [provincesText, cityText] = await Promise.all([
    readFile(BASEMAP_FILES.provinces),
    readFile(BASEMAP_FILES.city),
  ])
  const hash = createHash('sha256').update(provincesText).update(cityText).digest('hex').slice(0, 12)
  const { features: provinces, bbox: provinceBounds } = JSON.parse(
    provincesText.toString('utf8'),
  ) as Collection
  const city = JSON.parse(cityText.toString('utf8')) as Collection
  const tiler = new GeoJsonTiler(
    [
      { name: 'provinces', features: provinces.map(toFeature) },
      { name: 'province-labels', features: provinces.map(labelFeature) },
      { name: 'city', features: city.features.map(toFeature) },
    ],
    // Generalized source data: geojson-vt's default simplification is plenty here.
    { maxZoom: BASEMAP_MAX_ZOOM, tolerance: 3 },
  )
  return { revision: hash, cityBounds: city.bbox, provinceBounds, tiler }
}

function names(feature: SourceFeature): Record<string, unknown> {
  const p = feature.properties
  return { code: p.code, name: p.name, nameEn: p.nameEn, fullName: p.fullName, fullNameEn: p.fullNameEn }
}

function toFeature(feature: SourceFeature): LayerFeature {
  return {
    type: 'Feature',
    id: String(feature.properties.code),
    geometry: feature.geometry,
    properties: names(feature),
  }
}

/** The label point of a province: the pole of inaccessibility of its largest part (the mainland). */
function labelFeature(feature: SourceFeature): LayerFeature {
  const polygons =
    feature.geometry.type === 'Polygon'
      ? [feature.geometry.coordinates as number[][][]]
      : (feature.geometry.coordinates as number[][][][])
  const largest = polygons.reduce((best, polygon) =>
    ringArea(polygon[0] ?? []) > ringArea(best[0] ?? []) ? polygon : best,
  )
  const [lon = 0, lat = 0] = polylabel(largest, 0.001)
  return {
    type: 'Feature',
    id: String(feature.properties.code),
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: names(feature),
  }
}

/** Planar area in square degrees: only to compare the parts of one province. */
function ringArea(ring: number[][]): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1 = 0, y1 = 0] = ring[j] ?? []
    const [x2 = 0, y2 = 0] = ring[i] ?? []
    sum += (x1 - x2) * (y1 + y2)
  }
  return Math.abs(sum / 2)
}
