import Type from 'typebox'

/** Route schemas of tiles, TileJSON, the style and glyphs (validation and OpenAPI). */

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile'
export const PBF_CONTENT_TYPE = 'application/x-protobuf'

const TilesetId = Type.String({
  pattern: '^[a-z0-9-]{1,64}$',
  description: 'A map layer id (see /api/v1/geo/layers), or `basemap`',
  examples: ['wards'],
})

export const TileParams = Type.Object({
  layer: TilesetId,
  z: Type.Integer({ minimum: 0, maximum: 24, description: 'Zoom level' }),
  x: Type.Integer({ minimum: 0, description: 'Column, 0 … 2^z − 1 from the antimeridian eastwards' }),
  y: Type.Integer({ minimum: 0, description: 'Row, 0 … 2^z − 1 from the north (XYZ scheme)' }),
})

export const TileJsonParams = Type.Object({ layer: TilesetId })

const Lang = Type.Union([Type.Literal('vi'), Type.Literal('en')], {
  description: 'Language of names and labels (default: Accept-Language, else Vietnamese)',
})

export const TileJsonQuery = Type.Object({ lang: Type.Optional(Lang) })

export const StyleQuery = Type.Object({
  lang: Type.Optional(Lang),
  basemap: Type.Optional(
    Type.Union([Type.Literal('builtin'), Type.Literal('none')], {
      description: '`none` leaves out the built-in basemap, to lay the city layers over another basemap',
    }),
  ),
})

export const GlyphParams = Type.Object({
  fontstack: Type.String({
    maxLength: 200,
    description: 'Font name, or a comma-separated stack (the first font the platform has answers)',
    examples: ['Noto Sans Regular'],
  }),
  range: Type.String({
    pattern: '^[0-9]{1,5}-[0-9]{1,5}$',
    description: '256 code points: 0-255, 256-511 …',
    examples: ['7680-7935'],
  }),
})

const VectorLayer = Type.Object({
  id: Type.String(),
  description: Type.String(),
  fields: Type.Record(Type.String(), Type.String()),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
})

export const TileJsonSchema = Type.Object(
  {
    tilejson: Type.Literal('3.0.0'),
    name: Type.String(),
    description: Type.String(),
    attribution: Type.String(),
    scheme: Type.Literal('xyz'),
    tiles: Type.Array(Type.String()),
    minzoom: Type.Integer(),
    maxzoom: Type.Integer(),
    bounds: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
    center: Type.Array(Type.Number(), { minItems: 3, maxItems: 3 }),
    vector_layers: Type.Array(VectorLayer),
  },
  { description: 'TileJSON 3.0.0' },
)

export const StyleSchema = Type.Object(
  {
    version: Type.Literal(8),
    name: Type.String(),
    metadata: Type.Record(Type.String(), Type.Unknown()),
    glyphs: Type.String(),
    sources: Type.Record(Type.String(), Type.Unknown()),
    layers: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  },
  { description: 'MapLibre style specification, version 8', additionalProperties: true },
)

/** A binary body in OpenAPI (Fastify sends Buffers as they are; the schema only documents). */
export const binary = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: { type: 'string', format: 'binary' } } },
})

/** A response without a body (204, 304): documented, never serialized. */
export const noBody = (description: string) => ({ description })
