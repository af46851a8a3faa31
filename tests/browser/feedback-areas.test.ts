import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { noSidewaysScroll, seriousViolations } from '../support/browser.ts'
import {
  closeDevelopmentBrowser,
  type DevelopmentBrowser,
  openDevelopmentBrowser,
  openPage,
  signInResidentFrom,
} from '../support/resident-browser.ts'
import type { TestServer } from '../support/server.ts'

/** Demo residents of the development e-ID provider (server/modules/identity/residents/demo-residents.ts). */
const follower = 'Lê Hoàng Phúc'
const reporter = 'Phạm Ngọc Ánh'
/** A point inside Phường Sài Gòn (26740). */
const saiGon = { lon: 106.7009, lat: 10.7769 }
/** Hà Nội: not in the city. */
const haNoi = { lon: 105.8542, lat: 21.0285 }

let server: TestServer
let browser: DevelopmentBrowser['browser']
let context: BrowserContext

beforeAll(async () => {
  ;({ server, browser, context } = await openDevelopmentBrowser('/phan-anh-cua-toi', 'feedback-areas'))
}, 180_000)

afterAll(() => closeDevelopmentBrowser({ browser, server }), 60_000)

const open = (path: string, language: 'vi' | 'en' = 'vi') => openPage(context, server, path, language)

const signInFrom = (page: Page, resident: string, backTo: string) =>
  signInResidentFrom(page, server, resident, backTo)

/** The bodies of the area-follow writes the page sends. */
function areaWrites(page: Page): unknown[] {
  const bodies: unknown[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/v1/me/area-follows'))
      bodies.push(request.postDataJSON())
  })
  return bodies
}

