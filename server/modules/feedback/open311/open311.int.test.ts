import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiKeyCaller,
  type Caller,
  createTestAgency,
  createTestOfficial,
  createTestResident,
  sessionCaller,
} from '../../../../tests/support/principals.ts'
import { testPlatform, workerDatabase } from '../../../../tests/support/test-platform.ts'
import { buildApp } from '../../../app.ts'
import type { Platform } from '../../../core/platform.ts'
import { wardCommitteeId } from '../../identity/agencies/agency.seed.ts'
import { cameraJpeg } from '../photos/fixtures/test-images.ts'
import { open311Routes } from './open311.routes.ts'

/**
 * Open311 GeoReport v2 through HTTP on a real database: every JSON answer checked against the
 * official schemas (standards/open311-georeport-v2, Ajv's default draft-07 with formats: the schemas
 * declare no draft), every XML answer parsed and compared with its JSON twin, submissions with a
 * key (form and JSON) seen by the residents' public API, refusals as Open311 errors, and no
 * personal data in any answer.
 */

let app: FastifyInstance
let platform: Platform
let key: Caller & { key: string; keyId: string }

/** Phường Sài Gòn (26740). */
const SAI_GON = { lon: 106.7009, lat: 10.7769, code: '26740' }

beforeAll(async () => {
  platform = await testPlatform(await workerDatabase())
  app = await buildApp(platform, { logger: false, serveWeb: false })
  // Until the app registers the plugin itself (server/app.ts), the test does.
  if (!app.hasRoute({ method: 'GET', url: '/open311/v2/services.json' }))
    await app.register(open311Routes(platform))
  await app.ready()
  key = await apiKeyCaller(platform, await createTestAgency(platform, 'o311'), ['open311'], 'open311 client')
})
afterAll(() => app?.close())

// ---------------------------------------------------------------- official schemas

const STANDARDS = join(import.meta.dirname, '../../../../standards/open311-georeport-v2')
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats(ajv)
for (const file of [
  'service.json',
  'services.json',
  'service-definition.json',
  'request.json',
  'requests.json',
]) {
  ajv.addSchema(JSON.parse(readFileSync(join(STANDARDS, file), 'utf8')), file)
}

function expectValid(schema: string, data: unknown) {
  const validate = ajv.getSchema(schema)
  if (!validate) throw new Error(`no schema ${schema}`)
  const ok = validate(data)
  expect(ok ? [] : validate.errors, `${schema}: ${JSON.stringify(data).slice(0, 300)}`).toEqual([])
}

// ---------------------------------------------------------------- XML ⇔ JSON

/** Repeated elements of each document: always lists once parsed. */
const LISTS = new Set([
  'services.service',
  'service_definition.attributes.attribute',
  'service_definition.attributes.attribute.values.value',
  'service_requests.request',
  'errors.error',
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
])
const parser = new XMLParser({ parseTagValue: false, isArray: (_name, jpath) => LISTS.has(String(jpath)) })

function parseXml(xml: string): Record<string, unknown> {
  expect(XMLValidator.validate(xml)).toBe(true)
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
  return parser.parse(xml) as Record<string, unknown>
}

/** JSON as XML carries it: every value text, null empty. */
function asText(value: unknown): unknown {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(asText)
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]))
  return String(value)
}

const listIn = (value: unknown, child: string): unknown[] =>
  value && typeof value === 'object' ? (((value as Record<string, unknown>)[child] as unknown[]) ?? []) : []

/** The XML document back in the JSON shape of the same endpoint. */
function xmlAsJson(xml: string): unknown {
  const doc = parseXml(xml)
  if ('services' in doc) return listIn(doc.services, 'service')
  if ('service_requests' in doc) return listIn(doc.service_requests, 'request')
  if ('errors' in doc) return listIn(doc.errors, 'error')
  if ('service_definition' in doc) {
    const definition = doc.service_definition as Record<string, unknown>
    return {
      ...definition,
      attributes: listIn(definition.attributes, 'attribute').map((attribute) => {
        const { values, ...rest } = attribute as Record<string, unknown>
        return values === undefined ? rest : { ...rest, values: listIn(values, 'value') }
      }),
    }
  }
  if ('discovery' in doc) {
    const discovery = doc.discovery as Record<string, unknown>
    return {
      ...discovery,
      endpoints: listIn(discovery.endpoints, 'endpoint').map((endpoint) => ({
        ...(endpoint as Record<string, unknown>),
        formats: listIn((endpoint as Record<string, unknown>).formats, 'format'),
      })),
    }
  }
  throw new Error(`unknown document ${Object.keys(doc).join(',')}`)
}

