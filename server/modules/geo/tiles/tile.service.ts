import { createHash } from 'node:crypto'
import type { LocalizedText } from '@dc/contracts'
import type { Database } from '../../../core/db/database.ts'
import { AppError } from '../../../core/errors.ts'
import type { Language } from '../../../core/messages.ts'
import { allMappedFeatures, layerExtent, layerStates } from '../layer.repository.ts'
import { LAYERS, type LayerDefinition } from '../layers.ts'
import { BASEMAP_ATTRIBUTION, BASEMAP_ID, BASEMAP_LAYERS, BASEMAP_MAX_ZOOM, basemap } from './basemap.ts'
import { GeoJsonTiler } from './geojson-tiler.ts'
import { LayerVersions } from './layer-versions.ts'
import { PointTiler } from './point-tiler.ts'
import { buildStyle, mapCenter, type StyleOptions } from './style.ts'
import { labelPoints, renderMvt } from './tile.repository.ts'
import { TileCache, tileCacheBytes } from './tile-cache.ts'
import { isInGrid, type LonLatBounds, type TileCoord } from './tile-grid.ts'
import { hasLabelLayer, labelLayerName, TILE_FORMAT, tileAttributes } from './tile-layer.ts'

/** How registry layers are tiled: PostGIS ST_AsMVT (PostgreSQL), or in this process (geojson-vt, flatbush). */
export type TileMode = 'postgis' | 'in-process'

export interface TileServiceOptions {
  /** Default: postgis on PostgreSQL, in-process on the embedded engine (no ST_AsMVT there). */
  mode?: TileMode
  /** LRU size in bytes; default from TILE_CACHE_MB; 0 = no cache. */
  cacheBytes?: number
}

/** A tile: its entity tag (changes whenever its content may), and its bytes (empty: no feature). */
export interface TileResult {
  etag: string
  /** Undefined when the caller's tag still matches (nothing was rendered). */
  body: Buffer | undefined
}

export interface VectorLayer {
  id: string
  description: string
  fields: Record<string, string>
  minzoom: number
  maxzoom: number
}

/** TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */
export interface TileJson {
  tilejson: '3.0.0'
  name: string
  description: string
  attribution: string
  scheme: 'xyz'
  tiles: string[]
  minzoom: number
  maxzoom: number
  bounds: LonLatBounds
  center: [number, number, number]
  vector_layers: VectorLayer[]
}

interface Tiler {
  tile(coord: TileCoord): Uint8Array
}

interface Tileset {
  id: string
  title: LocalizedText
  description: LocalizedText
  attribution: string
  minZoom: number
  maxZoom: number
  layer?: LayerDefinition
}

const BASEMAP: Tileset = {
  id: BASEMAP_ID,
  title: { vi: 'Nền bản đồ', en: 'Basemap' },
  description: {
    vi: 'Ranh giới 34 tỉnh, thành phố (2025) và đường bao thành phố, từ dữ liệu phát hành kèm nền tảng.',
    en: 'The 34 provinces (2025) and the city outline, from data shipped with the platform.',
  },
  attribution: BASEMAP_ATTRIBUTION,
  minZoom: 0,
  maxZoom: BASEMAP_MAX_ZOOM,
}

const TILESETS: readonly Tileset[] = [
  BASEMAP,
  ...LAYERS.map((layer) => ({
    id: layer.id,
    title: layer.title,
    description: layer.description,
    attribution: layer.attribution,
    minZoom: layer.minZoom,
    maxZoom: layer.maxZoom,
    layer,
  })),
]

/**
 * Vector tiles, TileJSON and the map style. Tiles of registry layers are keyed on the layer's
 * version (geo.layers, read at most once a second: layer-versions.ts), so a change made through any
 * instance reaches every instance's cache and ETags within a second, without any message; the
 * basemap's tiles are keyed on the hash of its files.
 */
export class TileService {
  readonly mode: TileMode
  readonly #cache: TileCache
  readonly #versions: LayerVersions
  /** Per layer and kind (tiler, labels, extent): the value built for one version. */
  readonly #derived = new Map<string, { version: number; value: Promise<unknown> }>()

