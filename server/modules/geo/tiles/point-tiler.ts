import { fromGeojsonVt } from '@maplibre/vt-pbf'
import Flatbush from 'flatbush'
import type { LayerFeature } from '../layer.repository.ts'
import { EMPTY_TILE } from './geojson-tiler.ts'
import type { TileCoord } from './tile-grid.ts'
import { ID_ATTRIBUTE, TILE_BUFFER, TILE_EXTENT, tileFeatureId } from './tile-layer.ts'

interface ProjectedPoint {
  /** Web Mercator, 0…1 from the antimeridian and from the north. */
  x: number
  y: number
  tags: Record<string, unknown>
  id: number | undefined
}

interface TilePoint {
  type: 1
  geometry: Array<[number, number]>
  tags: Record<string, unknown>
  id?: number
}

/**
 * Point layers (cameras, flood points, facilities, label points) tiled in process: the points,
 * projected once to Web Mercator, sit in a flatbush index, and a tile is a search of its box plus
 * buffer and an encode — microseconds, with nothing kept per tile. geojson-vt would cut and keep a
 * chain of tiles for every tile asked, which cost a fifth of the platform's uncached tile rate.
 * Rounding and buffer are geojson-vt's (and ST_AsMVTGeom's): position = round(4096 × offset in tile).
 */
export class PointTiler {
  readonly #name: string
  readonly #points: ProjectedPoint[]
  readonly #index: Flatbush | undefined

  constructor(name: string, features: readonly LayerFeature[]) {
    this.#name = name
    this.#points = features.flatMap((feature): ProjectedPoint[] => {
      if (feature.geometry?.type !== 'Point') return []
      const [lon, lat] = feature.geometry.coordinates as [number, number]
      const sin = Math.sin((lat * Math.PI) / 180)
      return [
        {
          x: (lon + 180) / 360,
          y: 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI),
          tags: { [ID_ATTRIBUTE]: feature.id, ...feature.properties },
          id: tileFeatureId(feature.id),
        },
      ]
    })
    if (this.#points.length > 0) {
      const index = new Flatbush(this.#points.length)
      for (const p of this.#points) index.add(p.x, p.y, p.x, p.y)
      index.finish()
      this.#index = index
    }
  }

  tile({ z, x, y }: TileCoord): Uint8Array {
    if (!this.#index) return EMPTY_TILE
    const size = 2 ** z
    const margin = TILE_BUFFER / TILE_EXTENT
    const hits = this.#index.search(
      (x - margin) / size,
      (y - margin) / size,
      (x + 1 + margin) / size,
      (y + 1 + margin) / size,
    )
    if (hits.length === 0) return EMPTY_TILE
    const features: TilePoint[] = []
    // Input order (the layer's id order), so a tile's bytes are the same on every instance.
    for (const i of hits.sort((a, b) => a - b)) {
      const p = this.#points[i] as ProjectedPoint
      const px = Math.round(TILE_EXTENT * (p.x * size - x))
      const py = Math.round(TILE_EXTENT * (p.y * size - y))
      if (px < -TILE_BUFFER || py < -TILE_BUFFER || px > TILE_EXTENT + TILE_BUFFER) continue
      if (py > TILE_EXTENT + TILE_BUFFER) continue
      features.push({
        type: 1,
        geometry: [[px, py]],
        tags: p.tags,
        ...(p.id === undefined ? {} : { id: p.id }),
      })
    }
    if (features.length === 0) return EMPTY_TILE
    return fromGeojsonVt({ [this.#name]: { features } } as unknown as Parameters<typeof fromGeojsonVt>[0], {
      version: 2,
      extent: TILE_EXTENT,
    })
  }
}