/** GETs a path as .json and .xml; checks both and that they say the same. Returns the JSON. */
async function both(path: string, options: Omit<InjectOptions, 'url' | 'method'> = {}) {
  const [json, xml] = await Promise.all(
    ['json', 'xml'].map((format) =>
      app.inject({ ...options, method: 'GET', url: path.replace('{format}', format) }),
    ),
  )
  if (!json || !xml) throw new Error('no answer')
  expect(json.statusCode, json.body).toBe(xml.statusCode)
  expect(json.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8')
  expect(xmlAsJson(xml.body)).toEqual(asText(json.json()))
  return { status: json.statusCode, body: json.json(), json, xml }
}

// ---------------------------------------------------------------- helpers

const uniquePoint = () => ({
  lon: SAI_GON.lon + Math.random() * 0.0008,
  lat: SAI_GON.lat + Math.random() * 0.0004,
})

function postForm(
  fields: Record<string, string | string[]>,
  options: { format?: 'json' | 'xml'; headers?: Record<string, string>; query?: string } = {},
) {
  const form = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one)
  return app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${options.format ?? 'json'}${options.query ?? ''}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    payload: form.toString(),
  })
}

function postJson(
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
  format: 'json' | 'xml' = 'json',
) {
  return app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers, payload: body })
}

const form = (extra: Record<string, string | string[]> = {}) => {
  const point = uniquePoint()
  return {
    service_code: 'other.other',
    lat: String(point.lat),
    long: String(point.lon),
    description: 'Cột điện nghiêng trước số 12, có nguy cơ đổ.',
    ...extra,
  }
}

async function publicReport(id: string) {
  return app.inject({ method: 'GET', url: `/api/v1/feedback/reports/${id}` })
}

async function residentCaller(label: string) {
  const resident = await createTestResident(platform, label)
  const caller = await sessionCaller(platform, { kind: 'resident', residentId: resident.id }, label)
  return { ...resident, caller }
}

async function officer() {
  const official = await createTestOfficial(platform, {
    agencyId: wardCommitteeId(SAI_GON.code),
    roles: ['officer'],
    label: 'o311',
  })
  return sessionCaller(platform, { kind: 'official', officialId: official.id }, 'officer')
}

