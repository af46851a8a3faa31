import type {
  DataDrivenPropertyValueSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec'
import type { Language } from '../../../core/messages.ts'
import { BASEMAP_ID } from './basemap.ts'
import type { TileJson } from './tile.service.ts'

/** The font stacks the style uses; the platform serves their glyphs (glyphs.ts). */
export const FONTS = { regular: 'Noto Sans Regular', bold: 'Noto Sans Bold' } as const

/**
 * Style layer ids by group: a group is a source (the basemap, or a registry layer), so the web map
 * can toggle a data layer by hiding its group's style layers. Also in the style's metadata.
 */
export const STYLE_LAYER_GROUPS = {
  basemap: ['background', 'land', 'city-land', 'province-boundaries', 'city-boundary', 'province-labels'],
  wards: ['wards-fill', 'wards-boundaries', 'wards-labels'],
  'flood-points': ['flood-points'],
  'traffic-cameras': ['traffic-cameras'],
  facilities: ['facilities', 'facilities-labels'],
} as const

export interface StyleOptions {
  baseUrl: string
  lang: Language
  /** Where the map opens. */
  center: [number, number]
  /** TileJSON of every tileset, by id (the basemap and each registry layer). */
  tilesets: Record<string, TileJson>
  /** Include the built-in basemap (false: only the city's layers, to lay over another basemap). */
  basemap: boolean
  /** A production basemap style the web map may load under these layers (BASEMAP_STYLE_URL). */
  basemapStyleUrl?: string | undefined
}

const COLORS = {
  sea: '#c5dbeb',
  land: '#ecebe4',
  cityLand: '#f8f7f2',
  provinceLine: '#aaa3bd',
  cityLine: '#6b4fa0',
  wardLine: '#9b95ad',
  wardHighlight: '#fbbf24',
  label: '#3f3a4f',
  provinceLabel: '#5b5470',
  halo: '#ffffff',
  rain: '#2563eb',
  tide: '#7c3aed',
  camera: '#dc2626',
} as const

const FACILITY_COLORS: Record<string, string> = {
  hospital: '#e11d48',
  clinic: '#f43f5e',
  school: '#0d9488',
  ward_office: '#4f46e5',
  police: '#1e3a8a',
  market: '#d97706',
  park: '#16a34a',
}

type Group = keyof typeof STYLE_LAYER_GROUPS

/** Name in the map's language: English names fall back to the Vietnamese one. */
function nameField(lang: Language): DataDrivenPropertyValueSpecification<string> {
  return lang === 'en' ? ['coalesce', ['get', 'nameEn'], ['get', 'name']] : ['get', 'name']
}

const inGroup = (group: Group) => ({ metadata: { 'dc:group': group } })

/**
 * The MapLibre style (version 8) of the city map: a basemap from shipped data (sea, provinces, city
 * outline) under the registry layers, Vietnamese labels by default, English with lang=en. Fonts and
 * tiles are all served by the platform itself: the map works with no internet access.
 */
export function buildStyle(options: StyleOptions): StyleSpecification {
  const { baseUrl, lang, tilesets } = options
  const sources: Record<string, SourceSpecification> = {}
  for (const [id, tilejson] of Object.entries(tilesets)) {
    if (id === BASEMAP_ID && !options.basemap) continue
    sources[id] = {
      type: 'vector',
      tiles: tilejson.tiles,
      minzoom: tilejson.minzoom,
      maxzoom: tilejson.maxzoom,
      bounds: tilejson.bounds,
      attribution: tilejson.attribution,
      // Text ids (camera UUIDs) cannot be MVT ids: feature-state (hover, selection) keys on `id`.
      ...(id === BASEMAP_ID ? {} : { promoteId: 'id' }),
    }
  }
  const name = nameField(lang)
  const layers: LayerSpecification[] = [
    ...(options.basemap ? basemapLayers() : []),
    {
      id: 'wards-fill',
      type: 'fill',
      source: 'wards',
      'source-layer': 'wards',
      minzoom: 8,
      ...inGroup('wards'),
      paint: {
        'fill-color': COLORS.wardHighlight,
        // Invisible but clickable; the web map highlights with feature-state.
        'fill-opacity': [
          'case',
          ['boolean', ['feature-state', 'selected'], false],
          0.45,
          ['boolean', ['feature-state', 'hover'], false],
          0.25,
          0,
        ],
      },
    },
    {
      id: 'wards-boundaries',
      type: 'line',
      source: 'wards',
      'source-layer': 'wards',
      minzoom: 8,
      ...inGroup('wards'),
      paint: {
        'line-color': COLORS.wardLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.3, 12, 0.8, 16, 1.8],
      },
    },
    ...(options.basemap
      ? [
          {
            id: 'city-boundary',
            type: 'line',
            source: BASEMAP_ID,
            'source-layer': 'city',
            ...inGroup('basemap'),
            paint: {
              'line-color': COLORS.cityLine,
              'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1, 10, 2, 14, 3.5],
            },
          } satisfies LayerSpecification,
        ]
      : []),
    {
      id: 'flood-points',
      type: 'circle',
      source: 'flood-points',
      'source-layer': 'flood-points',
      ...inGroup('flood-points'),
      paint: {
        'circle-color': ['match', ['get', 'cause'], 'rain', COLORS.rain, 'tide', COLORS.tide, COLORS.rain],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 2.5, 14, 6, 18, 10],
        'circle-stroke-color': COLORS.halo,
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'traffic-cameras',
      type: 'circle',
      source: 'traffic-cameras',
      'source-layer': 'traffic-cameras',
      minzoom: 11,
      ...inGroup('traffic-cameras'),
      paint: {
        'circle-color': COLORS.camera,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 2.5, 16, 5.5, 18, 7],
        'circle-stroke-color': COLORS.halo,
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'facilities',
      type: 'circle',
      source: 'facilities',
      'source-layer': 'facilities',
      minzoom: 12,
      ...inGroup('facilities'),
      paint: {
        'circle-color': [
          'match',
          ['get', 'kind'],
          ...Object.entries(FACILITY_COLORS).flat(),
          '#64748b',
        ] as unknown as DataDrivenPropertyValueSpecification<string>,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3, 16, 6],
        'circle-stroke-color': COLORS.halo,
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'facilities-labels',
      type: 'symbol',
      source: 'facilities',
      'source-layer': 'facilities',
      minzoom: 15,
      ...inGroup('facilities'),
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [FONTS.regular],
        'text-size': 11,
        'text-offset': [0, 0.9],
        'text-anchor': 'top',
        'text-max-width': 9,
        'text-optional': true,
      },
      paint: { 'text-color': COLORS.label, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.2 },
    },
    ...(options.basemap
      ? [
          {
            id: 'province-labels',
            type: 'symbol',
            source: BASEMAP_ID,
            'source-layer': 'province-labels',
            minzoom: 5,
            maxzoom: 11,
            ...inGroup('basemap'),
            layout: {
              'text-field': name,
              'text-font': [FONTS.bold],
              'text-size': ['interpolate', ['linear'], ['zoom'], 5, 10, 10, 15],
              'text-max-width': 8,
            },
            paint: {
              'text-color': COLORS.provinceLabel,
              'text-halo-color': COLORS.halo,
              'text-halo-width': 1.5,
            },
          } satisfies LayerSpecification,
        ]
      : []),
    {
      id: 'wards-labels',
      type: 'symbol',
      source: 'wards',
      'source-layer': 'wards-labels',
      minzoom: 11,
      ...inGroup('wards'),
      layout: {
        'text-field': name,
        'text-font': [FONTS.regular],
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 10, 14, 13, 16, 15],
        'text-max-width': 8,
        'text-padding': 4,
      },
      paint: { 'text-color': COLORS.label, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.5 },
    },
  ]
  return {
    version: 8,
    name: lang === 'en' ? 'Ho Chi Minh City — Digital Citizen map' : 'Bản đồ Công dân số TP. Hồ Chí Minh',
    metadata: {
      'dc:lang': lang,
      'dc:groups': STYLE_LAYER_GROUPS,
      'dc:basemapStyleUrl': options.basemapStyleUrl ?? null,
    },
    center: options.center,
    zoom: 10,
    glyphs: `${baseUrl}/fonts/{fontstack}/{range}.pbf`,
    sources,
    layers,
  }
}

