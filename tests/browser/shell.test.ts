import AxeBuilder from '@axe-core/playwright'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, PHONE } from '../support/browser.ts'
import { signInOfficial } from '../support/official-session.ts'
import { startWebTestServer, type TestServer } from '../support/server.ts'

type Language = 'vi' | 'en'

/** What each page shows once its data has loaded, per language. */
const pages = {
  resident: {
    path: '/',
    heading: { vi: 'Chào mừng bạn đến với Công dân số', en: 'Welcome to Digital Citizen' },
    loadedRegion: { vi: 'Nền tảng hôm nay', en: 'The platform today' },
    loadedText: { vi: '168 phường, xã, đặc khu', en: '168 wards, communes and special zone' },
  },
  console: {
    path: '/console',
    heading: { vi: 'Cổng cán bộ', en: "Officials' console" },
    loadedRegion: { vi: 'Tình trạng hệ thống', en: 'System status' },
    loadedText: { vi: 'Cơ sở dữ liệu', en: 'Database' },
  },
} as const
type PageName = keyof typeof pages

let server: TestServer
let browser: Awaited<ReturnType<typeof launchChromium>>
let context: BrowserContext

beforeAll(async () => {
  // development: the demo officials exist (console pages need a signed-in official).
  server = await startWebTestServer('/', { NODE_ENV: 'development' })
  browser = await launchChromium('shell')
  context = browser.context
  context.setDefaultTimeout(20_000)
  await signInOfficial(context, server.url)
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
}, 60_000)

/** Opens a page in a fresh tab, optionally with a language already chosen, and waits for its data. */
async function openPage(name: PageName, language?: Language): Promise<Page> {
  const page = await context.newPage()
  if (language) {
    await page.addInitScript((lang) => window.localStorage.setItem('dc.lang', lang), language)
  }
  await page.goto(server.url + pages[name].path)
  await waitUntilLoaded(page, name, language ?? 'vi')
  return page
}

async function waitUntilLoaded(page: Page, name: PageName, language: Language): Promise<void> {
  const { heading, loadedRegion, loadedText } = pages[name]
  await page.getByRole('heading', { level: 1, name: heading[language] }).waitFor()
  await page
    .getByRole('region', { name: loadedRegion[language] })
    .getByText(loadedText[language])
    .first()
    .waitFor()
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang')
}

async function forgetLanguageChoice(): Promise<void> {
  const page = await context.newPage()
  await page.goto(`${server.url}/`)
  await page.evaluate(() => window.localStorage.removeItem('dc.lang'))
  await page.close()
}

describe('resident app', () => {
  it('opens in Vietnamese with live platform facts', async () => {
    await forgetLanguageChoice()
    const page = await openPage('resident')
    expect(await htmlLang(page)).toBe('vi')
    expect(await page.title()).toBe('Công dân số')
    const facts = page.getByRole('region', { name: 'Nền tảng hôm nay' })
    expect(await facts.textContent()).toContain('168')
    // The digital map and feedback have their pages; the other two services are still to come.
    expect(await page.getByText('Sắp ra mắt').count()).toBe(2)
    expect(await page.getByRole('link', { name: 'Bản đồ số' }).getAttribute('href')).toBe('/ban-do')
    expect(await page.getByRole('link', { name: 'Phản ánh kiến nghị' }).first().getAttribute('href')).toBe(
      '/phan-anh',
    )
    expect(await page.getByRole('link', { name: 'Tài liệu API' }).getAttribute('href')).toBe('/api/docs')
    await page.close()
  })

  it('switches to English and remembers it after a reload', async () => {
    const page = await openPage('resident')
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: pages.resident.heading.en }).waitFor()
    expect(await htmlLang(page)).toBe('en')
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true')

    await page.reload()
    await waitUntilLoaded(page, 'resident', 'en')
    expect(await htmlLang(page)).toBe('en')
    expect(await page.getByText('Coming soon').count()).toBe(2)

    await page.getByRole('button', { name: 'Tiếng Việt' }).click()
    await page.getByRole('heading', { level: 1, name: pages.resident.heading.vi }).waitFor()
    expect(await htmlLang(page)).toBe('vi')
    await page.close()
  })

  it('lets a keyboard user skip straight to the main content', async () => {
    const page = await openPage('resident', 'vi')
    await page.keyboard.press('Tab')
    const skipLink = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' })
    expect(await skipLink.evaluate((link) => link === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    await page.close()
  })
})

describe('officials console', () => {
  it('shows the system status with the database ready', async () => {
    const page = await openPage('console', 'vi')
    const panel = page.getByRole('region', { name: 'Tình trạng hệ thống' })
    const databaseRow = panel.getByRole('row', { name: /^Cơ sở dữ liệu/ })
    const databaseState = await databaseRow.getByRole('cell').textContent()
    expect(databaseState).toContain('Sẵn sàng')
    expect(databaseState).not.toContain('Chưa')
    await panel.getByText('Phiên bản').waitFor()
    await page.close()
  })
})

describe.each(['vi', 'en'] as const)('accessibility and layout in %s', (language) => {
  it.each(['resident', 'console'] as const)(
    '%s page has no serious or critical axe violations',
    async (name) => {
      const page = await openPage(name, language)
      expect(await htmlLang(page)).toBe(language)
      const results = await new AxeBuilder({ page }).analyze()
      const serious = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(', ')})`,
        )
      expect(serious).toEqual([])
      await page.close()
    },
  )

  it.each(['resident', 'console'] as const)('%s page does not scroll sideways at 360 px', async (name) => {
    const page = await openPage(name, language)
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.NaN)
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width)
    await page.close()
  })
})

describe('installable app', () => {
  it('links a manifest and shows the cached shell when offline', async () => {
    const page = await openPage('resident', 'vi')
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href')
    const manifest = await (await fetch(new URL(manifestHref ?? '', server.url))).json()
    expect(manifest).toMatchObject({ lang: 'vi', start_url: '/', display: 'standalone' })

    const workerActive = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then((registration) => registration.active !== null),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000)),
      ]),
    )
    expect(workerActive, 'service worker /sw.js should be registered and active (production build?)').toBe(
      true,
    )
    await context.setOffline(true)
    try {
      await page.reload()
      await page.getByRole('heading', { level: 1, name: pages.resident.heading.vi }).waitFor()
      // The API is never cached: offline, the facts card says so instead of showing stale data.
      await page.getByRole('region', { name: 'Nền tảng hôm nay' }).getByRole('alert').waitFor()
    } finally {
      await context.setOffline(false)
      await page.close()
    }
  })
})