function consoleAct(caller: Caller, id: string, path: string, payload: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/console/feedback/reports/${id}/${path}`,
    headers: caller.headers,
    payload,
  })
}

const errorsOf = (response: { json(): unknown }) => response.json() as { code: number; description: string }[]

// ---------------------------------------------------------------- tests

describe('discovery and services', () => {
  it('describes the endpoint, in JSON and XML', async () => {
    const { status, body } = await both('/open311/v2/discovery.{format}')
    expect(status).toBe(200)
    expect(body.endpoints).toEqual([
      expect.objectContaining({
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'http://localhost:80/open311/v2',
        type: 'test',
        formats: ['text/xml', 'application/json'],
      }),
    ])
    expect(body.key_service).toContain('open311')
  })

  it('lists the leaf categories as services, valid against the official schema, in Vietnamese or English', async () => {
    const { body } = await both('/open311/v2/services.{format}')
    expectValid('services.json', body)
    const pothole = body.find((service: { service_code: string }) => service.service_code === 'roads.pothole')
    expect(pothole).toEqual({
      service_code: 'roads.pothole',
      service_name: 'Ổ gà, sụt lún mặt đường',
      description: null,
      metadata: true,
      type: 'realtime',
      keywords: 'roads, pothole',
      group: 'Đường sá, vỉa hè',
    })
    // Groups are not services: only leaves can be chosen.
    expect(body.map((service: { service_code: string }) => service.service_code)).not.toContain('roads')
    expect(
      body.find((service: { service_code: string }) => service.service_code === 'other.other').metadata,
    ).toBe(false)

    for (const options of [{ headers: { 'accept-language': 'en' } }, { query: { locale: 'en_US' } }]) {
      const english = await both('/open311/v2/services.{format}', options)
      expectValid('services.json', english.body)
      const inEnglish = english.body.find(
        (service: { service_code: string }) => service.service_code === 'roads.pothole',
      )
      expect(inEnglish.service_name).toBe('Potholes and subsidence')
      expect(inEnglish.group).toBe('Roads and pavements')
      expect(english.json.headers['content-language']).toBe('en')
    }
  })

  it('defines a service’s attributes from the category’s questions', async () => {
    const { body } = await both('/open311/v2/services/drainage.flooding.{format}')
    expectValid('service-definition.json', body)
    expect(body).toEqual({
      service_code: 'drainage.flooding',
      attributes: [
        {
          variable: true,
          code: 'depth',
          datatype: 'singlevaluelist',
          required: true,
          datatype_description: 'Chọn một giá trị (key) trong danh sách',
          order: 1,
          description: 'Mức ngập',
          values: [
            { key: 'ankle', name: 'Đến mắt cá chân' },
            { key: 'knee', name: 'Đến đầu gối' },
            { key: 'above_knee', name: 'Trên đầu gối' },
          ],
        },
      ],
    })
    const karaoke = await both('/open311/v2/services/noise.karaoke.{format}', {
      headers: { 'accept-language': 'en' },
    })
    expectValid('service-definition.json', karaoke.body)
    expect(karaoke.body.attributes[0]).toMatchObject({
      datatype: 'multivaluelist',
      description: 'When',
      required: false,
    })
    const none = await both('/open311/v2/services/other.other.{format}')
    expect(none.body).toEqual({ service_code: 'other.other', attributes: [] })
  })

  it('is in the OpenAPI document: each endpoint in JSON and XML, forms and JSON accepted, Open311 errors', async () => {
    const document = (await app.inject('/api/openapi.json')).json()
    await SwaggerParser.validate(structuredClone(document))
    const paths = Object.keys(document.paths).filter((path) => path.startsWith('/open311/v2/'))
    expect(paths).toHaveLength(12)
    const post = document.paths['/open311/v2/requests.xml'].post
    expect(Object.keys(post.requestBody.content).sort()).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
    ])
    expect(Object.keys(post.responses[403].content)).toEqual(['text/xml'])
    expect(
      document.paths['/open311/v2/requests.json'].get.responses[400].content['application/json'].schema.items
        .required,
    ).toEqual(['code', 'description'])
  })

  it('answers an unknown or group service_code, and an unknown path, with Open311 errors', async () => {
    for (const code of ['nothing.here', 'roads']) {
      const { status, body } = await both(`/open311/v2/services/${code}.{format}`)
      expect(status).toBe(404)
      expect(body).toEqual([{ code: 404, description: expect.stringContaining(`(service_code) ${code}.`) }])
    }
    const english = await both('/open311/v2/services/roads.{format}', {
      headers: { 'accept-language': 'en' },
    })
    expect(english.body[0].description).toBe(
      'There is no service_code roads. The list is at /open311/v2/services.json.',
    )
    const unknown = await both('/open311/v2/nothing.{format}')
    expect(unknown.status).toBe(404)
    expect(unknown.body[0].description).toContain('discovery.json')
    const csv = await app.inject({ method: 'GET', url: '/open311/v2/services.csv' })
    expect(csv.statusCode).toBe(404)
    expect(errorsOf(csv)[0]?.code).toBe(404)
  })
})

describe('submitting with an API key', () => {
  it('creates a report from a form (api_key in the body) that the residents’ public API shows', async () => {
    const point = uniquePoint()
    const response = await postForm({
      api_key: key.key,
      service_code: 'roads.pothole',
      lat: String(point.lat),
      long: String(point.lon),
      address_string: '12 Lê Lợi',
      description: 'Ổ gà lớn giữa làn xe máy, đã có người té ngã.',
      'attribute[size]': 'large',
      first_name: 'Trần',
      last_name: 'Văn Liên Hệ',
      email: 'lienhe@example.vn',
      phone: '0912345678',
      device_id: '',
    })
    expect(response.statusCode, response.body).toBe(200)
    const [created] = response.json()
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      service_notice: expect.stringMatching(
        /^Mã phản ánh PA-\d{4}-\d{6}\. Đã chuyển đến .+; hạn trả lời \d{2}\/\d{2}\/\d{4}\.$/,
      ),
      account_id: null,
    })
    expect(response.headers.location).toBe(
      `http://localhost:80/open311/v2/requests/${created.service_request_id}.json`,
    )

    const shown = await publicReport(created.service_request_id)
    expect(shown.statusCode, shown.body).toBe(200)
    expect(shown.json()).toMatchObject({
      category: { id: 'roads.pothole' },
      description: 'Ổ gà lớn giữa làn xe máy, đã có người té ngã.',
      address: '12 Lê Lợi',
      ward: { code: SAI_GON.code },
      location: { lon: point.lon, lat: point.lat },
      status: 'forwarded',
    })
    const stored = await platform.database.db
      .selectFrom('feedback.reports')
      .select(['source', 'api_key_id', 'contact_name', 'contact_email_enc', 'anonymous', 'is_public'])
      .where('id', '=', created.service_request_id)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      source: 'open311',
      api_key_id: key.keyId,
      contact_name: 'Trần Văn Liên Hệ',
      anonymous: false,
      is_public: true,
    })
    // The contact is for the agency: encrypted at rest.
    expect(stored.contact_email_enc).not.toContain('lienhe@example.vn')
    const answers = await platform.database.db
      .selectFrom('feedback.report_answers')
      .select(['question_code', 'value'])
      .where('report_id', '=', created.service_request_id)
      .execute()
    expect(answers).toEqual([{ question_code: 'size', value: 'large' }])

    // The contact never shows through Open311.
    for (const path of [
      `/open311/v2/requests/${created.service_request_id}.{format}`,
      '/open311/v2/requests.{format}',
    ]) {
      const { json, xml } = await both(path)
      for (const secret of ['Liên Hệ', 'lienhe@example.vn', '0912345678', key.keyId]) {
        expect(json.body).not.toContain(secret)
        expect(xml.body).not.toContain(secret)
      }
    }
  })

  it('takes a JSON body with the key in it, list answers, and answers in XML', async () => {
    const point = uniquePoint()
    const response = await postJson(
      {
        api_key: key.key,
        service_code: 'noise.karaoke',
        lat: point.lat,
        long: point.lon,
        description: 'Karaoke hát to đến 1 giờ sáng mỗi đêm.',
        attribute: { time_of_day: ['day', 'night'] },
        email: null,
        address_string: '',
      },
      {},
      'xml',
    )
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8')
    const [created] = xmlAsJson(response.body) as { service_request_id: string; account_id: string }[]
    expect(created?.account_id).toBe('')
    const id = created?.service_request_id as string
    expect((await publicReport(id)).json().category.id).toBe('noise.karaoke')
    const answers = await platform.database.db
      .selectFrom('feedback.report_answers')
      .select('value')
      .where('report_id', '=', id)
      .orderBy('position')
      .execute()
    expect(answers.map((answer) => answer.value)).toEqual(['day', 'night'])
  })

  it('takes the key from the query or the Authorization header, and forms with repeated list answers', async () => {
    const inQuery = await postForm(form(), { query: `?api_key=${key.key}` })
    expect(inQuery.statusCode, inQuery.body).toBe(200)
    const inHeader = await postForm(
      form({ service_code: 'noise.karaoke', 'attribute[time_of_day][]': ['day', 'night'] }),
      { headers: { ...key.headers, 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' } },
    )
    expect(inHeader.statusCode, inHeader.body).toBe(200)
    const id = inHeader.json()[0].service_request_id
    const answers = await platform.database.db
      .selectFrom('feedback.report_answers')
      .select('value')
      .where('report_id', '=', id)
      .orderBy('position')
      .execute()
    expect(answers.map((answer) => answer.value)).toEqual(['day', 'night'])
  })

  it('locates a request by address_id (ward code) or by the ward named in address_string', async () => {
    const byId = await postForm({
      api_key: key.key,
      service_code: 'other.other',
      address_id: SAI_GON.code,
      description: 'Bảng tên đường bị mất ở đầu hẻm.',
    })
    expect(byId.statusCode, byId.body).toBe(200)
    const located = (await publicReport(byId.json()[0].service_request_id)).json()
    expect(located.ward.code).toBe(SAI_GON.code)
    expect(located.locationPrecision).toBe('ward')

    // JSON clients send null for what they do not have: not a position at 0, 0.
    const nulls = await postJson(
      {
        service_code: 'other.other',
        lat: null,
        long: null,
        address_id: SAI_GON.code,
        description: 'Bảng tên đường bị mất ở đầu hẻm.',
      },
      key.headers,
    )
    expect(nulls.statusCode, nulls.body).toBe(200)
    expect((await publicReport(nulls.json()[0].service_request_id)).json().ward.code).toBe(SAI_GON.code)

    const byAddress = await postForm({
      api_key: key.key,
      service_code: 'other.other',
      address_string: '45 Nguyễn Huệ, Phường Sài Gòn, Thành phố Hồ Chí Minh',
      description: 'Bảng tên đường bị mất ở đầu hẻm.',
    })
    expect(byAddress.statusCode, byAddress.body).toBe(200)
    const fromAddress = (await publicReport(byAddress.json()[0].service_request_id)).json()
    expect(fromAddress.ward.code).toBe(SAI_GON.code)
    expect(fromAddress.address).toBe('45 Nguyễn Huệ, Phường Sài Gòn, Thành phố Hồ Chí Minh')
  })

  it('is idempotent with an Idempotency-Key: a retry answers the same request', async () => {
    const idempotencyKey = randomUUID()
    const fields = form()
    const first = await postForm(fields, { headers: { ...key.headers, 'idempotency-key': idempotencyKey } })
    const again = await postForm(fields, { headers: { ...key.headers, 'idempotency-key': idempotencyKey } })
    expect(first.statusCode).toBe(200)
    expect(again.statusCode).toBe(200)
    expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id)
    const count = await platform.database.db
      .selectFrom('feedback.reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)
    const reused = await postForm(form(), { headers: { ...key.headers, 'idempotency-key': idempotencyKey } })
    expect(reused.statusCode).toBe(400)
    expect(errorsOf(reused)[0]?.description).toContain('Idempotency-Key')
  })

  it('refuses a request without a key, with a bad key or with a key lacking the open311 scope', async () => {
    const otherScope = await apiKeyCaller(
      platform,
      await createTestAgency(platform, 'geo'),
      ['geo:import'],
      'importer',
    )
    const before = await countReports()
    const cases: [string, Awaited<ReturnType<typeof postForm>>, number][] = [
      ['no key', await postForm(form()), 401],
      ['no key (xml)', await postForm(form(), { format: 'xml' }), 401],
      ['bad key in the body', await postForm({ ...form(), api_key: 'dc_000000000000_notakey' }), 401],
      ['other scope in the body', await postForm({ ...form(), api_key: otherScope.key }), 403],
      ['other scope in the header', await postForm(form(), { headers: otherScope.headers }), 403],
    ]
    for (const [label, response, status] of cases) {
      expect(response.statusCode, label).toBe(status)
      const errors = label.includes('xml') ? (xmlAsJson(response.body) as unknown[]) : errorsOf(response)
      expect(errors, label).toEqual([
        { code: label.includes('xml') ? String(status) : status, description: expect.any(String) },
      ])
    }
    expect(errorsOf(cases[0]?.[1] as never)[0]?.description).toContain('api_key')
    expect(errorsOf(cases[3]?.[1] as never)[0]?.description).toContain('open311')
    // A resident's session is no key either.
    const { caller } = await residentCaller('cookie')
    const resident = await postForm(form(), { headers: caller.headers })
    expect(resident.statusCode).toBe(403)
    expect(await countReports()).toBe(before)
  })

  it('answers bad input with Open311 errors naming the parameter, in Vietnamese or English', async () => {
    const before = await countReports()
    const refused = async (
      fields: Record<string, string | string[]>,
      status: number,
      text: string,
      headers = {},
    ) => {
      const response = await postForm({ api_key: key.key, ...fields }, { headers })
      expect(response.statusCode, response.body).toBe(status)
      const descriptions = errorsOf(response).map((error) => error.description)
      expect(descriptions.join(' | ')).toContain(text)
      for (const error of errorsOf(response)) expect(error.code).toBe(status)
      return descriptions
    }
    await refused(form({ service_code: 'no.such' }), 404, '(service_code) no.such.')
    await refused(form({ service_code: 'roads' }), 404, '(service_code) roads.')
    await refused(
      { service_code: 'other.other', description: 'Cột điện nghiêng, nguy hiểm.' },
      400,
      'Thiếu vị trí',
    )
    await refused(
      { service_code: 'other.other', description: 'Cột điện nghiêng, nguy hiểm.' },
      400,
      'No location',
      {
        'accept-language': 'en',
      },
    )
    await refused(
      { service_code: 'other.other', lat: '10.7769', description: 'Cột điện nghiêng, nguy hiểm.' },
      400,
      'lat và long',
    )
    await refused(
      {
        service_code: 'other.other',
        address_string: 'Một nơi nào đó',
        description: 'Cột điện nghiêng, nguy hiểm.',
      },
      400,
      'address_string',
    )
    await refused(form({ lat: '10.0', long: '105.0' }), 400, 'lat/long: điểm này không thuộc')
    await refused(
      {
        service_code: 'other.other',
        address_id: 'Phường Không Có',
        description: 'Cột điện nghiêng, nguy hiểm.',
      },
      400,
      'address_id',
    )
    const { service_code: _missing, ...noCode } = form()
    await refused(noCode, 400, 'service_code')
    await refused(form({ description: 'ngắn' }), 400, 'description')
    await refused(form({ lat: 'north' }), 400, 'lat')
    await refused(form({ media_url: 'https://example.com/a.jpg' }), 400, 'media_url')
    await refused(form({ service_code: 'drainage.flooding' }), 400, 'attribute[depth]')
    await refused(
      form({ service_code: 'drainage.flooding', 'attribute[depth]': 'ocean' }),
      400,
      'attribute[depth]',
    )
    await refused(form({ 'attribute[nope]': 'x' }), 400, 'attribute[nope]')
    const malformed = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { ...key.headers, 'content-type': 'application/json' },
      payload: '{"service_code": ',
    })
    expect(malformed.statusCode).toBe(400)
    expect((xmlAsJson(malformed.body) as { code: string }[])[0]?.code).toBe('400')
    const multipart = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { ...key.headers, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--',
    })
    expect(multipart.statusCode).toBe(415)
    expect(errorsOf(multipart)[0]?.description).toContain('application/x-www-form-urlencoded')
    expect(await countReports()).toBe(before)
  })
})

