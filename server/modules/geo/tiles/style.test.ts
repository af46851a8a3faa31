import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, it } from 'vitest'
import { LAYERS } from '../layers.ts'
import { BASEMAP_ID } from './basemap.ts'
import { buildStyle, mapCenter, STYLE_LAYER_GROUPS, type StyleOptions } from './style.ts'
import type { TileJson } from './tile.service.ts'

const base = 'https://map.example.vn'
const tilejson = (id: string): TileJson => ({
  tilejson: '3.0.0',
  name: id,
  description: id,
  attribution: 'test',
  scheme: 'xyz',
  tiles: [`${base}/tiles/${id}/{z}/{x}/{y}.mvt`],
  minzoom: 0,
  maxzoom: 14,
  bounds: [106, 10, 107, 11],
  center: [106.7, 10.78, 10],
  vector_layers: [],
})
const options = (overrides: Partial<StyleOptions> = {}): StyleOptions => ({
  baseUrl: base,
  lang: 'vi',
  center: [106.7, 10.78],
  basemap: true,
  tilesets: Object.fromEntries([BASEMAP_ID, ...LAYERS.map((l) => l.id)].map((id) => [id, tilejson(id)])),
  ...overrides,
})

describe('the map style', () => {
  it('is a valid MapLibre style (version 8) with a source per tileset and fonts from the platform', () => {
    const style = buildStyle(options())
    expect(validateStyleMin(style)).toEqual([])
    expect(Object.keys(style.sources).sort()).toEqual([BASEMAP_ID, ...LAYERS.map((l) => l.id)].sort())
    expect(style.glyphs).toBe(`${base}/fonts/{fontstack}/{range}.pbf`)
    for (const layer of style.layers) {
      if ('source' in layer) expect(style.sources).toHaveProperty(layer.source)
    }
  })

  it('documents every style layer in exactly one group, and tags each layer with it', () => {
    const style = buildStyle(options())
    const grouped = Object.values(STYLE_LAYER_GROUPS).flat()
    expect(new Set(grouped).size).toBe(grouped.length)
    expect(style.layers.map((l) => l.id).sort()).toEqual([...grouped].sort())
    for (const [group, ids] of Object.entries(STYLE_LAYER_GROUPS)) {
      for (const id of ids) {
        expect(style.layers.find((l) => l.id === id)?.metadata).toEqual({ 'dc:group': group })
      }
    }
  })

  it('labels in Vietnamese by default and in English (falling back to Vietnamese) with lang=en', () => {
    const label = (lang: 'vi' | 'en') => {
      const layer = buildStyle(options({ lang })).layers.find((l) => l.id === 'wards-labels')
      return layer?.type === 'symbol' ? layer.layout?.['text-field'] : undefined
    }
    expect(label('vi')).toEqual(['get', 'name'])
    expect(label('en')).toEqual(['coalesce', ['get', 'nameEn'], ['get', 'name']])
  })

  it('leaves out the built-in basemap on request, and names a production basemap when configured', () => {
    const style = buildStyle(
      options({ basemap: false, basemapStyleUrl: 'https://tiles.example.vn/style.json' }),
    )
    expect(validateStyleMin(style)).toEqual([])
    expect(style.sources).not.toHaveProperty(BASEMAP_ID)
    expect(style.layers.some((l) => STYLE_LAYER_GROUPS.basemap.includes(l.id as never))).toBe(false)
    expect(style.metadata).toMatchObject({ 'dc:basemapStyleUrl': 'https://tiles.example.vn/style.json' })
  })

  it('opens on the city centre, configurable with MAP_CENTER', () => {
    expect(mapCenter({})).toEqual([106.7009, 10.7763])
    expect(mapCenter({ MAP_CENTER: '105.85,21.03' })).toEqual([105.85, 21.03])
    expect(() => mapCenter({ MAP_CENTER: 'Hà Nội' })).toThrow(/MAP_CENTER/)
  })
})