describe('areas I follow', () => {
  it('asks a visitor to sign in, with no inbox in the header', async () => {
    const page = await open('/phan-anh-cua-toi')
    await page.getByRole('region', { name: 'Cần đăng nhập' }).waitFor()
    const header = page.getByRole('banner')
    await header.getByRole('link', { name: 'Đăng nhập' }).waitFor()
    expect(await header.getByRole('link', { name: /Hộp thư/ }).count()).toBe(0)
    expect(await page.getByRole('region', { name: 'Khu vực theo dõi' }).count()).toBe(0)
    await page.close()
  })

  it('follows a ward and the area around the resident, and stops following one', async () => {
    const page = await open('/phan-anh-cua-toi')
    const sent = areaWrites(page)
    await signInFrom(page, follower, '/phan-anh-cua-toi')
    const areas = page.getByRole('region', { name: 'Khu vực theo dõi' })
    await areas.getByText('Bạn chưa theo dõi khu vực nào.').waitFor()
    await areas.getByText('Bạn sẽ nhận một tin trong Hộp thư cho mỗi phản ánh công khai mới').waitFor()
    // Signed in: the header has the inbox (nothing unread yet).
    await page.getByRole('banner').getByRole('link', { name: 'Hộp thư', exact: true }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    // A ward: nothing chosen is said at the select, which takes the focus.
    const wardForm = areas.getByRole('form', { name: 'Theo dõi một phường, xã' })
    const follow = wardForm.getByRole('button', { name: 'Theo dõi phường, xã này' })
    await follow.click()
    const select = wardForm.getByRole('combobox', { name: 'Phường, xã muốn theo dõi' })
    await wardForm.getByText('Chọn một phường, xã', { exact: true }).waitFor()
    expect(await select.getAttribute('aria-invalid')).toBe('true')
    expect(await select.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(sent).toEqual([])

    // The search box narrows the 168 wards; accents are optional.
    expect(await select.locator('option').count()).toBeGreaterThan(160)
    await wardForm.getByRole('searchbox', { name: 'Tìm phường, xã' }).fill('sai gon')
    await wardForm.getByRole('status').filter({ hasText: 'Có 1 phường, xã khớp.' }).waitFor()
    await select.selectOption({ label: 'Phường Sài Gòn' })
    expect(await select.getAttribute('aria-invalid')).toBeNull()
    await follow.click()
    await areas.getByRole('status').filter({ hasText: 'Đã theo dõi: Phường Sài Gòn.' }).waitFor()
    const list = areas.getByRole('list', { name: 'Các khu vực bạn đang theo dõi' })
    await list.getByRole('listitem').filter({ hasText: 'Phường Sài Gòn' }).waitFor()
    expect(sent).toEqual([{ wardCode: '26740' }])

    // Following it twice is caught before anything is sent.
    await wardForm.getByRole('searchbox', { name: 'Tìm phường, xã' }).fill('sài gòn')
    await select.selectOption({ label: 'Phường Sài Gòn' })
    await follow.click()
    await wardForm.getByText('Bạn đã theo dõi Phường Sài Gòn.').waitFor()
    expect(sent).toHaveLength(1)

    // Around where the resident is: outside the city, the server's reason is shown.
    const nearForm = areas.getByRole('form', { name: 'Theo dõi quanh nơi tôi đang đứng' })
    await context.grantPermissions(['geolocation'], { origin: server.url })
    await context.setGeolocation({ longitude: haNoi.lon, latitude: haNoi.lat })
    const useLocation = nearForm.getByRole('button', { name: 'Dùng vị trí hiện tại và theo dõi' })
    await useLocation.click()
    const refused = nearForm.getByRole('alert').filter({ hasText: 'Chưa theo dõi được khu vực này' })
    await refused.getByText(/không thuộc phường, xã, đặc khu nào của Thành phố Hồ Chí Minh/).waitFor()
    expect(await refused.evaluate((element) => element === document.activeElement)).toBe(true)

    // In the city, with a radius and a name to remember it by.
    await context.setGeolocation({ longitude: saiGon.lon, latitude: saiGon.lat })
    await nearForm.getByRole('group', { name: 'Trong bán kính' }).getByLabel('1 km').check()
    await nearForm.getByRole('textbox', { name: 'Tên gợi nhớ (không bắt buộc)' }).fill('Chỗ làm')
    await useLocation.click()
    await areas
      .getByRole('status')
      .filter({ hasText: 'Đã theo dõi: Trong vòng 1 km quanh “Chỗ làm”.' })
      .waitFor()
    expect(await nearForm.getByRole('alert').count()).toBe(0)
    // Without a name, the circle is named by the ward it is in.
    await nearForm.getByRole('group', { name: 'Trong bán kính' }).getByLabel('300 m').check()
    await useLocation.click()
    await list.getByText('Trong vòng 300 m quanh một điểm ở Phường Sài Gòn').waitFor()
    expect(sent.slice(1)).toEqual([
      { center: haNoi, radiusMeters: 500 },
      { center: saiGon, radiusMeters: 1000, label: 'Chỗ làm' },
      { center: saiGon, radiusMeters: 300 },
    ])
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    // Stop following one: gone from the list, and still gone after a reload.
    await list
      .getByRole('listitem')
      .filter({ hasText: '“Chỗ làm”' })
      .getByRole('button', { name: 'Bỏ theo dõi' })
      .click()
    await areas
      .getByRole('status')
      .filter({ hasText: 'Đã bỏ theo dõi: Trong vòng 1 km quanh “Chỗ làm”.' })
      .waitFor()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('areas-heading')
    await page.reload()
    await list.getByText('Trong vòng 300 m quanh một điểm ở Phường Sài Gòn').waitFor()
    expect(await list.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('Phường Sài Gòn'),
      expect.stringContaining('Trong vòng 300 m'),
    ])
    await page.close()
  })

  it('tells the follower of a new public report there, with the count on the header', async () => {
    // Another resident sends a public report in Phường Sài Gòn.
    await context.clearCookies()
    const other = await open('/phan-anh-cua-toi')
    await signInFrom(other, reporter, '/phan-anh-cua-toi')
    const sentReport = await other.evaluate(async (location) => {
      const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string }
      const response = await fetch('/api/v1/feedback/reports', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': csrfToken,
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({
          categoryId: 'waste.illegal_dumping',
          description: 'Có người đổ xà bần trên vỉa hè suốt tuần nay.',
          location,
          anonymous: false,
          public: true,
        }),
      })
      return { status: response.status, body: await response.text() }
    }, saiGon)
    expect(sentReport.status, sentReport.body).toBe(201)
    const { code } = JSON.parse(sentReport.body) as { code: string }
    await other.close()

    // The follower's inbox gets it from the worker, on its own.
    await context.clearCookies()
    const page = await open('/phan-anh-cua-toi')
    await signInFrom(page, follower, '/phan-anh-cua-toi')
    await page.waitForFunction(
      async () => ((await (await fetch('/api/v1/me/inbox')).json()) as { unread: number }).unread > 0,
      undefined,
      { polling: 500 },
    )
    // The count is read when a page opens: any resident page shows it, here the home page.
    await page.goto(`${server.url}/`)
    const header = page.getByRole('banner')
    const inbox = header.getByRole('link', { name: 'Hộp thư, 1 tin chưa đọc' })
    await inbox.waitFor()
    expect(await inbox.getAttribute('href')).toBe('/hop-thu')
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    await inbox.click()
    await page.waitForURL(`${server.url}/hop-thu`)
    const message = page.getByRole('article', { name: /Phản ánh mới trong khu vực bạn theo dõi/ })
    await message.getByText(`${code}: `, { exact: false }).waitFor()
    expect(
      await header.getByRole('link', { name: 'Hộp thư, 1 tin chưa đọc' }).getAttribute('aria-current'),
    ).toBe('page')
    await page.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' }).click()
    // Read: the header follows without another request.
    await header.getByRole('link', { name: 'Hộp thư', exact: true }).waitFor()
    expect(await header.getByText('1', { exact: true }).count()).toBe(0)
    await page.close()
  })

  it('speaks English when asked', async () => {
    const page = await open('/phan-anh-cua-toi', 'en')
    const areas = page.getByRole('region', { name: 'Areas I follow' })
    await areas
      .getByRole('list', { name: 'The areas you follow' })
      .getByText('Sai Gon Ward', { exact: true })
      .waitFor()
    await areas.getByText('Within 300 m of a point in Sai Gon Ward').waitFor()
    await areas.getByRole('group', { name: 'Within' }).getByLabel('2 km').waitFor()
    await page.getByRole('banner').getByRole('link', { name: 'Inbox', exact: true }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })
})
