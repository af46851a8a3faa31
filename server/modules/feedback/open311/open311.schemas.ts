import Type, { type Static, type TSchema } from 'typebox'

/**
 * Open311 GeoReport v2 documents as TypeBox schemas: they type the mapping, serialise the JSON
 * answers (a field not listed here never reaches a client) and document /api/openapi.json. The
 * official JSON schemas (standards/open311-georeport-v2/) check the answers in the tests.
 */

const NullableString = Type.Union([Type.String(), Type.Null()])
const CityDateTime = Type.String({
  format: 'date-time',
  description: 'ISO 8601 in city time, e.g. 2026-11-24T21:50:04+07:00',
})

export const Open311Service = Type.Object({
  service_code: Type.String({ description: 'A category id, e.g. roads.pothole (only leaf categories)' }),
  service_name: Type.String(),
  description: NullableString,
  metadata: Type.Boolean({
    description: 'True when the category has extra questions: GET its service definition',
  }),
  type: Type.Union([Type.Literal('realtime'), Type.Literal('batch'), Type.Literal('blackbox')]),
  keywords: NullableString,
  group: NullableString,
})
export type Open311Service = Static<typeof Open311Service>
export const Open311ServiceList = Type.Array(Open311Service)

export const Open311Datatype = Type.Union([
  Type.Literal('string'),
  Type.Literal('number'),
  Type.Literal('datetime'),
  Type.Literal('text'),
  Type.Literal('singlevaluelist'),
  Type.Literal('multivaluelist'),
])

export const Open311Attribute = Type.Object({
  variable: Type.Boolean(),
  code: Type.String(),
  datatype: Open311Datatype,
  required: Type.Boolean(),
  datatype_description: NullableString,
  order: Type.Integer(),
  description: NullableString,
  values: Type.Optional(
    Type.Array(Type.Object({ key: Type.String(), name: Type.String() }), {
      description: 'The choices of a singlevaluelist or multivaluelist',
    }),
  ),
})
export type Open311Attribute = Static<typeof Open311Attribute>

export const Open311ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(Open311Attribute),
})
export type Open311ServiceDefinition = Static<typeof Open311ServiceDefinition>

export const Open311Request = Type.Object({
  service_request_id: Type.String({
    description: 'The report id (a UUID); the report code PA-… is also accepted in lookups',
  }),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Type.Union([Type.String(), Type.Null()], {
    description: 'The latest public answer of the responsible agency',
  }),
  service_name: NullableString,
  service_code: Type.String(),
  description: Type.Union([Type.String(), Type.Null()], { description: 'Null when hidden by moderation' }),
  agency_responsible: NullableString,
  service_notice: NullableString,
  requested_datetime: CityDateTime,
  updated_datetime: Type.Union([CityDateTime, Type.Null()]),
  expected_datetime: Type.Union([CityDateTime, Type.Null()], {
    description: 'The legal deadline of the answer',
  }),
  address: NullableString,
  address_id: Type.Union([Type.String(), Type.Null()], { description: 'The 2025 ward code (5 digits)' }),
  zipcode: Type.Null(),
  lat: Type.Number(),
  long: Type.Number(),
  media_url: Type.Union([Type.String({ format: 'uri' }), Type.Null()], {
    description: 'The first public photo',
  }),
})
export type Open311Request = Static<typeof Open311Request>
export const Open311RequestList = Type.Array(Open311Request)

export const Open311Created = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    service_notice: NullableString,
    account_id: Type.Null({ description: 'Never given: reporters are not identified to clients' }),
  }),
)
export type Open311Created = Static<typeof Open311Created>

export const Open311TokenAnswer = Type.Array(
  Type.Object({ service_request_id: Type.String(), token: Type.String() }),
)

export const Open311Errors = Type.Array(
  Type.Object({
    code: Type.Integer({ description: 'The HTTP status' }),
    description: Type.String({
      description: 'Vietnamese by default; English with Accept-Language: en or ?lang=en',
    }),
  }),
  {
    description:
      'Open311 errors (JSON); the .xml endpoints answer <errors><error><code/><description/></error></errors>',
  },
)
export type Open311Errors = Static<typeof Open311Errors>

export const Open311Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: Type.String(),
      type: Type.Union([Type.Literal('production'), Type.Literal('test')]),
      formats: Type.Array(Type.String()),
    }),
  ),
})
export type Open311Discovery = Static<typeof Open311Discovery>

const LanguageParams = {
  lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
  locale: Type.Optional(Type.String({ maxLength: 20, description: 'Open311 locale, e.g. vi or en_US' })),
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 100, description: 'Ignored: one jurisdiction' })),
}
export const LanguageQuery = Type.Object(LanguageParams)

export const RequestsQuery = Type.Object({
  ...LanguageParams,
  service_request_id: Type.Optional(
    Type.String({
      maxLength: 4000,
      description: 'Comma-separated ids or codes; overrides every other filter',
    }),
  ),
  service_code: Type.Optional(Type.String({ maxLength: 2000, description: 'Comma-separated service codes' })),
  start_date: Type.Optional(
    Type.String({ maxLength: 40, description: 'Earliest requested_datetime (ISO 8601)' }),
  ),
  end_date: Type.Optional(
    Type.String({ maxLength: 40, description: 'Latest requested_datetime (ISO 8601)' }),
  ),
  status: Type.Optional(Type.String({ maxLength: 20, description: 'open, closed or open,closed' })),
})
export type RequestsQuery = Static<typeof RequestsQuery>

export const IdFileParams = Type.Object({
  file: Type.String({ maxLength: 200, description: 'The id followed by the format: {id}.json or {id}.xml' }),
})

export const CreateRequestBody = Type.Object(
  {
    api_key: Type.Optional(
      Type.String({ maxLength: 200, description: 'Or Authorization: Bearer, or X-API-Key' }),
    ),
    jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
    service_code: Type.String({ minLength: 1, maxLength: 80 }),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address_string: Type.Optional(Type.String({ maxLength: 300 })),
    address_id: Type.Optional(
      Type.String({ maxLength: 100, description: 'A ward code (or ward name, 2025 or former)' }),
    ),
    email: Type.Optional(Type.String({ maxLength: 200 })),
    device_id: Type.Optional(Type.String({ maxLength: 200 })),
    account_id: Type.Optional(Type.String({ maxLength: 200 })),
    first_name: Type.Optional(Type.String({ maxLength: 100 })),
    last_name: Type.Optional(Type.String({ maxLength: 100 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    media_url: Type.Optional(Type.String({ maxLength: 2000, description: 'Not accepted: see the summary' })),
    attribute: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'JSON: {"code": "value"}; forms send attribute[code]=value (attribute[code][]=… for lists)',
      }),
    ),
  },
  { additionalProperties: true },
)
export type CreateRequestBody = Static<typeof CreateRequestBody>

/** A 200 answer in JSON (json route) or XML (xml route), as OpenAPI 3.1 documents it. */
export function answer(format: 'json' | 'xml', schema: TSchema, description: string) {
  return format === 'json'
    ? { description, content: { 'application/json': { schema } } }
    : {
        description,
        content: { 'text/xml': { schema: Type.String({ description: 'The same document in XML' }) } },
      }
}

/** The Open311 error answers of a route, documented for each status it can give. */
export function errorAnswers(format: 'json' | 'xml', statuses: readonly number[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, answer(format, Open311Errors, 'Open311 errors')]),
  )
}