function basemapLayers(): LayerSpecification[] {
  return [
    {
      id: 'background',
      type: 'background',
      ...inGroup('basemap'),
      paint: { 'background-color': COLORS.sea },
    },
    {
      id: 'land',
      type: 'fill',
      source: BASEMAP_ID,
      'source-layer': 'provinces',
      ...inGroup('basemap'),
      paint: { 'fill-color': COLORS.land },
    },
    {
      id: 'city-land',
      type: 'fill',
      source: BASEMAP_ID,
      'source-layer': 'city',
      ...inGroup('basemap'),
      paint: { 'fill-color': COLORS.cityLand },
    },
    {
      id: 'province-boundaries',
      type: 'line',
      source: BASEMAP_ID,
      'source-layer': 'provinces',
      ...inGroup('basemap'),
      paint: {
        'line-color': COLORS.provinceLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.5, 10, 1.5],
        'line-dasharray': [3, 2],
      },
    },
  ]
}

/**
 * Where the map opens: MAP_CENTER="lon,lat", by default the HCMC People's Committee (86 Lê Thánh Tôn) —
 * the geometric centre of the 2025 city lies in farmland north of the old core. Read here until it
 * joins server/config.ts.
 */
export function mapCenter(env: Record<string, string | undefined> = process.env): [number, number] {
  const raw = env.MAP_CENTER
  if (!raw) return [106.7009, 10.7763]
  const [lon, lat] = raw.split(',').map(Number)
  if (lon === undefined || lat === undefined || !(Math.abs(lon) <= 180 && Math.abs(lat) <= 85)) {
    throw new Error(`MAP_CENTER must be "lon,lat" in degrees; got "${raw}"`)
  }
  return [lon, lat]
}

/** BASEMAP_STYLE_URL: a production basemap style; read here until it joins server/config.ts. */
export function basemapStyleUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.BASEMAP_STYLE_URL || undefined
}
