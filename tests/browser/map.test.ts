import AxeBuilder from '@axe-core/playwright'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, launchChromium, PHONE } from '../support/browser.ts'
import { signInOfficial } from '../support/official-session.ts'
import { startWebTestServer, type TestServer } from '../support/server.ts'

/** Phường Bến Thành (code 26743): a point inside it, and its name. */
const benThanh = { lon: 106.698, lat: 10.7725, code: '26743', name: 'Phường Bến Thành' }
/** Camera "NH 36" of the shipped camera layer, in Bến Thành. */
const cameraNh36 = { lon: 106.702292561531, lat: 10.7752433004175 }

type Language = 'vi' | 'en'

let server: TestServer
let browser: Awaited<ReturnType<typeof launchChromium>>
let context: BrowserContext

beforeAll(async () => {
  // development: the demo officials exist (the console map needs a signed-in official).
  server = await startWebTestServer('/ban-do', { NODE_ENV: 'development' })
  const style = await fetch(`${server.url}/tiles/style.json`)
  if (!style.ok) throw new Error(`GET /tiles/style.json answered ${style.status}: the map has no style`)
  browser = await launchChromium('map')
  context = browser.context
  context.setDefaultTimeout(30_000)
  await signInOfficial(context, server.url)
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
}, 60_000)

/** Opens a map page and waits until the ward boundaries are drawn. */
async function openMap(path = '/ban-do', language: Language = 'vi'): Promise<Page> {
  const page = await context.newPage()
  await page.addInitScript((lang) => window.localStorage.setItem('dc.lang', lang), language)
  await page.goto(server.url + path)
  await page.waitForFunction(() => {
    const map = window.dcMap
    if (!map?.loaded() || !map.areTilesLoaded()) return false
    const wardLayers = map.getLayersOrder().filter((id) => map.getLayer(id)?.source === 'wards')
    return map.queryRenderedFeatures({ layers: wardLayers }).length > 0
  })
  return page
}

/** Waits until the map has stopped moving and has drawn every tile it needs. */
async function settled(page: Page): Promise<void> {
  // A fresh 'idle' (after a repaint we ask for): a layer switched on or a jump just made may not be
  // drawn yet even though the map looks loaded and still.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.dcMap
        if (!map) return resolve()
        map.once('idle', () => resolve())
        map.triggerRepaint()
      }),
  )
  await page.waitForFunction(() => {
    const map = window.dcMap
    return Boolean(map?.loaded() && map.areTilesLoaded() && !map.isMoving())
  })
}

async function jumpTo(page: Page, lon: number, lat: number, zoom: number): Promise<void> {
  // Wait for the map's own 'idle' after the jump: right after jumpTo() the new view's tiles are not
  // requested yet, so "all tiles loaded" can still describe the old view (a flaky empty render).
  await page.evaluate(
    (view) =>
      new Promise<void>((resolve) => {
        const map = window.dcMap
        if (!map) return resolve()
        map.once('idle', () => resolve())
        map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom })
        map.triggerRepaint()
      }),
    { lon, lat, zoom },
  )
  await settled(page)
}

/** Where lon/lat is on the page (CSS pixels), through the map's own projection. */
async function screenPoint(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const canvas = await page.locator('.maplibregl-canvas').boundingBox()
  if (!canvas) throw new Error('the map has no canvas')
  const point = await page.evaluate(
    (at) => {
      const projected = window.dcMap?.project([at.lon, at.lat])
      return projected && { x: projected.x, y: projected.y }
    },
    { lon, lat },
  )
  if (!point) throw new Error('no map on the page')
  return { x: canvas.x + point.x, y: canvas.y + point.y }
}

/** The style layers that draw a platform layer (the style names each source after its layer). */
async function styleLayersOf(page: Page, source: string): Promise<string[]> {
  return page.evaluate((id) => {
    const map = window.dcMap
    return map ? map.getLayersOrder().filter((layer) => map.getLayer(layer)?.source === id) : []
  }, source)
}

async function renderedCount(page: Page, source: string): Promise<number> {
  const layers = await styleLayersOf(page, source)
  return page.evaluate((ids) => window.dcMap?.queryRenderedFeatures({ layers: ids }).length ?? 0, layers)
}

