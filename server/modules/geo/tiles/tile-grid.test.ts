import { describe, expect, it } from 'vitest'
import { isInGrid, tileAt, tileBounds, tilesCovering } from './tile-grid.ts'

describe('tile grid (XYZ Web Mercator)', () => {
  it('finds the z14 tile of Bến Thành market, and that tile contains the point', () => {
    const tile = tileAt(106.698, 10.7725, 14)
    expect(tile).toEqual({ z: 14, x: 13047, y: 7698 })
    const [west, south, east, north] = tileBounds(tile)
    expect(west).toBeLessThan(106.698)
    expect(east).toBeGreaterThan(106.698)
    expect(south).toBeLessThan(10.7725)
    expect(north).toBeGreaterThan(10.7725)
  })

  it('knows the edges of the grid', () => {
    expect(tileBounds({ z: 0, x: 0, y: 0 }).map((v) => Number(v.toFixed(4)))).toEqual([
      -180, -85.0511, 180, 85.0511,
    ])
    expect(isInGrid({ z: 0, x: 0, y: 0 })).toBe(true)
    expect(isInGrid({ z: 3, x: 7, y: 7 })).toBe(true)
    expect(isInGrid({ z: 3, x: 8, y: 0 })).toBe(false)
    expect(isInGrid({ z: 3, x: 0, y: -1 })).toBe(false)
    expect(isInGrid({ z: 25, x: 0, y: 0 })).toBe(false)
    expect(isInGrid({ z: 2, x: 1.5, y: 0 })).toBe(false)
  })

  it('lists the tiles a box touches, row by row', () => {
    const tiles = tilesCovering([106.6, 10.7, 106.8, 10.85], 12)
    expect(tiles[0]).toEqual(tileAt(106.6, 10.85, 12))
    expect(tiles.at(-1)).toEqual(tileAt(106.8, 10.7, 12))
    // A z12 tile is 0.088° wide: 106.6–106.8 falls in columns 3260–3263; 10.85–10.7 in rows 1923–1925.
    expect(tiles.map((t) => t.x)).toEqual([
      3260, 3261, 3262, 3263, 3260, 3261, 3262, 3263, 3260, 3261, 3262, 3263,
    ])
    expect([...new Set(tiles.map((t) => t.y))]).toEqual([1923, 1924, 1925])
  })
})