  constructor(
    private readonly database: Database,
    options: TileServiceOptions = {},
  ) {
    this.mode = options.mode ?? (database.engine === 'postgresql' ? 'postgis' : 'in-process')
    this.#cache = new TileCache(options.cacheBytes ?? tileCacheBytes())
    this.#versions = new LayerVersions(() => layerStates(database.db))
  }

  /** A tile, from the cache or rendered; `unlessTag` = the client's If-None-Match. */
  async tile(id: string, coord: TileCoord, unlessTag?: string): Promise<TileResult> {
    const tileset = this.#tileset(id)
    if (!isInGrid(coord) || coord.z < tileset.minZoom || coord.z > tileset.maxZoom) {
      throw new AppError('tile_not_found', {
        detail: {
          vi: `Lớp "${id}" có các ô từ mức thu phóng ${tileset.minZoom} đến ${tileset.maxZoom}; ở mức z, x và y phải từ 0 đến 2^z − 1.`,
          en: `Layer "${id}" has tiles from zoom ${tileset.minZoom} to ${tileset.maxZoom}; at zoom z, x and y must be from 0 to 2^z − 1.`,
        },
      })
    }
    const layer = tileset.layer
    const version = layer ? await this.#version(layer) : 0
    const key = this.#key(tileset, version, coord)
    const etag = await this.#etag(tileset, version, coord)
    if (unlessTag && matchesTag(unlessTag, etag)) return { etag, body: undefined }
    const tile = await this.#cache.getOrRender(key, async () => ({
      etag,
      // Kept as a Buffer: Fastify sends it as is, with no per-request wrapping.
      body: asBuffer(await this.#render(tileset, version, coord)),
    }))
    return { etag, body: tile.body }
  }

  async tileJson(id: string, baseUrl: string, lang: Language): Promise<TileJson> {
    const tileset = this.#tileset(id)
    const map = await basemap()
    const bounds = tileset.layer ? await this.#extent(tileset.layer) : map.provinceBounds
    return {
      tilejson: '3.0.0',
      name: tileset.title[lang],
      description: tileset.description[lang],
      attribution: tileset.attribution,
      scheme: 'xyz',
      tiles: [`${baseUrl}/tiles/${id}/{z}/{x}/{y}.mvt`],
      minzoom: tileset.minZoom,
      maxzoom: tileset.maxZoom,
      bounds: bounds ?? map.cityBounds,
      center: [...mapCenter(), Math.max(tileset.minZoom, Math.min(10, tileset.maxZoom))],
      vector_layers: vectorLayers(tileset),
    }
  }

  /** The MapLibre style over every tileset (see style.ts). */
  async style(baseUrl: string, lang: Language, options: Pick<StyleOptions, 'basemap' | 'basemapStyleUrl'>) {
    const tilejsons = await Promise.all(TILESETS.map((t) => this.tileJson(t.id, baseUrl, lang)))
    return buildStyle({
      ...options,
      baseUrl,
      lang,
      center: mapCenter(),
      tilesets: Object.fromEntries(TILESETS.map((t, i) => [t.id, tilejsons[i] as TileJson])),
    })
  }

  #tileset(id: string): Tileset {
    const tileset = TILESETS.find((t) => t.id === id)
    if (!tileset) throw new AppError('layer_not_found')
    return tileset
  }

  /** What a tile's content depends on: format, tiler and layer definition, data version, z/x/y. */
  async #etag(tileset: Tileset, version: number, { z, x, y }: TileCoord): Promise<string> {
    const revision = tileset.layer
      ? `${definitionHash(tileset.layer, this.mode)}.${version}`
      : `${(await basemap()).revision}f${TILE_FORMAT}`
    return `"${tileset.id}.${revision}.${z}.${x}.${y}"`
  }

  #key(tileset: Tileset, version: number, { z, x, y }: TileCoord): string {
    return `${tileset.id}/${version}/${z}/${x}/${y}`
  }

  async #version(layer: LayerDefinition): Promise<number> {
    return (await this.#versions.current()).get(layer.id)?.version ?? 0
  }

  async #render(tileset: Tileset, version: number, coord: TileCoord): Promise<Uint8Array> {
    const layer = tileset.layer
    if (!layer) return (await basemap()).tiler.tile(coord)
    const main =
      this.mode === 'postgis'
        ? await renderMvt(this.database.db, layer, coord)
        : (await this.#perVersion('tiler', layer, version, () => this.#featureTiler(layer))).tile(coord)
    return this.#withLabels(layer, version, main, coord)
  }

  async #withLabels(layer: LayerDefinition, version: number, main: Uint8Array, coord: TileCoord) {
    if (!hasLabelLayer(layer)) return main
    const labels = (await this.#perVersion('labels', layer, version, () => this.#labelTiler(layer))).tile(
      coord,
    )
    // A tile is a protobuf message of repeated layers: two encoded tiles concatenated are one tile.
    return labels.byteLength === 0 ? main : main.byteLength === 0 ? labels : concat(main, labels)
  }

  async #featureTiler(layer: LayerDefinition): Promise<Tiler> {
    const features = await allMappedFeatures(this.database.db, layer)
    return layer.geometryType === 'Point'
      ? new PointTiler(layer.id, features)
      : new GeoJsonTiler([{ name: layer.id, features }], { maxZoom: layer.maxZoom })
  }

  async #labelTiler(layer: LayerDefinition): Promise<Tiler> {
    return new PointTiler(labelLayerName(layer), await labelPoints(this.database.db, layer))
  }

  async #extent(layer: LayerDefinition): Promise<LonLatBounds | undefined> {
    const version = await this.#version(layer)
    return this.#perVersion('extent', layer, version, () => layerExtent(this.database.db, layer))
  }

  /** A value derived from a layer's data, built once per version (concurrent callers share it). */
  #perVersion<T>(kind: string, layer: LayerDefinition, version: number, build: () => Promise<T>): Promise<T> {
    const key = `${kind}:${layer.id}`
    const entry = this.#derived.get(key)
    if (entry && entry.version === version) return entry.value as Promise<T>
    const value = build()
    this.#derived.set(key, { version, value })
    value.catch(() => {
      if (this.#derived.get(key)?.value === value) this.#derived.delete(key)
    })
    return value
  }
}