/**
 * Colours of a screenshot region, decoded in the page (no image library needed): how many distinct
 * colours, and the share of pixels that differ from the most common one (the background).
 */
async function colourStats(page: Page, png: Buffer): Promise<{ distinct: number; nonBackground: number }> {
  return page.evaluate(async (base64) => {
    const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob()
    const bitmap = await createImageBitmap(blob)
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const context2d = canvas.getContext('2d')
    if (!context2d) throw new Error('no 2d context')
    context2d.drawImage(bitmap, 0, 0)
    const { data } = context2d.getImageData(0, 0, bitmap.width, bitmap.height)
    const counts = new Map<number, number>()
    for (let i = 0; i < data.length; i += 4) {
      const colour = ((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0)
      counts.set(colour, (counts.get(colour) ?? 0) + 1)
    }
    const pixels = data.length / 4
    const background = Math.max(...counts.values())
    return { distinct: counts.size, nonBackground: (pixels - background) / pixels }
  }, png.toString('base64'))
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  // The whole page, WebGL canvas included: axe checks its role, name and focusability (what is
  // drawn inside it is described to screen readers by the panel, not by the canvas).
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(', ')})`,
    )
}

describe('resident map', () => {
  it('is linked from the home page and loads MapLibre only when the map is opened', async () => {
    const page = await context.newPage()
    const scripts: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url())
    })
    await page.addInitScript(() => window.localStorage.setItem('dc.lang', 'vi'))
    await page.goto(`${server.url}/`)
    const link = page.getByRole('link', { name: 'Bản đồ số' })
    expect(await link.getAttribute('href')).toBe('/ban-do')
    await page.getByRole('region', { name: 'Nền tảng hôm nay' }).getByText('168').first().waitFor()
    expect(scripts.filter((url) => url.includes('maplibre'))).toEqual([])

    await link.click()
    await page.getByRole('heading', { level: 1, name: 'Bản đồ số' }).waitFor()
    await page.waitForFunction(() => window.dcMap?.loaded())
    expect(scripts.some((url) => url.includes('maplibre'))).toBe(true)
    await page.close()
  })

  it('draws the wards: the map is not blank', async () => {
    const page = await openMap()
    await jumpTo(page, benThanh.lon, benThanh.lat, 12) // the city centre, wards close together
    const canvas = await page.locator('.maplibregl-canvas').boundingBox()
    if (!canvas) throw new Error('the map has no canvas')
    // The middle of the map, clear of the zoom buttons (top right) and the attribution (bottom right).
    const clip = {
      x: canvas.x + canvas.width * 0.05,
      y: canvas.y + canvas.height * 0.2,
      width: canvas.width * 0.65,
      height: canvas.height * 0.6,
    }
    const stats = await colourStats(page, await page.screenshot({ clip }))
    expect(stats.distinct).toBeGreaterThan(10)
    expect(stats.nonBackground).toBeGreaterThan(0.01)
    expect(await renderedCount(page, 'wards')).toBeGreaterThan(0)
    await page.close()
  })

  it('switches a layer off and on from the layer list', async () => {
    const page = await openMap()
    // Centred on a camera: a phone-sized map at z15 may show none around an arbitrary point.
    await jumpTo(page, cameraNh36.lon, cameraNh36.lat, 15)
    const cameraLayers = await styleLayersOf(page, 'traffic-cameras')
    expect(cameraLayers.length).toBeGreaterThan(0)
    expect(await renderedCount(page, 'traffic-cameras')).toBeGreaterThan(0)

    const layersButton = page.getByRole('button', { name: 'Lớp bản đồ' })
    await layersButton.click()
    expect(await layersButton.getAttribute('aria-expanded')).toBe('true')
    const panel = page.getByRole('region', { name: 'Lớp bản đồ' })
    const cameras = panel.getByRole('checkbox', { name: 'Camera giao thông' })
    expect(await cameras.isChecked()).toBe(true)
    expect(await panel.getByRole('checkbox', { name: 'Phường, xã, đặc khu' }).isChecked()).toBe(true)

    await cameras.uncheck()
    await page.getByRole('status').filter({ hasText: 'Đã tắt lớp Camera giao thông.' }).waitFor()
    await settled(page)
    const hidden = await page.evaluate(
      (ids) => ids.map((id) => window.dcMap?.getLayoutProperty(id, 'visibility')),
      cameraLayers,
    )
    expect(hidden.every((visibility) => visibility === 'none')).toBe(true)
    expect(await renderedCount(page, 'traffic-cameras')).toBe(0)

    await cameras.check()
    await settled(page)
    const shown = await page.evaluate(
      (ids) => ids.map((id) => window.dcMap?.getLayoutProperty(id, 'visibility')),
      cameraLayers,
    )
    expect(shown.every((visibility) => visibility !== 'none')).toBe(true)
    expect(await renderedCount(page, 'traffic-cameras')).toBeGreaterThan(0)
    await page.close()
  })

  it('shows the details of a ward clicked on the map', async () => {
    const page = await openMap()
    await jumpTo(page, benThanh.lon, benThanh.lat, 14)
    const point = await screenPoint(page, benThanh.lon, benThanh.lat)
    await page.mouse.click(point.x, point.y)
    const details = page.getByRole('region', { name: 'Thông tin' })
    await details.getByRole('heading', { name: benThanh.name }).waitFor()
    expect(await details.textContent()).toContain('Phường Nguyễn Thái Bình') // a former ward merged into it
    await page
      .getByRole('status')
      .filter({ hasText: `Đang xem: ${benThanh.name}.` })
      .waitFor()
    await page.close()
  })

  it('finds "ben thanh" without diacritics and flies to it', async () => {
    const page = await openMap()
    await page.getByRole('searchbox', { name: 'Tìm phường, xã' }).fill('ben thanh')
    await page.getByRole('button', { name: 'Tìm', exact: true }).click()
    const details = page.getByRole('region', { name: 'Thông tin' })
    await details.getByRole('heading', { name: benThanh.name }).waitFor()
    expect(await details.textContent()).toContain(benThanh.code)
    await settled(page)
    const bounds = await page.evaluate(() => window.dcMap?.getBounds().toArray())
    if (!bounds) throw new Error('no map')
    const [[west, south], [east, north]] = bounds as [[number, number], [number, number]]
    // The map now shows Bến Thành, close up: the point is in view and the view is a few km wide.
    expect(west).toBeLessThan(benThanh.lon)
    expect(east).toBeGreaterThan(benThanh.lon)
    expect(south).toBeLessThan(benThanh.lat)
    expect(north).toBeGreaterThan(benThanh.lat)
    expect(east - west).toBeLessThan(0.1)
    await page.close()
  })

  it('lets a keyboard user choose what is at the centre of the map', async () => {
    const page = await openMap()
    await jumpTo(page, benThanh.lon, benThanh.lat, 14)
    const canvas = page.getByRole('region', { name: 'Bản đồ thành phố' })
    expect(await canvas.getAttribute('tabindex')).toBe('0')
    const description = await canvas.evaluate(
      (element) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent,
    )
    expect(description).toContain('Enter')
    await canvas.focus()
    await page.keyboard.press('Enter')
    const heading = page.getByRole('region', { name: 'Thông tin' }).getByRole('heading', { level: 2 })
    await page.getByRole('heading', { name: benThanh.name }).waitFor()
    // The panel takes the focus, so the details are read next.
    expect(await heading.evaluate((element) => element === document.activeElement)).toBe(true)
    await page.close()
  })

  it('locates the resident, and says so when the position is outside the city or refused', async () => {
    const page = await openMap()
    await context.grantPermissions(['geolocation'], { origin: server.url })
    await context.setGeolocation({ longitude: benThanh.lon, latitude: benThanh.lat })
    await page.getByRole('button', { name: 'Vị trí của tôi' }).click()
    await page
      .getByRole('region', { name: 'Vị trí của bạn' })
      .getByRole('heading', { name: benThanh.name })
      .waitFor()
    await page
      .getByRole('status')
      .filter({ hasText: `Bạn đang ở ${benThanh.name}.` })
      .waitFor()

    await context.setGeolocation({ longitude: 105.854, latitude: 21.028 }) // Hà Nội
    await page.getByRole('button', { name: 'Vị trí của tôi' }).click()
    await page.getByRole('alert').filter({ hasText: 'Vị trí nằm ngoài thành phố' }).waitFor()

    await context.clearPermissions()
    await page.getByRole('button', { name: 'Vị trí của tôi' }).click()
    await page.getByRole('alert').filter({ hasText: 'Bạn chưa cho phép trang web dùng vị trí' }).waitFor()
    await page.close()
  })

  it('lists the flood points that have no location under their layer', async () => {
    const page = await openMap()
    await page.getByRole('button', { name: 'Lớp bản đồ' }).click()
    const panel = page.getByRole('region', { name: 'Lớp bản đồ' })
    await panel.getByText('Các điểm chưa có vị trí trên bản đồ').click()
    const unmapped = panel.locator('details').getByRole('listitem')
    await unmapped.filter({ hasText: 'Đỗ Mười - đường 17' }).waitFor()
    expect(await unmapped.count()).toBe(20)
    await page.close()
  })

  it('speaks English with English map labels', async () => {
    const page = await openMap('/ban-do', 'vi')
    const englishStyle = page.waitForRequest((request) => request.url().includes('/tiles/style.json?lang=en'))
    await page.getByRole('button', { name: 'English' }).click()
    await englishStyle
    await page.getByRole('heading', { level: 1, name: 'Digital map' }).waitFor()
    await page.getByRole('searchbox', { name: 'Find a ward' }).waitFor()
    await page.waitForFunction(() => window.dcMap?.isStyleLoaded())
    await page.close()
  })
})

describe('without WebGL', () => {
  it('says the map cannot be shown, and search and details still work', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [...CHROMIUM_ARGS, '--disable-3d-apis'],
    })
    try {
      const page = await browser.newPage({ viewport: PHONE })
      await page.addInitScript(() => window.localStorage.setItem('dc.lang', 'vi'))
      await page.goto(`${server.url}/ban-do`)
      await page.getByRole('alert').filter({ hasText: 'không hiển thị được bản đồ (cần WebGL)' }).waitFor()
      await page.getByRole('searchbox', { name: 'Tìm phường, xã' }).fill('ben thanh')
      await page.getByRole('button', { name: 'Tìm', exact: true }).click()
      await page
        .getByRole('region', { name: 'Thông tin' })
        .getByRole('heading', { name: benThanh.name })
        .waitFor()
    } finally {
      await browser.close()
    }
  })
})

describe('console map', () => {
  it('shows the map with each layer’s version for officials', async () => {
    const page = await openMap('/console/ban-do')
    await page.getByRole('heading', { level: 1, name: 'Bản đồ' }).waitFor()
    const nav = page.getByRole('navigation', { name: 'Các trang của cổng cán bộ' })
    expect(await nav.getByRole('link', { name: 'Bản đồ' }).getAttribute('aria-current')).toBe('page')
    await page.getByRole('button', { name: 'Lớp bản đồ' }).click()
    await page.getByRole('region', { name: 'Lớp bản đồ' }).getByText('phiên bản').first().waitFor()
    await page.close()
  })
})

describe.each(['vi', 'en'] as const)('map accessibility and layout in %s', (language) => {
  it.each(['/ban-do', '/console/ban-do'])('%s has no serious or critical axe violations', async (path) => {
    const page = await openMap(path, language)
    expect(await seriousAxeViolations(page)).toEqual([])
    // With a panel open too.
    await page.getByRole('button', { name: language === 'vi' ? 'Lớp bản đồ' : 'Map layers' }).click()
    await page.locator('.layer-switcher').waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.close()
  })

  it('fills the phone screen below the header without sideways scrolling', async () => {
    const page = await openMap('/ban-do', language)
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.NaN)
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width)
    const stage = await page.locator('.map-stage').boundingBox()
    if (!stage) throw new Error('no map stage')
    expect(stage.y + stage.height).toBeCloseTo(PHONE.height, 0)
    expect(stage.height).toBeGreaterThan(PHONE.height / 2)
    await page.close()
  })
})
