import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'

/** Test support: vector tiles and glyph PBFs decoded into plain values to compare. */

export interface DecodedFeature {
  layer: string
  /** The `id` attribute (the feature id as text). */
  id: string
  mvtId: number | undefined
  type: number
  properties: Record<string, unknown>
  rings: Array<Array<{ x: number; y: number }>>
}

/** Every feature of a tile, keyed `<source-layer>:<id>`. */
export function decodeTile(bytes: Uint8Array | undefined): Map<string, DecodedFeature> {
  const features = new Map<string, DecodedFeature>()
  if (!bytes || bytes.byteLength === 0) return features
  const tile = new VectorTile(new PbfReader(bytes))
  for (const [name, layer] of Object.entries(tile.layers)) {
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i)
      const id = String(feature.properties.id)
      features.set(`${name}:${id}`, {
        layer: name,
        id,
        mvtId: feature.id,
        type: feature.type,
        properties: feature.properties,
        rings: feature.loadGeometry().map((ring) => ring.map((p) => ({ x: p.x, y: p.y }))),
      })
    }
  }
  return features
}

/** Shoelace area and area-weighted centroid of all rings (holes count negative by their winding). */
export function areaAndCentroid(rings: DecodedFeature['rings']): { area: number; x: number; y: number } {
  let area = 0
  let cx = 0
  let cy = 0
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[j] as { x: number; y: number }
      const b = ring[i] as { x: number; y: number }
      const cross = a.x * b.y - b.x * a.y
      area += cross / 2
      cx += ((a.x + b.x) * cross) / 6
      cy += ((a.y + b.y) * cross) / 6
    }
  }
  return area === 0 ? { area, x: 0, y: 0 } : { area: Math.abs(area), x: cx / area, y: cy / area }
}

export interface DecodedGlyph {
  id: number
  bitmap: Uint8Array | undefined
  width: number
  height: number
  left: number
  top: number
  advance: number
}

/** The glyphs protobuf (MapLibre's glyphs.proto): stacks with name, range and glyphs. */
export function decodeGlyphs(
  bytes: Uint8Array,
): Array<{ name: string; range: string; glyphs: DecodedGlyph[] }> {
  const pbf = new PbfReader(bytes)
  const stacks: Array<{ name: string; range: string; glyphs: DecodedGlyph[] }> = []
  pbf.readFields((tag) => {
    if (tag !== 1) return
    const stack = { name: '', range: '', glyphs: [] as DecodedGlyph[] }
    pbf.readMessage((field) => {
      if (field === 1) stack.name = pbf.readString()
      else if (field === 2) stack.range = pbf.readString()
      else if (field === 3) {
        const glyph: DecodedGlyph = {
          id: 0,
          bitmap: undefined,
          width: 0,
          height: 0,
          left: 0,
          top: 0,
          advance: 0,
        }
        pbf.readMessage((g) => {
          if (g === 1) glyph.id = pbf.readVarint()
          else if (g === 2) glyph.bitmap = pbf.readBytes()
          else if (g === 3) glyph.width = pbf.readVarint()
          else if (g === 4) glyph.height = pbf.readVarint()
          else if (g === 5) glyph.left = pbf.readSVarint()
          else if (g === 6) glyph.top = pbf.readSVarint()
          else if (g === 7) glyph.advance = pbf.readVarint()
        }, undefined)
        stack.glyphs.push(glyph)
      }
    }, undefined)
    stacks.push(stack)
  }, undefined)
  return stacks
}