describe('reading requests', () => {
  it('lists public requests with status, notes, deadline, address and photo, filtered as the spec says', async () => {
    const sent = await postForm(form(), { headers: key.headers })
    const id: string = sent.json()[0].service_request_id
    const single = await both(`/open311/v2/requests/${id}.{format}`)
    expectValid('requests.json', single.body)
    const [open] = single.body
    expect(open).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: null,
      service_code: 'other.other',
      service_name: 'Vấn đề khác',
      agency_responsible: 'Ủy ban nhân dân Phường Sài Gòn',
      address: 'Phường Sài Gòn',
      address_id: SAI_GON.code,
      zipcode: null,
      media_url: null,
    })
    expect(open.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/)
    const report = (await publicReport(id)).json()
    expect(new Date(open.requested_datetime).toISOString()).toBe(
      new Date(report.submittedAt).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    )
    expect(new Date(open.expected_datetime).getTime()).toBe(
      Math.floor(new Date(report.deadlineAt).getTime() / 1000) * 1000,
    )
    // The report code residents see works as an id too.
    expect((await both(`/open311/v2/requests/${report.code}.{format}`)).body[0].service_request_id).toBe(id)
    expect((await both(`/open311/v2/tokens/${id}.{format}`)).body).toEqual([
      { service_request_id: id, token: id },
    ])

    // The agency answers, then resolves: closed, with its words as status notes.
    const staff = await officer()
    expect(
      (await consoleAct(staff, id, 'responses', { message: 'Đã cử tổ công tác xuống kiểm tra.' })).statusCode,
    ).toBe(200)
    expect((await both(`/open311/v2/requests/${id}.{format}`)).body[0]).toMatchObject({
      status: 'open',
      status_notes: 'Đã cử tổ công tác xuống kiểm tra.',
    })
    expect(
      (await consoleAct(staff, id, 'actions', { action: 'resolve', message: 'Đã dựng lại cột điện.' }))
        .statusCode,
    ).toBe(200)
    const [closed] = (await both(`/open311/v2/requests/${id}.{format}`)).body
    expect(closed).toMatchObject({
      status: 'closed',
      status_notes: 'Đã dựng lại cột điện.',
      service_notice: `Mã phản ánh ${report.code}.`,
    })

    // Lists: this one is found by id, status and service_code, and not by the other status.
    const ids = await both(
      `/open311/v2/requests.{format}?service_request_id=${id},${randomUUID()},PA-0000-000000&status=open`,
    )
    expectValid('requests.json', ids.body)
    expect(ids.body.map((request: { service_request_id: string }) => request.service_request_id)).toEqual([
      id,
    ])
    const listed = async (query: string) =>
      (await both(`/open311/v2/requests.{format}?${query}`)).body.map(
        (request: { service_request_id: string }) => request.service_request_id,
      )
    expect(await listed('status=closed&service_code=other.other')).toContain(id)
    expect(await listed('status=open')).not.toContain(id)
    expect(await listed('service_code=other')).toContain(id)
    expect(await listed('service_code=roads.pothole')).not.toContain(id)
    const all = await both('/open311/v2/requests.{format}')
    expectValid('requests.json', all.body)
    expect(all.body.length).toBeLessThanOrEqual(1000)
    expect(all.body.map((request: { service_request_id: string }) => request.service_request_id)).toContain(
      id,
    )
    const times = all.body.map((request: { requested_datetime: string }) =>
      Date.parse(request.requested_datetime),
    )
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('applies start_date and end_date (90 days at most) and refuses bad filters', async () => {
    const id = (await postForm(form(), { headers: key.headers })).json()[0].service_request_id
    const submitted = new Date((await publicReport(id)).json().submittedAt)
    const day = (offsetDays: number) => new Date(submitted.getTime() + offsetDays * 86_400_000).toISOString()
    const listed = async (query: string) =>
      (await both(`/open311/v2/requests.{format}?${query}`)).body.map(
        (request: { service_request_id: string }) => request.service_request_id,
      )
    expect(
      await listed(`start_date=${encodeURIComponent(day(-1))}&end_date=${encodeURIComponent(day(1))}`),
    ).toContain(id)
    expect(await listed(`start_date=${encodeURIComponent(day(1))}`)).not.toContain(id)
    expect(await listed(`end_date=${encodeURIComponent(day(-1))}`)).not.toContain(id)
    // A bare date is a whole city day.
    const cityDay = new Date(submitted.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
    expect(await listed(`start_date=${cityDay}&end_date=${cityDay}`)).toContain(id)

    for (const [query, text] of [
      ['status=pending', 'status'],
      ['start_date=yesterday', 'start_date'],
      ['end_date=2026-02-30', 'end_date'],
      [`start_date=${encodeURIComponent(day(-100))}&end_date=${encodeURIComponent(day(1))}`, '90'],
      [`start_date=${encodeURIComponent(day(1))}&end_date=${encodeURIComponent(day(-1))}`, 'start_date'],
      ['service_code=no.such', 'no.such'],
    ] as const) {
      const { status, body } = await both(`/open311/v2/requests.{format}?${query}`)
      expect(status, query).toBe(query.startsWith('service_code') ? 404 : 400)
      expect(body[0].description, query).toContain(text)
    }
  })

  it('shows nothing of a resident’s anonymous report but the report, and nothing hidden or private', async () => {
    const resident = await residentCaller('ẩn danh')
    const upload = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/photos',
      headers: { ...resident.caller.headers, 'content-type': 'image/jpeg' },
      payload: await cameraJpeg(64, 48, { gps: { lat: 10.7769, lon: 106.7009 } }),
    })
    expect(upload.statusCode, upload.body).toBe(201)
    const photoId = upload.json().id
    const sent = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/reports',
      headers: { ...resident.caller.headers, 'idempotency-key': randomUUID() },
      payload: {
        categoryId: 'other.other',
        description: 'Vỉa hè bị đào bới, không hoàn trả mặt bằng.',
        location: uniquePoint(),
        photoIds: [photoId],
        anonymous: true,
        public: true,
      },
    })
    expect(sent.statusCode, sent.body).toBe(201)
    const id = sent.json().id
    const secrets = [
      resident.id,
      resident.claims.fullName,
      resident.claims.nationalId,
      resident.claims.phone,
      resident.claims.subject,
    ]

    const answers = [
      await both(`/open311/v2/requests/${id}.{format}`),
      await both(`/open311/v2/requests.{format}?service_request_id=${id}`),
      await both('/open311/v2/requests.{format}'),
      await both(`/open311/v2/tokens/${id}.{format}`),
    ]
    for (const { json, xml } of answers) {
      for (const secret of secrets) {
        expect(json.body).not.toContain(secret)
        expect(xml.body).not.toContain(secret)
      }
    }
    const single = (answers[0] as { body: Record<string, unknown>[] }).body
    expectValid('requests.json', single)
    const request = single[0] as { description: string; media_url: string }
    expect(request.description).toBe('Vỉa hè bị đào bới, không hoàn trả mặt bằng.')
    expect(request.media_url).toBe(`http://localhost:80/api/v1/feedback/photos/${photoId}`)
    const photo = await app.inject({ method: 'GET', url: new URL(request.media_url).pathname })
    expect(photo.statusCode).toBe(200)
    expect(photo.headers['content-type']).toBe('image/jpeg')

    // Moderated: the text and the photo disappear from Open311 too.
    const staff = await officer()
    const moderated = await consoleAct(staff, id, 'moderation', {
      hideDescription: true,
      hidePhotoIds: [photoId],
      reason: 'Nội dung không phù hợp.',
    })
    expect(moderated.statusCode, moderated.body).toBe(200)
    const [hidden] = (await both(`/open311/v2/requests/${id}.{format}`)).body
    expect(hidden.description).toBeNull()
    expect(hidden.media_url).toBeNull()
    expectValid('request.json', hidden)

    // A private report is not there at all.
    const privately = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/reports',
      headers: { ...resident.caller.headers, 'idempotency-key': randomUUID() },
      payload: {
        categoryId: 'other.other',
        description: 'Một phản ánh không công khai.',
        location: uniquePoint(),
        anonymous: false,
        public: false,
      },
    })
    const privateId = privately.json().id
    expect((await both(`/open311/v2/requests/${privateId}.{format}`)).status).toBe(404)
    expect((await both(`/open311/v2/tokens/${privateId}.{format}`)).status).toBe(404)
    expect((await both(`/open311/v2/requests.{format}?service_request_id=${privateId}`)).body).toEqual([])
    expect(
      (await both('/open311/v2/requests.{format}')).body.map(
        (r: { service_request_id: string }) => r.service_request_id,
      ),
    ).not.toContain(privateId)
  })
})

async function countReports(): Promise<number> {
  const row = await platform.database.db
    .selectFrom('feedback.reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
