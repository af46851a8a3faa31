import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { testApp, testConfig, workerDatabase } from '../../../../tests/support/test-platform.ts'
import { markLayerChanged } from '../layer.repository.ts'
import { findLayer, type LayerDefinition } from '../layers.ts'
import { decodeGlyphs, decodeTile } from './test-helpers.ts'
import { tileAt } from './tile-grid.ts'

const cameras = findLayer('traffic-cameras') as LayerDefinition
/** The z14 tile of Bến Thành market (lon 106.698, lat 10.7725). */
const center = tileAt(106.698, 10.7725, 14)
const tilePath = (layer: string, { z, x, y } = center) => `/tiles/${layer}/${z}/${x}/${y}.mvt`

let app: FastifyInstance
beforeAll(async () => {
  app = await testApp()
})
afterAll(async () => {
  await app?.close()
})

describe('GET /tiles/{layer}/{z}/{x}/{y}.mvt', () => {
  it('serves the wards over central HCMC: Phường Bến Thành with its attributes, and its label point', async () => {
    const res = await app.inject(tilePath('wards'))
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    expect(res.headers['access-control-allow-origin']).toBe('*')
    const features = decodeTile(res.rawPayload)
    const benThanh = features.get('wards:26743')
    expect(benThanh).toMatchObject({
      layer: 'wards',
      mvtId: 26743,
      type: 3,
      properties: {
        id: '26743',
        code: '26743',
        name: 'Bến Thành',
        nameEn: 'Ben Thanh',
        fullName: 'Phường Bến Thành',
        fullNameEn: 'Ben Thanh Ward',
        kind: 'phuong',
        areaKm2: 1.85,
      },
    })
    expect(benThanh?.properties.name).toBe('Bến Thành'.normalize('NFC'))
    // Its name is also written once, at its label point, in the ward's label layer.
    expect(features.get('wards-labels:26743')?.type).toBe(1)
    expect([...features.keys()].filter((k) => k.startsWith('wards:')).length).toBeGreaterThan(3)
  })

  it('serves traffic cameras as points with their attributes and no made-up integer id', async () => {
    const res = await app.inject(tilePath('traffic-cameras'))
    expect(res.statusCode).toBe(200)
    const features = [...decodeTile(res.rawPayload).values()]
    expect(features.length).toBeGreaterThan(5)
    const leLai = features.find((f) => f.properties.displayName === '98I Lê Lai')
    expect(leLai).toMatchObject({
      layer: 'traffic-cameras',
      type: 1,
      mvtId: undefined,
      properties: { id: '47201315-eb96-46b5-9db7-0afb5a1aaa63', code: 'UDC 17', camType: expect.any(String) },
    })
    for (const f of features) {
      expect(f.properties.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(f.rings[0]?.[0]?.x).toBeGreaterThanOrEqual(-64)
      expect(f.rings[0]?.[0]?.x).toBeLessThanOrEqual(4096 + 64)
    }
  })

  it('answers a tile with no feature with 204, still cacheable', async () => {
    // Open sea south of Côn Đảo.
    const res = await app.inject(tilePath('traffic-cameras', tileAt(106.5, 7.5, 14)))
    expect(res.statusCode).toBe(204)
    expect(res.rawPayload.byteLength).toBe(0)
    expect(res.headers.etag).toBeTruthy()
    expect(res.headers['cache-control']).toBe('public, max-age=60, must-revalidate')
  })

  it('tags tiles with the layer version and answers If-None-Match with 304', async () => {
    const first = await app.inject(tilePath('wards'))
    const etag = String(first.headers.etag)
    expect(etag).toMatch(/^"wards\.[A-Za-z0-9_-]+\.\d+\.14\.13047\.7698"$/)
    expect(first.headers['cache-control']).toBe('public, max-age=60, must-revalidate')
    const again = await app.inject({ url: tilePath('wards'), headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect(again.rawPayload.byteLength).toBe(0)
    expect(again.headers.etag).toBe(etag)
    const other = await app.inject({
      url: tilePath('wards'),
      headers: { 'if-none-match': '"something-else"' },
    })
    expect(other.statusCode).toBe(200)
  })

  it('serves a changed layer under a new ETag with the new content (the cache keys on the version)', async () => {
    const { db } = await workerDatabase()
    const spot = { lon: 106.95, lat: 10.3 } // sea off Cần Giờ: no camera there
    const tile = tileAt(spot.lon, spot.lat, 14)
    const id = '00000000-0000-4000-8000-00000000711e'
    const before = await app.inject(tilePath('traffic-cameras', tile))
    expect(before.statusCode).toBe(204)
    const oldTag = String(before.headers.etag)
    try {
      await sql`insert into geo.traffic_cameras (id, code, display_name, geom)
        values (${id}, 'TEST 1', 'Camera thử nghiệm', ST_SetSRID(ST_MakePoint(${spot.lon}, ${spot.lat}), 4326))`.execute(
        db,
      )
      // Same version: the cached answer stands (nothing told the tiles the layer changed).
      const unchanged = await app.inject(tilePath('traffic-cameras', tile))
      expect(unchanged.statusCode).toBe(204)
      expect(unchanged.headers.etag).toBe(oldTag)

      await markLayerChanged(db, cameras)
      // Versions are re-read at most once a second (layer-versions.ts): the change shows within that.
      const after = await vi.waitFor(
        async () => {
          const res = await app.inject({
            url: tilePath('traffic-cameras', tile),
            headers: { 'if-none-match': oldTag },
          })
          expect(res.statusCode).toBe(200)
          return res
        },
        { timeout: 5000, interval: 100 },
      )
      expect(after.headers.etag).not.toBe(oldTag)
      expect(decodeTile(after.rawPayload).get(`traffic-cameras:${id}`)?.properties).toMatchObject({
        code: 'TEST 1',
        displayName: 'Camera thử nghiệm',
      })
    } finally {
      await sql`delete from geo.traffic_cameras where id = ${id}`.execute(db)
      await markLayerChanged(db, cameras)
    }
    const cleaned = await vi.waitFor(
      async () => {
        const res = await app.inject(tilePath('traffic-cameras', tile))
        expect(res.statusCode).toBe(204)
        return res
      },
      { timeout: 5000, interval: 100 },
    )
    expect(cleaned.headers.etag).not.toBe(oldTag)
  })

  it('refuses tiles outside the grid or the zoom range (404) and malformed coordinates (400), as problems', async () => {
    for (const path of [
      '/tiles/wards/17/104383/61589.mvt', // beyond the layer's maxzoom (16)
      '/tiles/traffic-cameras/5/25/14.mvt', // below its minzoom (10)
      '/tiles/wards/3/8/1.mvt', // x outside 0…7
      '/tiles/wards/3/1/8.mvt',
    ]) {
      const res = await app.inject({ url: path, headers: { 'accept-language': 'en' } })
      expect(res.statusCode, path).toBe(404)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json()).toMatchObject({ code: 'tile_not_found', status: 404 })
      expect(res.json().messages.vi).toContain('Không có ô bản đồ này')
    }
    expect((await app.inject('/tiles/no-such-layer/1/1/1.mvt')).json()).toMatchObject({
      code: 'layer_not_found',
    })
    for (const path of ['/tiles/wards/x/1/1.mvt', '/tiles/wards/25/1/1.mvt', '/tiles/wards/3/-1/1.mvt']) {
      const res = await app.inject(path)
      expect(res.statusCode, path).toBe(400)
      expect(res.json().code).toBe('validation_failed')
    }
  })

  it('serves the basemap (provinces, their labels, the city outline) from the shipped files', async () => {
    const res = await app.inject(tilePath('basemap', tileAt(106.7, 10.78, 7)))
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=86400')
    const features = decodeTile(res.rawPayload)
    expect(features.get('city:79')?.properties).toMatchObject({ name: 'Hồ Chí Minh', nameEn: 'Ho Chi Minh' })
    expect(features.get('provinces:79')?.type).toBe(3)
    expect(features.get('province-labels:79')?.type).toBe(1)
    expect(features.get('provinces:80')?.properties.name).toBe('Tây Ninh')
  })
})

describe('GET /tiles/{layer}.json (TileJSON 3.0.0)', () => {
  it('describes a layer: absolute tile URL from the request host, zooms, extent, fields, attribution', async () => {
    const res = await app.inject({
      url: '/tiles/traffic-cameras.json',
      headers: { host: 'map.hcmc.test:8080' },
    })
    expect(res.statusCode).toBe(200)
    const tilejson = res.json()
    expect(tilejson).toMatchObject({
      tilejson: '3.0.0',
      tiles: ['http://map.hcmc.test:8080/tiles/traffic-cameras/{z}/{x}/{y}.mvt'],
      minzoom: 10,
      maxzoom: 18,
      scheme: 'xyz',
      name: 'Camera giao thông',
      attribution: cameras.attribution,
    })
    const [west, south, east, north] = tilejson.bounds
    expect(west).toBeLessThan(106.6931)
    expect(east).toBeGreaterThan(106.6931)
    expect(south).toBeLessThan(10.7697)
    expect(north).toBeGreaterThan(10.7697)
    expect(north - south).toBeLessThan(1)
    expect(tilejson.vector_layers).toEqual([
      expect.objectContaining({
        id: 'traffic-cameras',
        minzoom: 10,
        maxzoom: 18,
        fields: expect.objectContaining({ id: 'String', displayName: 'String', angle: 'Number' }),
      }),
    ])
    expect(res.headers.etag).toBeTruthy()
    const again = await app.inject({
      url: '/tiles/traffic-cameras.json',
      headers: { host: 'map.hcmc.test:8080', 'if-none-match': String(res.headers.etag) },
    })
    expect(again.statusCode).toBe(304)
  })

  it('lists the label layer of a polygon layer, names in English with lang=en', async () => {
    const tilejson = (await app.inject('/tiles/wards.json?lang=en')).json()
    expect(tilejson.name).toBe('Wards and communes')
    expect(tilejson.vector_layers.map((l: { id: string }) => l.id)).toEqual(['wards', 'wards-labels'])
    expect((await app.inject('/tiles/nope.json')).statusCode).toBe(404)
  })

  it('uses PUBLIC_BASE_URL for tile URLs when it is set', async () => {
    const config = testConfig({ PUBLIC_BASE_URL: 'https://bando.hcmc.gov.vn/' })
    const configured = await testApp(undefined, { config })
    try {
      const tilejson = (await configured.inject('/tiles/wards.json')).json()
      expect(tilejson.tiles).toEqual(['https://bando.hcmc.gov.vn/tiles/wards/{z}/{x}/{y}.mvt'])
    } finally {
      await configured.close()
    }
  })
})

describe('GET /tiles/style.json', () => {
  it('is a valid MapLibre style whose every source and glyph URL the platform serves', async () => {
    const res = await app.inject({ url: '/tiles/style.json', headers: { host: 'map.hcmc.test' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers.vary).toContain('Accept-Language')
    const style = res.json()
    expect(validateStyleMin(style)).toEqual([])
    expect(style.metadata['dc:lang']).toBe('vi')
    expect(style.glyphs).toBe('http://map.hcmc.test/fonts/{fontstack}/{range}.pbf')
    const here = (url: string) => url.replace('http://map.hcmc.test', '')
    for (const [id, source] of Object.entries(style.sources) as Array<[string, { tiles: string[] }]>) {
      const tile = tileAt(106.698, 10.7725, 12)
      const res = await app.inject(
        here(source.tiles[0] as string).replace('{z}/{x}/{y}', `12/${tile.x}/${tile.y}`),
      )
      expect([200, 204], id).toContain(res.statusCode)
    }
    const fonts = new Set<string>()
    for (const layer of style.layers) for (const font of layer.layout?.['text-font'] ?? []) fonts.add(font)
    expect([...fonts].sort()).toEqual(['Noto Sans Bold', 'Noto Sans Regular'])
    for (const font of fonts) {
      const glyphs = await app.inject(
        here(style.glyphs).replace('{fontstack}', encodeURIComponent(font)).replace('{range}', '7680-7935'),
      )
      expect(glyphs.statusCode).toBe(200)
    }
  })

  it('labels in English with lang=en or Accept-Language: en', async () => {
    for (const request of [
      { url: '/tiles/style.json?lang=en' },
      { url: '/tiles/style.json', headers: { 'accept-language': 'en-GB,en;q=0.8' } },
    ]) {
      const style = (await app.inject(request)).json()
      expect(style.metadata['dc:lang']).toBe('en')
      const labels = style.layers.find((l: { id: string }) => l.id === 'wards-labels')
      expect(labels.layout['text-field']).toEqual(['coalesce', ['get', 'nameEn'], ['get', 'name']])
    }
  })

  it('can leave out the built-in basemap (basemap=none) to lie over another one', async () => {
    const style = (await app.inject('/tiles/style.json?basemap=none')).json()
    expect(validateStyleMin(style)).toEqual([])
    expect(style.sources.basemap).toBeUndefined()
    expect(style.layers.map((l: { id: string }) => l.id)).not.toContain('background')
  })
})

describe('GET /fonts/{fontstack}/{range}.pbf', () => {
  it('serves SDF glyphs for Vietnamese: ờ (U+1EDD) is in 7680-7935', async () => {
    const res = await app.inject('/fonts/Noto%20Sans%20Regular/7680-7935.pbf')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/x-protobuf')
    expect(res.headers['cache-control']).toBe('public, max-age=604800')
    const [stack] = decodeGlyphs(res.rawPayload)
    expect(stack?.range).toBe('7680-7935')
    const glyph = stack?.glyphs.find((g) => g.id === 0x1edd)
    expect(glyph?.bitmap?.byteLength).toBe(((glyph?.width ?? 0) + 6) * ((glyph?.height ?? 0) + 6))
    const again = await app.inject({
      url: '/fonts/Noto%20Sans%20Regular/7680-7935.pbf',
      headers: { 'if-none-match': String(res.headers.etag) },
    })
    expect(again.statusCode).toBe(304)
  })

  it('answers a font stack with the first font it has, and a range without glyphs with an empty set', async () => {
    const stacked = await app.inject('/fonts/Noto%20Sans%20Bold,Arial%20Unicode%20MS%20Bold/0-255.pbf')
    expect(stacked.statusCode).toBe(200)
    expect(decodeGlyphs(stacked.rawPayload)[0]?.name).toBe('Noto Sans Bold')
    const cjk = await app.inject('/fonts/Noto%20Sans%20Regular/19968-20223.pbf')
    expect(cjk.statusCode).toBe(200)
    expect(decodeGlyphs(cjk.rawPayload)[0]?.glyphs).toEqual([])
  })

  it('refuses unknown fonts and malformed ranges with a problem', async () => {
    for (const path of [
      '/fonts/Comic%20Sans/0-255.pbf',
      '/fonts/Noto%20Sans%20Regular/1-256.pbf',
      '/fonts/Noto%20Sans%20Regular/65536-65791.pbf',
    ]) {
      const res = await app.inject(path)
      expect(res.statusCode, path).toBe(404)
      expect(res.json()).toMatchObject({ code: 'glyphs_not_found' })
    }
  })
})
