/**
 * The Web Mercator tile grid (XYZ, the scheme of MapLibre, TileJSON "xyz" and ST_TileEnvelope):
 * zoom z has 2^z × 2^z tiles, x from the antimeridian eastwards, y from the north downwards.
 */
export interface TileCoord {
  z: number
  x: number
  y: number
}

/** [minLon, minLat, maxLon, maxLat] in degrees. */
export type LonLatBounds = [number, number, number, number]

/** The deepest zoom the grid (and geojson-vt) supports. */
export const MAX_GRID_ZOOM = 24
/** Web Mercator stops here; tiles reach exactly to ±85.0511°. */
export const MAX_LATITUDE = 85.0511287798066

/** Whether z/x/y names a tile of the grid at all. */
export function isInGrid({ z, x, y }: TileCoord): boolean {
  if (![z, x, y].every(Number.isInteger) || z < 0 || z > MAX_GRID_ZOOM) return false
  const size = 2 ** z
  return x >= 0 && x < size && y >= 0 && y < size
}

export function tileToLon(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180
}

export function tileToLat(y: number, z: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z
  return (180 / Math.PI) * Math.atan(Math.sinh(n))
}

export function tileBounds({ z, x, y }: TileCoord): LonLatBounds {
  return [tileToLon(x, z), tileToLat(y + 1, z), tileToLon(x + 1, z), tileToLat(y, z)]
}

/** The tile containing a point at zoom z (points on a tile edge belong to the tile east/south of it). */
export function tileAt(lon: number, lat: number, z: number): TileCoord {
  const size = 2 ** z
  const clampedLat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat))
  const sin = Math.sin((clampedLat * Math.PI) / 180)
  const fx = (lon + 180) / 360
  const fy = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)
  const clamp = (v: number) => Math.max(0, Math.min(size - 1, Math.floor(v * size)))
  return { z, x: clamp(fx), y: clamp(fy) }
}

/** Every tile at zoom z that a lon/lat box touches, row by row. */
export function tilesCovering(bounds: LonLatBounds, z: number): TileCoord[] {
  const [minLon, minLat, maxLon, maxLat] = bounds
  const topLeft = tileAt(minLon, maxLat, z)
  const bottomRight = tileAt(maxLon, minLat, z)
  const tiles: TileCoord[] = []
  for (let y = topLeft.y; y <= bottomRight.y; y++) {
    for (let x = topLeft.x; x <= bottomRight.x; x++) tiles.push({ z, x, y })
  }
  return tiles
}

export const tileKey = ({ z, x, y }: TileCoord) => `${z}/${x}/${y}`