function vectorLayers(tileset: Tileset): VectorLayer[] {
  const zoom = { minzoom: tileset.minZoom, maxzoom: tileset.maxZoom }
  if (!tileset.layer) return BASEMAP_LAYERS.map((l) => ({ ...l, ...zoom }))
  const fields = Object.fromEntries(tileAttributes(tileset.layer).map((a) => [a.name, a.type]))
  const layers: VectorLayer[] = [{ id: tileset.id, description: tileset.description.en, fields, ...zoom }]
  if (hasLabelLayer(tileset.layer)) {
    layers.push({
      id: labelLayerName(tileset.layer),
      description: `One label point per feature of ${tileset.id} (the centre of its largest inscribed circle)`,
      fields,
      ...zoom,
    })
  }
  return layers
}

const hashes = new Map<string, string>()

/** Short hash of everything besides the data that shapes a layer's tiles. */
function definitionHash(layer: LayerDefinition, mode: TileMode): string {
  const key = `${layer.id}:${mode}`
  let hash = hashes.get(key)
  if (!hash) {
    const definition = JSON.stringify([TILE_FORMAT, mode, layer.table, layer.idColumn, tileAttributes(layer)])
    hash = createHash('sha256').update(definition).digest('base64url').slice(0, 8)
    hashes.set(key, hash)
  }
  return hash
}

/** If-None-Match: a list of tags, or `*`; weak tags compare by their opaque part (RFC 9110 §13.1.2). */
export function matchesTag(header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

const asBuffer = (bytes: Uint8Array) =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength)
  out.set(a, 0)
  out.set(b, a.byteLength)
  return out
}
