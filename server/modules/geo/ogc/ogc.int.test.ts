import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, workerDatabase } from '../../../../tests/support/test-platform.ts'
import { markLayerChanged } from '../layer.repository.ts'
import { findLayer, type LayerDefinition } from '../layers.ts'

const run = promisify(execFile)
const OGRINFO = '/usr/bin/ogrinfo'
const OGR2OGR = '/usr/bin/ogr2ogr'

interface Feature {
  id: string
  geometry: { type: string; coordinates: [number, number] } | null
  properties: Record<string, unknown>
}
interface Page {
  type: string
  features: Feature[]
  numberMatched: number
  numberReturned: number
  timeStamp: string
  links: Array<{ rel: string; href: string; type?: string }>
}

let app: FastifyInstance
/** Every URL the app was asked for, to see how GDAL pages through a collection. */
const requested: string[] = []

beforeAll(async () => {
  app = await testApp((instance) => {
    instance.addHook('onRequest', async (request) => {
      requested.push(request.url)
    })
  })
})
afterAll(() => app.close())

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers })
async function page(url: string): Promise<Page> {
  const response = await get(url)
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200)
  return response.json()
}
const href = (doc: { links: Page['links'] }, rel: string) => doc.links.find((l) => l.rel === rel)?.href
/** A link's path and query, to ask the in-process app for it. */
const local = (url: string) => {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}
async function problem(url: string, status: number, code: string) {
  const response = await get(url)
  expect(response.statusCode, url).toBe(status)
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(response.json()).toMatchObject({ status, code })
  return response.json()
}

