import type { Kysely } from 'kysely'
import type { DB } from '../../../core/db/schema.ts'
import { AppError } from '../../../core/errors.ts'
import type { Language } from '../../../core/messages.ts'
import { formatInstantHcm } from '../../../core/time.ts'
import {
  type BBox,
  getFeature,
  type LayerFeature,
  layerExtent,
  layerStates,
  queryFeatures,
  temporalExtent,
} from '../layer.repository.ts'
import { findLayer, LAYERS, type LayerDefinition } from '../layers.ts'
import {
  CRS84,
  checkCrs,
  type DateRange,
  parseBbox,
  parseDatetime,
  rejectUnknownParameters,
} from './ogc.params.ts'
import {
  type Collection,
  type Collections,
  type Conformance,
  DEFAULT_LIMIT,
  type Feature,
  type FeatureCollection,
  ITEMS_PARAMETERS,
  type LandingPage,
  type Link,
  MAX_LIMIT,
  type Queryables,
} from './ogc.schema.ts'

export const OGC_ROOT = '/ogc'

export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  html: 'text/html',
  openapi: 'application/vnd.oai.openapi+json;version=3.1',
  jsonSchema: 'application/schema+json',
} as const

const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  // Not oas30: /api/openapi.json is OpenAPI 3.1, and the class requires 3.0.
]

const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian'

/** Who is asking: where links must point and in which language titles are written. */
export interface OgcContext {
  /** Origin of absolute links, e.g. https://gis.example.vn (PUBLIC_BASE_URL, else the request's). */
  base: string
  lang: Language
  /** The `lang` the client put in the URL, carried into links so a page's links keep its language. */
  langParam?: Language
}

export interface ItemsQuery {
  limit: number
  offset: number
  bbox?: string
  'bbox-crs'?: string
  crs?: string
  datetime?: string
  /** Everything else the client sent: the layer's queryable properties (checked here). */
  [parameter: string]: string | number | undefined
}

interface LayerMeta {
  version: number
  extent: BBox | undefined
  dates: [string, string] | undefined
}

const T = {
  title: {
    vi: 'Bản đồ số TP. Hồ Chí Minh — OGC API Features',
    en: 'Ho Chi Minh City digital map — OGC API Features',
  },
  description: {
    vi: 'Các lớp bản đồ dùng chung của thành phố (phường xã, camera giao thông, điểm ngập, cơ sở công cộng) theo chuẩn OGC API – Features, định dạng GeoJSON, hệ tọa độ CRS84 (kinh độ, vĩ độ).',
    en: "The city's shared map layers (wards, traffic cameras, flood points, public facilities) as OGC API – Features, in GeoJSON, CRS84 (longitude, latitude).",
  },
  thisJson: { vi: 'Trang này dạng JSON', en: 'This document as JSON' },
  thisHtml: { vi: 'Trang này dạng HTML', en: 'This document as HTML' },
  api: { vi: 'Mô tả API (OpenAPI 3.1)', en: 'API definition (OpenAPI 3.1)' },
  docs: { vi: 'Tài liệu API', en: 'API documentation' },
  conformance: { vi: 'Các lớp tuân thủ chuẩn', en: 'Conformance classes' },
  collections: { vi: 'Các lớp dữ liệu', en: 'Collections' },
  items: { vi: 'Các đối tượng', en: 'Features' },
  queryables: { vi: 'Thuộc tính lọc được', en: 'Queryable properties' },
  next: { vi: 'Trang sau', en: 'Next page' },
  prev: { vi: 'Trang trước', en: 'Previous page' },
  collection: { vi: 'Lớp dữ liệu', en: 'Collection' },
} as const

/**
 * OGC API – Features Part 1 over the layer registry: every registered layer is a collection, its
 * rows are features. Titles come from the registry in the request's language; extents are computed
 * by PostGIS and cached per layer version (so every API instance sees a change at once).
 */
export class OgcService {
  readonly #meta = new Map<string, LayerMeta>()

  constructor(private readonly db: Kysely<DB>) {}

  landing(ctx: OgcContext): LandingPage {
    const t = (text: { vi: string; en: string }) => text[ctx.lang]
    return {
      title: t(T.title),
      description: t(T.description),
      links: [
        link(ctx, OGC_ROOT, 'self', MEDIA.json, t(T.thisJson)),
        link(ctx, OGC_ROOT, 'alternate', MEDIA.html, t(T.thisHtml)),
        { href: `${ctx.base}/api/openapi.json`, rel: 'service-desc', type: MEDIA.openapi, title: t(T.api) },
        { href: `${ctx.base}/api/docs`, rel: 'service-doc', type: MEDIA.html, title: t(T.docs) },
        link(ctx, `${OGC_ROOT}/conformance`, 'conformance', MEDIA.json, t(T.conformance)),
        link(ctx, `${OGC_ROOT}/collections`, 'data', MEDIA.json, t(T.collections)),
      ],
    }
  }

