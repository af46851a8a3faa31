import Type, { type Static } from 'typebox'

/**
 * OGC API – Features Part 1 documents (OGC 17-069r4) as TypeBox schemas: they validate requests,
 * type the service and document /api/openapi.json. GeoJSON geometry and feature properties are
 * permissive on purpose: each layer's property schema lives in the layer registry.
 */

export const Link = Type.Object({
  href: Type.String(),
  rel: Type.String(),
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  hreflang: Type.Optional(Type.String()),
})
export type Link = Static<typeof Link>

export const LandingPage = Type.Object({
  title: Type.String(),
  description: Type.String(),
  attribution: Type.Optional(Type.String()),
  links: Type.Array(Link),
})
export type LandingPage = Static<typeof LandingPage>

export const Conformance = Type.Object({ conformsTo: Type.Array(Type.String()) })
export type Conformance = Static<typeof Conformance>

export const Extent = Type.Object({
  spatial: Type.Optional(
    Type.Object({
      bbox: Type.Array(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), {
        description: '[[minLon, minLat, maxLon, maxLat]] in CRS84',
      }),
      crs: Type.String(),
    }),
  ),
  temporal: Type.Optional(
    Type.Object({
      interval: Type.Array(
        Type.Array(Type.Union([Type.String(), Type.Null()]), { minItems: 2, maxItems: 2 }),
      ),
      trs: Type.String(),
    }),
  ),
})

export const Collection = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  attribution: Type.Optional(Type.String()),
  links: Type.Array(Link),
  extent: Type.Optional(Extent),
  itemType: Type.Literal('feature'),
  crs: Type.Array(Type.String()),
})
export type Collection = Static<typeof Collection>

export const Collections = Type.Object({
  links: Type.Array(Link),
  collections: Type.Array(Collection),
})
export type Collections = Static<typeof Collections>

export const Geometry = Type.Union([
  Type.Object(
    { type: Type.String(), coordinates: Type.Unknown() },
    { additionalProperties: true, description: 'GeoJSON geometry, CRS84 (lon, lat)' },
  ),
  Type.Null(),
])

const FeatureProperties = Type.Record(Type.String(), Type.Unknown(), {
  description: "The layer's properties; see /ogc/collections/{collectionId}/queryables",
})

export const Feature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Geometry,
  properties: FeatureProperties,
  links: Type.Optional(Type.Array(Link)),
})
export type Feature = Static<typeof Feature>

export const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Feature),
  links: Type.Array(Link),
  timeStamp: Type.String({ format: 'date-time' }),
  numberMatched: Type.Integer({ minimum: 0 }),
  numberReturned: Type.Integer({ minimum: 0 }),
})
export type FeatureCollection = Static<typeof FeatureCollection>

/** OGC API – Features Part 3 queryables: a JSON Schema of the properties that can be filtered on. */
export const Queryables = Type.Object(
  {
    type: Type.Literal('object'),
    title: Type.String(),
    properties: Type.Record(Type.String(), Type.Unknown()),
    additionalProperties: Type.Boolean(),
  },
  {
    // Also `$schema` and `$id`, which a schema cannot name as properties here: the OpenAPI generator's
    // reference resolver would take them for keywords.
    additionalProperties: true,
    description: 'A JSON Schema (2020-12) with `$schema` and `$id`',
  },
)
export type Queryables = Static<typeof Queryables> & { $schema: string; $id: string }

export const CollectionParams = Type.Object({
  collectionId: Type.String({ maxLength: 100, description: 'Layer id, e.g. wards, traffic-cameras' }),
})
export const FeatureParams = Type.Object({
  ...CollectionParams.properties,
  featureId: Type.String({ maxLength: 200 }),
})

export const FORMAT_PARAMETERS = ['f', 'lang'] as const

export const FormatQuery = Type.Object({
  f: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('html')], {
      description: 'Response format; otherwise from the Accept header (JSON unless text/html is preferred)',
    }),
  ),
  lang: Type.Optional(
    Type.String({
      maxLength: 10,
      description:
        'Language of titles and HTML pages: vi or en (other values are ignored, as everywhere in the API); ' +
        'otherwise Accept-Language, else Vietnamese',
    }),
  ),
})

/** The most features one page returns; a larger `limit` is served as this (not refused). */
export const MAX_LIMIT = 1000
export const DEFAULT_LIMIT = 10

export const ITEMS_PARAMETERS = [
  ...FORMAT_PARAMETERS,
  'limit',
  'offset',
  'bbox',
  'bbox-crs',
  'crs',
  'datetime',
] as const

export const ItemsQuery = Type.Object(
  {
    ...FormatQuery.properties,
    limit: Type.Integer({
      minimum: 1,
      default: DEFAULT_LIMIT,
      description: `Features per page (default ${DEFAULT_LIMIT}); values above ${MAX_LIMIT} are served as ${MAX_LIMIT}`,
    }),
    offset: Type.Integer({
      minimum: 0,
      default: 0,
      description: 'Features to skip; the next/prev links carry it',
    }),
    bbox: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'minLon,minLat,maxLon,maxLat in CRS84 (6 numbers with heights also accepted)',
        examples: ['106.65,10.75,106.72,10.80'],
      }),
    ),
    'bbox-crs': Type.Optional(Type.String({ maxLength: 200, description: 'Only CRS84 is supported' })),
    crs: Type.Optional(Type.String({ maxLength: 200, description: 'Only CRS84 is supported' })),
    datetime: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          'An instant or an interval (start/end, ".." for an open end), RFC 3339; matched against the ' +
          "layer's date property in city time (+07:00). Ignored for layers without one.",
        examples: ['2026-10-06', '2026-10-01/..', '../2026-10-31T23:59:59+07:00'],
      }),
    ),
  },
  {
    // The layer's queryable properties (`?kind=xa`) are further parameters, checked per collection.
    additionalProperties: Type.String({ maxLength: 200 }),
  },
)