describe('landing page, conformance, collections', () => {
  it('links the API definition, docs, conformance and data', async () => {
    const response = await get('/ogc')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    const doc = response.json()
    const rels = Object.fromEntries(
      (doc.links as Page['links']).map((l) => [l.rel, new URL(l.href).pathname]),
    )
    expect(rels).toMatchObject({
      self: '/ogc',
      alternate: '/ogc',
      'service-desc': '/api/openapi.json',
      'service-doc': '/api/docs',
      conformance: '/ogc/conformance',
      data: '/ogc/collections',
    })
    expect(doc.links.find((l: { rel: string }) => l.rel === 'alternate').type).toBe('text/html')
    expect(doc.title).toContain('Bản đồ số')
  })

  it('redirects /ogc/ to the landing page, keeping the query', async () => {
    const response = await get('/ogc/?f=html')
    expect(response.statusCode).toBe(301)
    expect(response.headers.location).toBe('/ogc?f=html')
  })

  it('declares core, GeoJSON and HTML conformance', async () => {
    const { conformsTo } = (await get('/ogc/conformance')).json()
    for (const cls of ['core', 'geojson', 'html']) {
      expect(conformsTo).toContain(`http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${cls}`)
    }
  })

  it('lists every layer with its CRS84 extent, and a temporal extent for dated layers', async () => {
    const doc = (await get('/ogc/collections')).json()
    const byId = Object.fromEntries(doc.collections.map((c: { id: string }) => [c.id, c]))
    expect(Object.keys(byId)).toEqual(['wards', 'traffic-cameras', 'flood-points', 'facilities'])
    const wards = byId.wards
    expect(wards).toMatchObject({ title: 'Phường, xã, đặc khu', itemType: 'feature' })
    expect(wards.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84'])
    const [minLon, minLat, maxLon, maxLat] = wards.extent.spatial.bbox[0]
    // The city runs from Cần Giờ's sea and Côn Đảo in the south to the old Bình Dương in the north.
    expect(minLon).toBeGreaterThan(105)
    expect(maxLon).toBeLessThan(108)
    expect(minLat).toBeGreaterThan(8)
    expect(maxLat).toBeLessThan(12)
    expect(wards.extent.temporal).toBeUndefined()
    expect(byId['flood-points'].extent.temporal.interval).toEqual([
      ['2026-10-06T00:00:00+07:00', '2026-10-06T23:59:59+07:00'],
    ])
    const items = (wards.links as Page['links']).find(
      (l) => l.rel === 'items' && l.type === 'application/geo+json',
    )
    expect(new URL(items?.href ?? '').pathname).toBe('/ogc/collections/wards/items')
  })

  it('writes titles in the request language', async () => {
    expect((await get('/ogc/collections/wards?lang=en')).json().title).toBe('Wards and communes')
    expect((await get('/ogc/collections/wards', { 'accept-language': 'en-US' })).json().title).toBe(
      'Wards and communes',
    )
    expect((await get('/ogc/collections/wards')).json().title).toBe('Phường, xã, đặc khu')
  })

  it('answers 404 layer_not_found for an unknown collection', async () => {
    await problem('/ogc/collections/nope', 404, 'layer_not_found')
    await problem('/ogc/collections/nope/items', 404, 'layer_not_found')
    await problem('/ogc/collections/nope/items/1', 404, 'layer_not_found')
  })

  it('describes the queryable properties', async () => {
    const response = await get('/ogc/collections/wards/queryables')
    expect(response.headers['content-type']).toMatch(/^application\/schema\+json/)
    const doc = response.json()
    expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(new URL(doc.$id).pathname).toBe('/ogc/collections/wards/queryables')
    expect(Object.keys(doc.properties).sort()).toEqual(['code', 'kind'])
    expect(doc.properties.kind.anyOf.map((s: { const: string }) => s.const)).toEqual([
      'phuong',
      'xa',
      'dac_khu',
    ])
  })
})

describe('items', () => {
  it('pages with limit (default 10), numberMatched and next/prev links', async () => {
    const response = await get('/ogc/collections/wards/items')
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/)
    const first: Page = response.json()
    expect(first).toMatchObject({ type: 'FeatureCollection', numberMatched: 168, numberReturned: 10 })
    expect(first.timeStamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/)
    expect(href(first, 'prev')).toBeUndefined()
    const next = new URL(href(first, 'next') ?? '')
    expect(Object.fromEntries(next.searchParams)).toMatchObject({ limit: '10', offset: '10', f: 'json' })

    const second = await page(local(next.href))
    expect(second.features[0]?.id).not.toBe(first.features[0]?.id)
    expect(new URL(href(second, 'prev') ?? '').searchParams.get('offset')).toBe('0')

    const last = await page('/ogc/collections/wards/items?limit=10&offset=160')
    expect(last.numberReturned).toBe(8)
    expect(href(last, 'next')).toBeUndefined()
  })

  it('reaches every feature by following next links', async () => {
    const ids = new Set<string>()
    let url: string | undefined = '/ogc/collections/traffic-cameras/items?limit=100'
    let pages = 0
    while (url) {
      const doc = await page(url)
      for (const feature of doc.features) ids.add(feature.id)
      const next = href(doc, 'next')
      url = next ? local(next) : undefined
      pages++
    }
    expect(pages).toBe(3)
    expect(ids.size).toBe(282)
  })

  it('clamps a limit above 1000 and refuses one below 1', async () => {
    const doc = await page('/ogc/collections/wards/items?limit=5000')
    expect(doc.numberReturned).toBe(168)
    expect(new URL(href(doc, 'self') ?? '').searchParams.get('limit')).toBe('1000')
    await problem('/ogc/collections/wards/items?limit=0', 400, 'validation_failed')
    await problem('/ogc/collections/wards/items?limit=ten', 400, 'validation_failed')
    await problem('/ogc/collections/wards/items?offset=-1', 400, 'validation_failed')
  })

  it('filters by bbox (CRS84 lon/lat), exactly the features inside', async () => {
    const all = await page('/ogc/collections/traffic-cameras/items?limit=1000')
    const box = [106.69, 10.76, 106.71, 10.79] as const
    const inside = all.features.filter((f) => {
      const [lon, lat] = f.geometry?.coordinates ?? [Number.NaN, Number.NaN]
      return lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3]
    })
    expect(inside.length).toBeGreaterThan(0)
    expect(inside.length).toBeLessThan(282)
    const doc = await page(`/ogc/collections/traffic-cameras/items?limit=1000&bbox=${box.join(',')}`)
    expect(doc.numberMatched).toBe(inside.length)
    expect(doc.features.map((f) => f.id).sort()).toEqual(inside.map((f) => f.id).sort())
    // The next link keeps the filter.
    const small = await page(`/ogc/collections/traffic-cameras/items?limit=1&bbox=${box.join(',')}`)
    expect(new URL(href(small, 'next') ?? '').searchParams.get('bbox')).toBe(box.join(','))
    const withCrs = await page(
      `/ogc/collections/traffic-cameras/items?limit=1000&bbox=${box.join(',')}&bbox-crs=${encodeURIComponent('http://www.opengis.net/def/crs/OGC/1.3/CRS84')}`,
    )
    expect(withCrs.numberMatched).toBe(inside.length)
  })

  it('refuses a malformed bbox or another CRS', async () => {
    for (const bbox of [
      '1,2,3',
      '106.7,10.8,106.6,10.9',
      '106.6,10.9,106.7,10.8',
      '200,10,201,11',
      'a,b,c,d',
    ]) {
      const doc = await problem(`/ogc/collections/wards/items?bbox=${bbox}`, 400, 'validation_failed')
      expect(doc.errors[0].pointer).toBe('querystring:/bbox')
    }
    await problem(
      '/ogc/collections/wards/items?bbox=106,10,107,11&bbox-crs=EPSG:3405',
      400,
      'validation_failed',
    )
  })

  it('filters by datetime: instants, closed and half-open intervals, in city time', async () => {
    const matched = async (datetime: string) =>
      (await page(`/ogc/collections/flood-points/items?datetime=${encodeURIComponent(datetime)}`))
        .numberMatched
    // Every flood point of the seed was reported on 2026-10-06.
    expect(await matched('2026-10-06')).toBe(122)
    expect(await matched('2026-10-06T09:00:00+07:00')).toBe(122)
    expect(await matched('2026-10-01/2026-10-31')).toBe(122)
    expect(await matched('2026-10-06/..')).toBe(122)
    expect(await matched('2026-10-07/..')).toBe(0)
    expect(await matched('../2026-10-05')).toBe(0)
    expect(await matched('/2026-10-06')).toBe(122)
    // 23:59:59 UTC on the 5th is 06:59:59 on the 6th in Hồ Chí Minh City; 16:59:59 UTC is still the 5th.
    expect(await matched('../2026-10-05T23:59:59Z')).toBe(122)
    expect(await matched('../2026-10-05T16:59:59Z')).toBe(0)
    for (const bad of [
      'yesterday',
      '2026-10-31/2026-10-01',
      '2026-02-30',
      '2026-10-01/2026-10-02/2026-10-03',
    ]) {
      const doc = await problem(
        `/ogc/collections/flood-points/items?datetime=${encodeURIComponent(bad)}`,
        400,
        'validation_failed',
      )
      expect(doc.errors[0].pointer).toBe('querystring:/datetime')
    }
  })

  it('ignores datetime on a layer without a date (it has no temporal extent to compare)', async () => {
    expect((await page('/ogc/collections/wards/items?datetime=2026-10-07/..')).numberMatched).toBe(168)
  })

  it('filters by queryable properties, and keeps the filter in the next link', async () => {
    const xa = await page('/ogc/collections/wards/items?kind=xa')
    expect(xa.numberMatched).toBe(54)
    expect(xa.features.every((f) => f.properties.kind === 'xa')).toBe(true)
    expect(new URL(href(xa, 'next') ?? '').searchParams.get('kind')).toBe('xa')
    expect((await page('/ogc/collections/wards/items?kind=dac_khu')).numberMatched).toBe(1)
    const rain = (await page('/ogc/collections/flood-points/items?cause=rain')).numberMatched
    const tide = (await page('/ogc/collections/flood-points/items?cause=tide')).numberMatched
    expect(rain).toBeGreaterThan(0)
    expect(tide).toBeGreaterThan(0)
    expect(rain + tide).toBe(122)
  })

  it('refuses unknown parameters, and properties that are not queryable, with 400', async () => {
    const doc = await problem('/ogc/collections/wards/items?kinds=xa', 400, 'unknown_parameter')
    expect(doc.errors).toEqual([expect.objectContaining({ pointer: 'querystring:/kinds' })])
    expect(doc.errors[0].message.en).toContain('kind')
    await problem('/ogc/collections/wards/items?name=B%E1%BA%BFn%20Th%C3%A0nh', 400, 'unknown_parameter')
    await problem('/ogc/collections?foo=1', 400, 'unknown_parameter')
    await problem('/ogc/collections/wards/items/26734?limit=1', 400, 'unknown_parameter')
  })

  it('lists flood points without a location with geometry null; a bbox leaves them out', async () => {
    const doc = await page('/ogc/collections/flood-points/items?limit=1000')
    expect(doc.numberMatched).toBe(122)
    expect(doc.features).toHaveLength(122)
    expect(doc.features.filter((f) => f.geometry !== null)).toHaveLength(102)
    const unlocated = doc.features.filter((f) => f.geometry === null)
    expect(unlocated).toHaveLength(20)
    expect(unlocated.every((f) => 'geometry' in f && typeof f.properties.place === 'string')).toBe(true)
    const city = await page('/ogc/collections/flood-points/items?limit=1000&bbox=105,8,108,12')
    expect(city.numberMatched).toBe(102)
  })
})