  conformance(): Conformance {
    return { conformsTo: [...CONFORMANCE] }
  }

  async collections(ctx: OgcContext): Promise<Collections> {
    const path = `${OGC_ROOT}/collections`
    const states = await layerStates(this.db)
    const collections: Collection[] = []
    for (const layer of LAYERS) {
      collections.push(await this.#describe(layer, ctx, states.get(layer.id)?.version))
    }
    return {
      links: [
        link(ctx, path, 'self', MEDIA.json, T.thisJson[ctx.lang]),
        link(ctx, path, 'alternate', MEDIA.html, T.thisHtml[ctx.lang]),
      ],
      collections,
    }
  }

  async collection(collectionId: string, ctx: OgcContext): Promise<Collection> {
    const layer = layerOrThrow(collectionId)
    const states = await layerStates(this.db)
    return this.#describe(layer, ctx, states.get(layer.id)?.version)
  }

  queryables(collectionId: string, ctx: OgcContext): Queryables {
    const layer = layerOrThrow(collectionId)
    const properties = Object.fromEntries(
      Object.entries(layer.properties)
        .filter(([, p]) => p.queryable)
        .map(([name, p]) => [name, { title: name, ...jsonSchema(p.schema) }]),
    )
    return {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${ctx.base}${OGC_ROOT}/collections/${encodeURIComponent(layer.id)}/queryables`,
      type: 'object',
      title: layer.title[ctx.lang],
      properties,
      additionalProperties: false,
    }
  }

  /** A page of features. `url` is the raw request URL, to refuse parameters the API does not define. */
  async items(
    collectionId: string,
    query: ItemsQuery,
    url: string,
    ctx: OgcContext,
  ): Promise<FeatureCollection> {
    const layer = layerOrThrow(collectionId)
    const queryables = queryableNames(layer)
    rejectUnknownParameters(url, [...ITEMS_PARAMETERS, ...queryables])
    checkCrs('bbox-crs', query['bbox-crs'])
    checkCrs('crs', query.crs)
    const bbox = query.bbox === undefined ? undefined : parseBbox(query.bbox)
    // Validated for every layer (a malformed value is a client error anywhere), applied only to layers
    // with a date property: the others have no temporal extent to compare, so nothing is excluded.
    const datetime: DateRange | undefined =
      query.datetime === undefined ? undefined : parseDatetime(query.datetime)
    const filters: Record<string, string> = {}
    for (const name of queryables) {
      const value = query[name]
      if (value !== undefined) filters[name] = String(value)
    }
    // Out-of-range limits are clamped, not refused (OGC 17-069r4 §7.15.3): clients such as GDAL ask
    // for pages larger than a server's maximum and expect fewer features plus a next link.
    const limit = Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT)
    const offset = query.offset ?? 0
    const { features, numberMatched } = await queryFeatures(this.db, layer, {
      ...(bbox ? { bbox } : {}),
      ...(datetime && layer.temporalProperty ? { datetime } : {}),
      filters,
      limit,
      offset,
    })

    const path = `${OGC_ROOT}/collections/${encodeURIComponent(layer.id)}/items`
    // Links repeat the request's filters so a client can follow them without knowing the query.
    const kept: Record<string, string> = {}
    for (const name of ['bbox', 'bbox-crs', 'crs', 'datetime', ...queryables]) {
      const value = query[name]
      if (value !== undefined) kept[name] = String(value)
    }
    const page = (at: number) => ({ ...kept, limit: String(limit), offset: String(at) })
    const links: Link[] = [
      link(ctx, path, 'self', MEDIA.geojson, T.thisJson[ctx.lang], page(offset)),
      link(ctx, path, 'alternate', MEDIA.html, T.thisHtml[ctx.lang], page(offset)),
      link(ctx, collectionPath(layer), 'collection', MEDIA.json, layer.title[ctx.lang]),
    ]
    if (offset + features.length < numberMatched) {
      links.push(link(ctx, path, 'next', MEDIA.geojson, T.next[ctx.lang], page(offset + limit)))
    }
    if (offset > 0) {
      links.push(link(ctx, path, 'prev', MEDIA.geojson, T.prev[ctx.lang], page(Math.max(0, offset - limit))))
    }
    return {
      type: 'FeatureCollection',
      features: features.map(toFeature),
      links,
      timeStamp: formatInstantHcm(new Date()),
      numberMatched,
      numberReturned: features.length,
    }
  }

  async item(collectionId: string, featureId: string, ctx: OgcContext): Promise<Feature> {
    const layer = layerOrThrow(collectionId)
    const feature = await getFeature(this.db, layer, featureId)
    if (!feature) throw new AppError('feature_not_found')
    const path = `${OGC_ROOT}/collections/${encodeURIComponent(layer.id)}/items/${encodeURIComponent(feature.id)}`
    return {
      ...toFeature(feature),
      links: [
        link(ctx, path, 'self', MEDIA.geojson, T.thisJson[ctx.lang]),
        link(ctx, path, 'alternate', MEDIA.html, T.thisHtml[ctx.lang]),
        link(ctx, collectionPath(layer), 'collection', MEDIA.json, layer.title[ctx.lang]),
      ],
    }
  }

  async #describe(layer: LayerDefinition, ctx: OgcContext, version: number | undefined): Promise<Collection> {
    const meta = await this.#layerMeta(layer, version)
    const path = collectionPath(layer)
    const extent: NonNullable<Collection['extent']> = {}
    if (meta.extent) extent.spatial = { bbox: [meta.extent], crs: CRS84 }
    if (meta.dates) {
      // A feature's date is a whole city day: the extent runs from the first day's start to the last day's end.
      const [first, last] = meta.dates
      extent.temporal = { interval: [[`${first}T00:00:00+07:00`, `${last}T23:59:59+07:00`]], trs: GREGORIAN }
    }
    return {
      id: layer.id,
      title: layer.title[ctx.lang],
      description: layer.description[ctx.lang],
      attribution: layer.attribution,
      links: [
        link(ctx, path, 'self', MEDIA.json, T.thisJson[ctx.lang]),
        link(ctx, path, 'alternate', MEDIA.html, T.thisHtml[ctx.lang]),
        link(ctx, `${path}/items`, 'items', MEDIA.geojson, T.items[ctx.lang]),
        link(ctx, `${path}/items`, 'items', MEDIA.html, T.items[ctx.lang]),
        link(
          ctx,
          `${path}/queryables`,
          'http://www.opengis.net/def/rel/ogc/1.0/queryables',
          MEDIA.jsonSchema,
          T.queryables[ctx.lang],
        ),
      ],
      ...(extent.spatial || extent.temporal ? { extent } : {}),
      itemType: 'feature',
      crs: [CRS84],
    }
  }

  /** Extents change only when the layer does: cached per layer version (geo.layers bumps it). */
  async #layerMeta(layer: LayerDefinition, version: number | undefined): Promise<LayerMeta> {
    const cached = this.#meta.get(layer.id)
    if (cached && version !== undefined && cached.version === version) return cached
    const [extent, dates] = await Promise.all([layerExtent(this.db, layer), temporalExtent(this.db, layer)])
    const meta = { version: version ?? -1, extent, dates }
    if (version !== undefined) this.#meta.set(layer.id, meta)
    return meta
  }
}

export function layerOrThrow(collectionId: string): LayerDefinition {
  const layer = findLayer(collectionId)
  if (!layer) throw new AppError('layer_not_found')
  return layer
}

export const queryableNames = (layer: LayerDefinition): string[] =>
  Object.entries(layer.properties)
    .filter(([, p]) => p.queryable)
    .map(([name]) => name)

const collectionPath = (layer: LayerDefinition) => `${OGC_ROOT}/collections/${encodeURIComponent(layer.id)}`

/** An absolute URL with an explicit `f`, keeping the page's explicit `lang`. */
export function ogcHref(
  ctx: OgcContext,
  path: string,
  format: 'json' | 'html',
  params: Record<string, string> = {},
): string {
  const search = new URLSearchParams(params)
  search.set('f', format)
  if (ctx.langParam) search.set('lang', ctx.langParam)
  return `${ctx.base}${path}?${search}`
}

/** A link whose `f` matches its media type. */
function link(
  ctx: OgcContext,
  path: string,
  rel: string,
  type: string,
  title: string,
  params: Record<string, string> = {},
): Link {
  return { href: ogcHref(ctx, path, type === MEDIA.html ? 'html' : 'json', params), rel, type, title }
}

function toFeature(feature: LayerFeature): Feature {
  return { type: 'Feature', id: feature.id, geometry: feature.geometry, properties: feature.properties }
}

/** A registry schema as plain JSON Schema (TypeBox keeps no extra keys that JSON would not carry). */
function jsonSchema(schema: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>
}
