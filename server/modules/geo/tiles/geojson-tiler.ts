import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type { LayerFeature } from '../layer.repository.ts'
import type { TileCoord } from './tile-grid.ts'
import { ID_ATTRIBUTE, TILE_BUFFER, TILE_EXTENT, tileFeatureId } from './tile-layer.ts'

/** One source-layer of an in-process tileset. */
export interface TilerLayer {
  name: string
  features: readonly LayerFeature[]
}

export interface TilerOptions {
  /** Deepest zoom cut with full detail (deeper tiles are not served). */
  maxZoom: number
  /** geojson-vt simplification, in tile units of a 4096 extent; default 1 (see GeoJsonTiler). */
  tolerance?: number
}

export const EMPTY_TILE = new Uint8Array(0)

/**
 * geojson-vt keeps every tile it has cut (the index drills down on demand and never forgets), so a
 * crawler walking z16 would grow it without bound: past this many cut tiles the index is rebuilt.
 * Encoded tiles live in the LRU cache anyway; this only bounds the slicing state.
 */
const MAX_CUT_TILES = 20_000

/**
 * Vector tiles cut in process with geojson-vt and encoded with vt-pbf: the embedded engine's tiler
 * (PGlite has no ST_AsMVT), and the tiler of small static or derived layers (basemap, label points)
 * on every engine. Same extent and buffer as ST_AsMVT; the `tolerance` of 1 (geojson-vt's default is
 * 3) keeps simplification and the dropping of sub-pixel slivers close to what ST_AsMVTGeom does.
 */
export class GeoJsonTiler {
  readonly #layers: readonly TilerLayer[]
  readonly #options: TilerOptions
  #indexes: Array<{ name: string; index: GeoJSONVT }> | undefined
  #cut = 0

  constructor(layers: readonly TilerLayer[], options: TilerOptions) {
    this.#layers = layers
    this.#options = options
  }

  /** The encoded tile; EMPTY_TILE when no feature touches it. */
  tile({ z, x, y }: TileCoord): Uint8Array {
    if (!this.#indexes || this.#cut >= MAX_CUT_TILES) {
      this.#indexes = this.#layers.map((layer) => ({
        name: layer.name,
        index: buildIndex(layer, this.#options),
      }))
      this.#cut = 0
    }
    this.#cut++
    const layers: Record<string, GeoJSONVTTile> = {}
    for (const { name, index } of this.#indexes) {
      const tile = index.getTile(z, x, y)
      if (tile && tile.features.length > 0) layers[name] = tile
    }
    if (Object.keys(layers).length === 0) return EMPTY_TILE
    return fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT })
  }
}

function buildIndex(layer: TilerLayer, { maxZoom, tolerance = 1 }: TilerOptions): GeoJSONVT {
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: layer.features.flatMap((feature) => (feature.geometry ? [toTileFeature(feature)] : [])),
  }
  return new GeoJSONVT(collection, {
    maxZoom,
    indexMaxZoom: Math.min(5, maxZoom),
    tolerance,
    extent: TILE_EXTENT,
    buffer: TILE_BUFFER,
  })
}

/** The feature as a tile carries it: `id` attribute first, then the properties; integer ids as MVT ids. */
function toTileFeature(feature: LayerFeature): Feature {
  const numericId = tileFeatureId(feature.id)
  return {
    type: 'Feature',
    // vt-pbf would parseInt() a text id ("21a9…" → 21): only plain integers become MVT ids.
    ...(numericId === undefined ? {} : { id: numericId }),
    geometry: feature.geometry as Geometry,
    properties: { [ID_ATTRIBUTE]: feature.id, ...feature.properties },
  }
}