describe('one item', () => {
  it('answers the feature with its links', async () => {
    const { features } = await page('/ogc/collections/wards/items?kind=dac_khu')
    const id = features[0]?.id as string
    const response = await get(`/ogc/collections/wards/items/${id}`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/)
    const feature = response.json()
    expect(feature).toMatchObject({ type: 'Feature', id, properties: { code: id, kind: 'dac_khu' } })
    expect(feature.geometry.type).toBe('MultiPolygon')
    expect(new URL(href(feature, 'collection') ?? '').pathname).toBe('/ogc/collections/wards')
  })

  it('answers 404 feature_not_found for an unknown id', async () => {
    await problem('/ogc/collections/wards/items/99999', 404, 'feature_not_found')
    await problem('/ogc/collections/flood-points/items/no-such-point', 404, 'feature_not_found')
  })

  it('serves a flood point without a location', async () => {
    const { features } = await page('/ogc/collections/flood-points/items?limit=1000')
    const unlocated = features.find((f) => f.geometry === null) as Feature
    const feature = (await get(`/ogc/collections/flood-points/items/${unlocated.id}`)).json()
    expect(feature).toMatchObject({ id: unlocated.id, geometry: null })
  })
})

describe('HTML', () => {
  it('answers a browser with an HTML page in Vietnamese, and in English on request', async () => {
    const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
    const vi = await get('/ogc', { accept })
    expect(vi.headers['content-type']).toMatch(/^text\/html/)
    expect(vi.headers['content-security-policy']).toContain("default-src 'none'")
    expect(vi.body).toContain('<html lang="vi">')
    expect(vi.body).toContain('Các lớp dữ liệu')
    const en = await get('/ogc?lang=en', { accept })
    expect(en.body).toContain('<html lang="en">')
    expect(en.body).toContain('Collections')
    // Links keep the chosen language.
    expect(en.body).toContain('/ogc/collections?f=html&amp;lang=en')
    // curl and GIS clients get JSON.
    expect((await get('/ogc', { accept: '*/*' })).headers['content-type']).toMatch(/^application\/json/)
    expect((await get('/ogc?f=html')).headers['content-type']).toMatch(/^text\/html/)
    expect((await get('/ogc?f=json', { accept })).headers['content-type']).toMatch(/^application\/json/)
  })

  it('renders items as a table with paging, unlocated features included', async () => {
    const response = await get('/ogc/collections/flood-points/items?f=html&limit=1000')
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('Hiển thị 1–122 trên tổng số 122 đối tượng')
    expect(response.body).toContain('Chưa xác định vị trí')
    const paged = await get('/ogc/collections/wards/items?f=html&lang=en')
    expect(paged.body).toContain('rel="next"')
    expect(paged.body).toContain('Showing 1–10 of 168 features')
    for (const url of [
      '/ogc/conformance',
      '/ogc/collections',
      '/ogc/collections/wards',
      '/ogc/collections/wards/queryables',
    ]) {
      const html = await get(`${url}?f=html`)
      expect(html.statusCode, url).toBe(200)
      expect(html.body, url).toMatch(/^<!doctype html>/)
    }
  })

  it('escapes feature properties (no script from imported data)', async () => {
    const { db } = await workerDatabase()
    const facilities = findLayer('facilities') as LayerDefinition
    const id = `xss-${process.pid}-"><img src=x onerror=alert(1)>`
    const name = '<script>alert("phường")</script>'
    await sql`insert into geo.facilities (id, kind, name, geom)
      values (${id}, 'other', ${name}, ST_SetSRID(ST_MakePoint(106.60171, 10.90171), 4326))`.execute(db)
    await markLayerChanged(db, facilities)
    try {
      // A bbox around the row only: other test files may have filled the layer with thousands of rows.
      const list = await get(
        `/ogc/collections/facilities/items?f=html&bbox=106.6017,10.9017,106.6018,10.9018`,
      )
      expect(list.body).not.toContain('<script>')
      expect(list.body).not.toContain('<img src=x')
      expect(list.body).toContain('&lt;script&gt;alert(&quot;phường&quot;)&lt;/script&gt;')
      const one = await get(`/ogc/collections/facilities/items/${encodeURIComponent(id)}?f=html`)
      expect(one.statusCode).toBe(200)
      expect(one.body).not.toContain('<script>')
      expect(one.body).not.toContain('<img src=x')
    } finally {
      await sql`delete from geo.facilities where id = ${id}`.execute(db)
      await markLayerChanged(db, facilities)
    }
  })
})

describe('OpenAPI', () => {
  it('documents the OGC routes with both media types', async () => {
    const document = (await get('/api/openapi.json')).json()
    const items = document.paths['/ogc/collections/{collectionId}/items']
    expect(Object.keys(items.get.responses['200'].content)).toEqual(['application/geo+json', 'text/html'])
    const names = items.get.parameters.map((p: { name: string }) => p.name)
    expect(names).toEqual(expect.arrayContaining(['limit', 'offset', 'bbox', 'datetime', 'f']))
  })
})

describe('GDAL (OAPIF driver)', () => {
  let root: string
  let tmp: string
  // GDAL's HTTP client must reach this process directly, whatever proxy the environment sets.
  const env = { ...process.env, no_proxy: '127.0.0.1', NO_PROXY: '127.0.0.1', GDAL_HTTP_TIMEOUT: '60' }
  const gdal = async (tool: string, args: string[]) =>
    (await run(tool, args, { env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 })).stdout

  beforeAll(async () => {
    if (!existsSync(OGRINFO)) throw new Error(`${OGRINFO} is missing: install Debian's gdal-bin`)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    root = `OAPIF:http://127.0.0.1:${port}/ogc`
    tmp = mkdtempSync(join(tmpdir(), 'dc-ogc-'))
  })
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))

  it('ogrinfo lists the collections', async () => {
    const out = await gdal(OGRINFO, ['-ro', '-so', root])
    for (const id of ['wards', 'traffic-cameras', 'flood-points', 'facilities']) expect(out).toContain(id)
  })

  it('ogrinfo reports 168 wards', async () => {
    const out = await gdal(OGRINFO, ['-ro', '-al', '-so', root, 'wards'])
    expect(out).toMatch(/Feature Count: 168\b/)
  })

  it('reads all 282 traffic cameras through next links', async () => {
    requested.length = 0
    const file = join(tmp, 'cameras.geojson')
    await gdal(OGR2OGR, ['-f', 'GeoJSON', file, root, 'traffic-cameras', '-oo', 'PAGE_SIZE=100'])
    const doc = JSON.parse(readFileSync(file, 'utf8'))
    expect(doc.features).toHaveLength(282)
    expect(new Set(doc.features.map((f: Feature) => f.properties.code)).size).toBeGreaterThan(1)
    // GDAL followed the next links: pages at offsets 100 and 200 were asked for.
    const pages = requested.filter((url) => url.startsWith('/ogc/collections/traffic-cameras/items'))
    expect(pages.some((url) => url.includes('offset=100'))).toBe(true)
    expect(pages.some((url) => url.includes('offset=200'))).toBe(true)
  })

  it('ogrinfo reads every camera with its default page size', async () => {
    const out = await gdal(OGRINFO, ['-ro', '-al', root, 'traffic-cameras'])
    expect(out.match(/^OGRFeature\(traffic-cameras\):/gm)).toHaveLength(282)
  })

  it('keeps flood points without a location', async () => {
    const file = join(tmp, 'flood.geojson')
    await gdal(OGR2OGR, ['-f', 'GeoJSON', file, root, 'flood-points', '-oo', 'PAGE_SIZE=50'])
    const doc = JSON.parse(readFileSync(file, 'utf8'))
    expect(doc.features).toHaveLength(122)
    expect(doc.features.filter((f: Feature) => f.geometry !== null)).toHaveLength(102)
  })
})
