import type { Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cameraJpeg } from '../../server/modules/feedback/photos/fixtures/test-images.ts'
import { noSidewaysScroll, PHONE, seriousViolations } from '../support/browser.ts'
import { signInOfficial } from '../support/official-session.ts'
import {
  closeDevelopmentBrowser,
  type DevelopmentBrowser,
  openDevelopmentBrowser,
  openPage,
  sendReportAsResident,
  signInResidentFrom,
} from '../support/resident-browser.ts'
import type { TestServer } from '../support/server.ts'

/**
 * The console's feedback pages in Chromium, as an official uses them, against the real server:
 * the queue (cards at 360 px, a table on wide screens, filters in the URL, bulk reassignment, the
 * map), a report (details, anonymity, EXIF, actions) and the routing rules and templates pages.
 * A demo resident sends the reports first through the real API; the system administrator then
 * works on them. The tests share one database, so each works on reports and text of its own.
 */

/** A demo resident of the development e-ID provider (server/modules/identity/residents/demo-residents.ts). */
const RESIDENT = { name: 'Phạm Ngọc Ánh', phone: '0356271904' }
const OFFICER = { username: 'canbo.phuongsaigon', password: 'Thanh-pho-so-2026!' }
/** Points inside Phường Sài Gòn (26740), about 110 m apart so each report has its own dot on the map. */
const SAI_GON = { lon: 106.7009, lat: 10.7769 }
const near = (step: number) => ({ lon: SAI_GON.lon, lat: Number((SAI_GON.lat + step * 0.001).toFixed(4)) })

interface Sent {
  id: string
  code: string
}

let server: TestServer
let browser: DevelopmentBrowser['browser']
/** The reports the resident sent, one (or two) per test that changes them. */
const reports = {} as Record<'taken' | 'anonymous' | 'changed' | 'moved' | 'bulkOne' | 'bulkTwo', Sent>

beforeAll(async () => {
  ;({ server, browser } = await openDevelopmentBrowser('/console/phan-anh', 'feedback-console'))

  const page = await openPage(browser.context, server, '/phan-anh-cua-toi')
  await signInResidentFrom(page, server, RESIDENT.name, '/phan-anh-cua-toi')
  const send = (body: Record<string, unknown>, photo?: Buffer) => sendReportAsResident(page, body, photo)
  // Named, with a photo whose EXIF position is 33 m north of the pin.
  reports.taken = await send(
    {
      categoryId: 'other.other',
      description: 'Biển quảng cáo cũ trước số 12 Lê Lợi sắp rơi xuống vỉa hè.',
      location: SAI_GON,
      anonymous: false,
      public: true,
    },
    await cameraJpeg(640, 480, { gps: { lat: 10.7772, lon: SAI_GON.lon } }),
  )
  // Anonymous, in a category that needs an after-photo and has an extra question.
  reports.anonymous = await send({
    categoryId: 'roads.pothole',
    description: 'Ổ gà lớn giữa đường Đồng Khởi, xe máy dễ ngã.',
    location: near(1),
    answers: { size: 'large' },
    anonymous: true,
    public: true,
  })
  reports.changed = await send(
    {
      categoryId: 'other.other',
      description: 'Ổ gà sâu trước cổng chợ, người dân gửi nhầm lĩnh vực.',
      location: near(2),
      anonymous: false,
      public: true,
    },
    await cameraJpeg(640, 480),
  )
  reports.moved = await send({
    categoryId: 'other.other',
    description: 'Mặt đường Tôn Đức Thắng bong tróc thành từng mảng lớn.',
    location: near(3),
    anonymous: false,
    public: true,
  })
  reports.bulkOne = await send({
    categoryId: 'other.other',
    description: 'Nắp cống bị vỡ trên đường Hai Bà Trưng, rất nguy hiểm.',
    location: near(4),
    anonymous: false,
    public: true,
  })
  reports.bulkTwo = await send({
    categoryId: 'other.other',
    description: 'Vỉa hè đường Lý Tự Trọng bị đào bới mà không hoàn trả.',
    location: near(5),
    anonymous: false,
    public: true,
  })
  await page.close()

  // From here on the browser is the system administrator.
  await browser.context.clearCookies()
  await signInOfficial(browser.context, server.url)
}, 240_000)

afterAll(() => closeDevelopmentBrowser({ browser, server }), 60_000)

async function open(path: string, viewport = PHONE): Promise<Page> {
  const page = await openPage(browser.context, server, path)
  await page.setViewportSize(viewport)
  return page
}

/** The writes a page sends to the feedback API, with their bodies, as the real server received them. */
function writesOf(page: Page): { method: string; path: string; search: string; body: unknown }[] {
  const sent: { method: string; path: string; search: string; body: unknown }[] = []
  page.on('request', (request: Request) => {
    const url = new URL(request.url())
    if (!url.pathname.startsWith('/api/v1/console/feedback/') && url.pathname !== '/api/v1/feedback/photos')
      return
    const body = request.method() === 'POST' || request.method() === 'PUT' ? request.postData() : null
    let parsed: unknown
    try {
      parsed = body ? JSON.parse(body) : undefined
    } catch {
      parsed = '(bytes)'
    }
    sent.push({ method: request.method(), path: url.pathname, search: url.search, body: parsed })
  })
  return sent
}

/** A call to the real API from the page, as the signed-in official (with the session's CSRF token). */
async function callApi(page: Page, method: string, path: string, body?: unknown): Promise<unknown> {
  const answer = await page.evaluate(
    async ({ method, path, body }) => {
      const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string }
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: response.status, text: await response.text() }
    },
    { method, path, body },
  )
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text}`)
  return answer.text ? JSON.parse(answer.text) : undefined
}

const reportUrl = (report: Sent) => `/console/phan-anh/${report.id}`

describe('the queue', () => {
  it('lists reports as cards on a phone, filters through the URL and reassigns the selected ones', async () => {
    const page = await open('/console/phan-anh')
    const sent = writesOf(page)
    await page.getByRole('heading', { level: 1, name: 'Phản ánh của người dân' }).waitFor()
    const nav = page.getByRole('navigation', { name: 'Các trang của cổng cán bộ' })
    expect(await nav.getByRole('link', { name: 'Phản ánh' }).getAttribute('aria-current')).toBe('page')

    // Cards: the code is the link, with the status in words.
    const list = page.getByRole('list', { name: 'Danh sách phản ánh' })
    const first = list.getByRole('listitem').filter({ hasText: reports.taken.code })
    expect(await first.getByRole('link', { name: reports.taken.code }).getAttribute('href')).toBe(
      reportUrl(reports.taken),
    )
    await first.getByText('Chờ tiếp nhận').waitFor()
    // Nothing the resident sent is overdue yet.
    expect(await list.getByText('Quá hạn').count()).toBe(0)
    const { total } = (await callApi(
      page,
      'GET',
      '/api/v1/console/feedback/reports?status=open&limit=50',
    )) as {
      total: number
    }
    expect(total).toBeGreaterThanOrEqual(6)
    await page.getByText(`Đang xem 1–${total} trên tổng số ${total} phản ánh.`).waitFor()
    // The queue opened on "not finished", asked of the API by name.
    expect(sent.find((request) => request.path === '/api/v1/console/feedback/reports')?.search).toBe(
      '?status=open&limit=50',
    )
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    // Bulk reassignment: nothing is sent until a report, an agency and a reason are given.
    await page.getByRole('button', { name: 'Chuyển đơn vị' }).click()
    await page.getByRole('button', { name: 'Chuyển 0 phản ánh' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'Cần sửa trước khi gửi' })
    await summary.getByRole('link', { name: /Hãy chọn ít nhất một phản ánh/ }).waitFor()
    await summary.getByRole('link', { name: 'Hãy chọn đơn vị nhận.' }).waitFor()
    await summary.getByRole('link', { name: /Hãy ghi lý do chuyển/ }).waitFor()
    const bulkWrites = () =>
      sent.filter((request) => request.path === '/api/v1/console/feedback/reports/reassign')
    expect(bulkWrites()).toEqual([])

    await page.getByRole('checkbox', { name: `Chọn ${reports.bulkOne.code}` }).check()
    await page.getByRole('checkbox', { name: `Chọn ${reports.bulkTwo.code}` }).check()
    await page.getByText('Đã chọn 2 phản ánh trên trang này.').waitFor()
    expect(await page.getByRole('checkbox', { name: 'Chọn mọi phản ánh trên trang này' }).isChecked()).toBe(
      false,
    )
    // The agency search goes to the agencies API, diacritics optional.
    await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('so xay dung')
    const agencySelect = page.getByRole('combobox', { name: 'Đơn vị nhận' })
    await expect.poll(() => agencySelect.locator('option', { hasText: 'Sở Xây dựng' }).count()).toBe(1)
    await agencySelect.selectOption({ label: 'Sở Xây dựng' })
    await page.getByRole('textbox', { name: 'Lý do chuyển' }).fill('Đường do Sở Xây dựng quản lý')
    await page.getByRole('button', { name: 'Chuyển 2 phản ánh' }).click()
    const done = page.getByRole('status').filter({ hasText: 'Đã chuyển 2 phản ánh sang Sở Xây dựng.' })
    await done.waitFor()
    expect(await done.evaluate((element) => element === document.activeElement)).toBe(true)
    const bulk = bulkWrites()[0]?.body as { reportIds: string[] }
    expect({ ...bulk, reportIds: [...bulk.reportIds].sort() }).toEqual({
      reportIds: [reports.bulkOne.id, reports.bulkTwo.id].sort(),
      agencyId: 'so-xay-dung',
      reason: 'Đường do Sở Xây dựng quản lý',
    })
    // The server moved both; the untouched one stayed.
    for (const report of [reports.bulkOne, reports.bulkTwo, reports.taken]) {
      const detail = (await callApi(page, 'GET', `/api/v1/console/feedback/reports/${report.id}`)) as {
        agency: { id: string }
      }
      expect(detail.agency.id).toBe(report === reports.taken ? 'ubnd-26740' : 'so-xay-dung')
    }
    // The list was read again, with nothing selected.
    await page.getByRole('checkbox', { name: `Chọn ${reports.bulkOne.code}` }).waitFor()
    expect(await page.getByRole('checkbox', { name: `Chọn ${reports.bulkOne.code}` }).isChecked()).toBe(false)

    // Filters are a GET form: the choice lands in the URL, and the API gets it.
    await page.getByRole('combobox', { name: 'Trạng thái' }).selectOption({ label: 'Mọi trạng thái' })
    await page
      .getByRole('combobox', { name: 'Phường, xã, đặc khu' })
      .selectOption({ label: 'Phường Sài Gòn' })
    await page.getByRole('checkbox', { name: 'Chỉ phản ánh quá hạn' }).check()
    await page.getByRole('button', { name: 'Lọc', exact: true }).click()
    await page.waitForURL(/\/console\/phan-anh\?status=all&wardCode=26740&overdue=true$/)
    await page.getByRole('link', { name: 'Bỏ lọc' }).waitFor()
    await expect
      .poll(
        () => sent.filter((request) => request.path === '/api/v1/console/feedback/reports').at(-1)?.search,
      )
      .toBe('?wardCode=26740&overdue=true&limit=50')
    expect(await page.getByRole('checkbox', { name: 'Chỉ phản ánh quá hạn' }).isChecked()).toBe(true)
    // None is overdue: the server's answer leaves the list without them.
    await expect.poll(() => page.getByRole('link', { name: reports.taken.code }).count()).toBe(0)
    await page.close()
  })

  it('is a table on a wide screen', async () => {
    const page = await open('/console/phan-anh', { width: 1200, height: 900 })
    const table = page.getByRole('table')
    await table.getByRole('link', { name: reports.taken.code }).waitFor()
    for (const column of [
      'Mã',
      'Lĩnh vực',
      'Phường, xã, đặc khu',
      'Ngày gửi',
      'Hạn xử lý',
      'Cùng phản ánh',
      'Trạng thái',
    ]) {
      await table.getByRole('columnheader', { name: column, exact: true }).waitFor()
    }
    const row = table.getByRole('row').filter({ hasText: reports.taken.code })
    await row.getByText('Vấn đề khác').waitFor()
    await row.getByText('Phường Sài Gòn').waitFor()
    await row.getByText('Chờ tiếp nhận').waitFor()
    await row.getByRole('cell', { name: '0', exact: true }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })

  it('shows the queue on the map, and a chosen dot links to its report', async () => {
    const page = await open('/console/phan-anh')
    const sent = writesOf(page)
    const toggle = page.getByRole('button', { name: 'Xem trên bản đồ' })
    await toggle.click()
    expect(await page.getByRole('button', { name: 'Ẩn bản đồ' }).getAttribute('aria-expanded')).toBe('true')
    await page.getByText(/^Bản đồ có \d+ phản ánh theo bộ lọc \(không phân trang\)\.$/).waitFor()
    await page.waitForFunction(() => {
      const map = window.dcMap
      return Boolean(map?.getLayer('dc-feedback-queue-points') && map.loaded() && map.areTilesLoaded())
    })
    expect(sent.find((request) => request.path === '/api/v1/console/feedback/reports.geojson')?.search).toBe(
      '?status=open',
    )
    // Click the first report's dot, with the map moved to it (the queue's dots are ~110 m apart).
    await page.getByRole('region', { name: 'Bản đồ phản ánh' }).scrollIntoViewIfNeeded()
    await page.evaluate(
      ([lon, lat]) =>
        new Promise<void>((resolveMoved) => {
          const map = window.dcMap
          if (!map) throw new Error('no map')
          map.once('idle', () => resolveMoved())
          map.jumpTo({ center: [lon as number, lat as number], zoom: 17 })
        }),
      [SAI_GON.lon, SAI_GON.lat],
    )
    const point = await page.evaluate(
      ([lon, lat]) => {
        const map = window.dcMap
        if (!map) throw new Error('no map')
        const projected = map.project([lon as number, lat as number])
        const box = map.getCanvas().getBoundingClientRect()
        return { x: box.left + projected.x, y: box.top + projected.y }
      },
      [SAI_GON.lon, SAI_GON.lat],
    )
    await page.mouse.click(point.x, point.y)
    const link = page.getByRole('link', { name: `Mở phản ánh ${reports.taken.code}` })
    await link.waitFor()
    expect(await link.getAttribute('href')).toBe(reportUrl(reports.taken))
    expect(
      await page.getByRole('region', { name: 'Bản đồ phản ánh' }).getByRole('status').textContent(),
    ).toBe(`Đã chọn phản ánh ${reports.taken.code}.`)
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)
    await page.close()
  })
})

describe('a report', () => {
  it('shows the reporter, the photo and its EXIF position, and is taken on with one button', async () => {
    const { code } = reports.taken
    const page = await open(reportUrl(reports.taken))
    const sent = writesOf(page)
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor()
    await expect.poll(() => page.title()).toBe(`${code} · Phản ánh · Cổng cán bộ`)
    await page.getByText('Trạng thái: Chờ tiếp nhận').waitFor()
    const reporter = page.getByRole('region', { name: 'Người gửi' })
    await reporter.getByText(RESIDENT.name).waitFor()
    await reporter.getByText(RESIDENT.phone).waitFor()
    const photos = page.getByRole('region', { name: 'Hình ảnh' })
    const photo = photos.getByRole('img', { name: `Ảnh 1 người dân gửi kèm phản ánh ${code}` })
    await photo.scrollIntoViewIfNeeded()
    // The photo the server re-encoded is actually served to the official.
    await expect
      .poll(() => photo.evaluate((image: HTMLImageElement) => image.naturalWidth))
      .toBeGreaterThan(0)
    await photos.getByText('10.77720, 106.70090').waitFor()
    await photos.getByText('33 m').waitFor()
    const history = page.getByRole('region', { name: 'Diễn biến xử lý' })
    await history.getByText('Chuyển đến đơn vị xử lý').waitFor()
    const actions = page.getByRole('region', { name: 'Xử lý phản ánh' })
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    await actions.getByRole('button', { name: 'Tiếp nhận xử lý' }).click()
    const done = page.getByRole('status').filter({ hasText: 'Đã tiếp nhận xử lý phản ánh.' })
    await done.waitFor()
    expect(await done.evaluate((element) => element === document.activeElement)).toBe(true)
    await page.getByText('Trạng thái: Đang xử lý').waitFor()
    expect(
      sent.find((request) => request.path === `/api/v1/console/feedback/reports/${reports.taken.id}/actions`)
        ?.body,
    ).toEqual({ action: 'start' })
    // Only what the server allows now: taken on once.
    expect(await actions.getByRole('button', { name: 'Tiếp nhận xử lý' }).count()).toBe(0)
    await actions.getByRole('button', { name: 'Báo đã xử lý xong' }).waitFor()
    await history.getByText('Chờ tiếp nhận → Đang xử lý').waitFor()
    // And it stays so when read again.
    await page.reload()
    await page.getByText('Trạng thái: Đang xử lý').waitFor()
    await page.close()
  })

  it('keeps an anonymous reporter unknown, fills the answer from a template and resolves with an after-photo', async () => {
    const { id, code } = reports.anonymous
    const page = await open(reportUrl(reports.anonymous))
    // The administrator's agency has a template for the group the report's category is in.
    const template = { title: 'Đã vá ổ gà Đồng Khởi', body: 'Đơn vị đã vá ổ gà và hoàn trả mặt đường.' }
    await callApi(page, 'POST', '/api/v1/console/feedback/templates', { categoryId: 'roads', ...template })
    await page.reload()
    const sent = writesOf(page)
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor()
    const reporter = page.getByRole('region', { name: 'Người gửi' })
    await reporter.getByText('Ẩn danh', { exact: true }).waitFor()
    expect(await reporter.textContent()).not.toContain(RESIDENT.name)
    expect(await reporter.textContent()).not.toContain(RESIDENT.phone)
    // The category's extra question, in words.
    await page.getByRole('region', { name: 'Nội dung phản ánh' }).getByText('Lớn (từ 50 cm)').waitFor()

    // Answer the resident with the template.
    const actions = page.getByRole('region', { name: 'Xử lý phản ánh' })
    await actions.getByRole('button', { name: 'Trả lời người dân' }).click()
    await actions.getByRole('combobox', { name: 'Mẫu trả lời' }).selectOption({ label: template.title })
    const answer = actions.getByRole('textbox', { name: 'Nội dung trả lời' })
    expect(await answer.inputValue()).toBe(template.body)
    await actions.getByText(`Đã điền nội dung từ mẫu “${template.title}”.`).waitFor()
    await answer.fill('Đơn vị sẽ vá ổ gà Đồng Khởi trong tuần này.')
    expect(await seriousViolations(page)).toEqual([])
    await actions.getByRole('button', { name: 'Gửi trả lời' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã gửi trả lời cho người dân.' }).waitFor()
    expect(
      sent.find((request) => request.path === `/api/v1/console/feedback/reports/${id}/responses`)?.body,
    ).toEqual({ message: 'Đơn vị sẽ vá ổ gà Đồng Khởi trong tuần này.' })
    await page
      .getByRole('region', { name: 'Diễn biến xử lý' })
      .getByText('Đơn vị sẽ vá ổ gà Đồng Khởi trong tuần này.')
      .waitFor()

    // Resolve: this category needs an after-photo, said before anything is sent.
    const actionWrites = () =>
      sent.filter((request) => request.path === `/api/v1/console/feedback/reports/${id}/actions`)
    await actions.getByRole('button', { name: 'Báo đã xử lý xong' }).click()
    await actions.getByRole('textbox', { name: 'Kết quả xử lý' }).fill('Đã vá xong ổ gà, mặt đường phẳng.')
    await actions.getByRole('button', { name: 'Gửi kết quả xử lý' }).click()
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Lĩnh vực này cần ít nhất một ảnh chụp sau khi xử lý.' })
      .waitFor()
    expect(actionWrites()).toEqual([])
    await actions
      .getByLabel('Ảnh sau khi xử lý')
      .setInputFiles({ name: 'sau.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(640, 480) })
    await actions.getByRole('img', { name: 'Ảnh sau xử lý 1 vừa tải lên' }).waitFor()
    await actions.getByText('Đã tải lên 1 ảnh.').waitFor()
    const uploaded = sent.filter((request) => request.path === '/api/v1/feedback/photos')
    expect(uploaded).toHaveLength(1)
    await actions.getByRole('button', { name: 'Gửi kết quả xử lý' }).click()
    await page.getByText('Trạng thái: Đã xử lý xong').waitFor()
    await page.getByRole('status').filter({ hasText: 'Đã báo kết quả xử lý.' }).waitFor()
    const resolve = actionWrites()[0]?.body as { action: string; message: string; photoIds: string[] }
    expect(resolve).toEqual({
      action: 'resolve',
      message: 'Đã vá xong ổ gà, mặt đường phẳng.',
      photoIds: [expect.stringMatching(/^[0-9a-f-]{36}$/)],
    })
    // The server kept the after-photo with the report.
    const detail = (await callApi(page, 'GET', `/api/v1/console/feedback/reports/${id}`)) as {
      status: string
      photos: { id: string; purpose: string }[]
    }
    expect(detail.status).toBe('resolved')
    expect(detail.photos).toEqual([expect.objectContaining({ id: resolve.photoIds[0], purpose: 'after' })])
    // Resolved: the server no longer offers resolving or rejecting it.
    await expect.poll(() => actions.getByRole('button', { name: 'Báo đã xử lý xong' }).count()).toBe(0)
    expect(await actions.getByRole('button', { name: 'Từ chối phản ánh' }).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)
    await page.close()
  })
})

describe('changing a report', () => {
  it('changes the category, invites a coordinator, hides content and rejects, each with what it needs', async () => {
    const { id, code } = reports.changed
    const page = await open(reportUrl(reports.changed))
    const sent = writesOf(page)
    const actions = page.getByRole('region', { name: 'Xử lý phản ánh' })
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor()
    const sentTo = (action: string) =>
      sent.filter((request) => request.path === `/api/v1/console/feedback/reports/${id}/${action}`)

    // Category: a leaf other than the current one, and a reason.
    await actions.getByRole('button', { name: 'Đổi lĩnh vực' }).click()
    expect(await actions.getByRole('button', { name: 'Đổi lĩnh vực' }).getAttribute('aria-expanded')).toBe(
      'true',
    )
    const newCategory = actions.getByRole('combobox', { name: 'Lĩnh vực mới' })
    expect(await newCategory.locator('option', { hasText: 'Vấn đề khác' }).count()).toBe(0)
    await actions.getByRole('button', { name: 'Lưu lĩnh vực mới' }).click()
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Hãy chọn lĩnh vực khác với lĩnh vực hiện tại.' })
      .waitFor()
    expect(sentTo('category')).toEqual([])
    await newCategory.selectOption({ label: 'Ổ gà, sụt lún mặt đường' })
    await actions.getByRole('textbox', { name: 'Lý do đổi lĩnh vực' }).fill('Người dân chọn nhầm lĩnh vực')
    await actions.getByRole('button', { name: 'Lưu lĩnh vực mới' }).click()
    await expect.poll(() => sentTo('category').length).toBe(1)
    expect(sentTo('category')[0]?.body).toEqual({
      categoryId: 'roads.pothole',
      reason: 'Người dân chọn nhầm lĩnh vực',
    })
    // The form closed with the write, and the page shows the server's new category.
    await expect.poll(() => actions.getByRole('combobox', { name: 'Lĩnh vực mới' }).count()).toBe(0)
    await page
      .getByRole('region', { name: 'Nội dung phản ánh' })
      .getByText('Ổ gà, sụt lún mặt đường')
      .first()
      .waitFor()

    // Coordinator: the report's own agency is not offered.
    await actions.getByRole('button', { name: 'Thêm đơn vị phối hợp' }).click()
    await actions.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('so xay dung')
    const coordinator = actions.getByRole('combobox', { name: 'Đơn vị phối hợp' })
    await expect.poll(() => coordinator.locator('option', { hasText: 'Sở Xây dựng' }).count()).toBe(1)
    await coordinator.selectOption({ label: 'Sở Xây dựng' })
    await actions.getByRole('button', { name: 'Mời phối hợp' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã mời Sở Xây dựng phối hợp xử lý.' }).waitFor()
    expect(sentTo('coordinators')[0]?.body).toEqual({ agencyId: 'so-xay-dung' })

    // Moderation: something to hide and a reason.
    const photoId = (
      (await callApi(page, 'GET', `/api/v1/console/feedback/reports/${id}`)) as { photos: { id: string }[] }
    ).photos[0]?.id
    await actions.getByRole('button', { name: 'Ẩn nội dung không phù hợp' }).click()
    const hide = actions.getByRole('group', { name: 'Ẩn phần nào' })
    await actions.getByRole('textbox', { name: 'Lý do ẩn' }).fill('Ảnh có biển số xe')
    await actions.getByRole('button', { name: 'Ẩn với công chúng' }).click()
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Hãy chọn phần mô tả hoặc ít nhất một ảnh để ẩn.' })
      .waitFor()
    expect(sentTo('moderation')).toEqual([])
    await hide.getByRole('checkbox', { name: 'Ảnh 1' }).check()
    await actions.getByRole('button', { name: 'Ẩn với công chúng' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã ẩn nội dung đã chọn với công chúng.' }).waitFor()
    expect(sentTo('moderation')[0]?.body).toEqual({ hidePhotoIds: [photoId], reason: 'Ảnh có biển số xe' })
    const moderated = (await callApi(page, 'GET', `/api/v1/console/feedback/reports/${id}`)) as {
      hiddenPhotos: { id: string; reason: string }[]
      coordinators: { id: string }[]
      category: { id: string }
    }
    expect(moderated.hiddenPhotos).toEqual([{ id: photoId, reason: 'Ảnh có biển số xe' }])
    expect(moderated.coordinators.map((agency) => agency.id)).toEqual(['so-xay-dung'])
    expect(moderated.category.id).toBe('roads.pothole')

    // Reject: the reason is required before anything is sent.
    await actions.getByRole('button', { name: 'Từ chối phản ánh' }).click()
    await actions.getByRole('button', { name: 'Xác nhận từ chối' }).click()
    await page.getByRole('alert').getByRole('link', { name: 'Hãy nhập ít nhất 5 ký tự.' }).waitFor()
    expect(sentTo('actions')).toEqual([])
    await actions.getByRole('textbox', { name: 'Lý do từ chối' }).fill('Không thuộc thẩm quyền của phường')
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)
    await actions.getByRole('button', { name: 'Xác nhận từ chối' }).click()
    await page.getByText('Trạng thái: Đã từ chối').waitFor()
    expect(sentTo('actions')[0]?.body).toEqual({
      action: 'reject',
      message: 'Không thuộc thẩm quyền của phường',
    })
    await page.close()
  })

  it('reassigns one report with its reason', async () => {
    const { id } = reports.moved
    const page = await open(reportUrl(reports.moved))
    const sent = writesOf(page)
    const actions = page.getByRole('region', { name: 'Xử lý phản ánh' })
    await actions.getByRole('button', { name: 'Chuyển đơn vị khác' }).click()
    await actions.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('so xay dung')
    const agency = actions.getByRole('combobox', { name: 'Đơn vị nhận' })
    await expect.poll(() => agency.locator('option', { hasText: 'Sở Xây dựng' }).count()).toBe(1)
    await agency.selectOption({ label: 'Sở Xây dựng' })
    await actions.getByRole('textbox', { name: 'Lý do chuyển' }).fill('Đường do Sở quản lý')
    await actions.getByRole('button', { name: 'Chuyển phản ánh' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã chuyển phản ánh sang Sở Xây dựng.' }).waitFor()
    expect(
      sent.find((request) => request.path === `/api/v1/console/feedback/reports/${id}/reassign`)?.body,
    ).toEqual({ agencyId: 'so-xay-dung', reason: 'Đường do Sở quản lý' })
    const detail = (await callApi(page, 'GET', `/api/v1/console/feedback/reports/${id}`)) as {
      agency: { id: string }
    }
    expect(detail.agency.id).toBe('so-xay-dung')
    await page.close()
  })
})

describe('rules and templates', () => {
  it('lets a system administrator add, edit and delete a routing rule', async () => {
    const page = await open('/console/phan-anh/quy-tac')
    const sent = writesOf(page)
    await page.getByRole('heading', { level: 1, name: 'Quy tắc chuyển đơn vị' }).waitFor()
    const table = page.getByRole('region', { name: 'Các quy tắc chuyển đơn vị' })
    // The seeded rule for public lighting.
    const seeded = table.getByRole('row').filter({ hasText: 'Chiếu sáng công cộng' }).first()
    await seeded.getByText('Mọi phường, xã, đặc khu').waitFor()
    await seeded
      .getByRole('button', { name: 'Sửa quy tắc Chiếu sáng công cộng, Mọi phường, xã, đặc khu' })
      .waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    const form = page.getByRole('region', { name: 'Thêm quy tắc' })
    await form.getByRole('combobox', { name: 'Lĩnh vực' }).selectOption({ label: 'Cây cần cắt tỉa' })
    await form
      .getByRole('combobox', { name: 'Phường, xã, đặc khu' })
      .selectOption({ label: 'Phường Sài Gòn' })
    await form.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('phuong sai gon')
    const agency = form.getByRole('combobox', { name: 'Đơn vị nhận' })
    await expect.poll(() => agency.locator('option', { hasText: 'Phường Sài Gòn' }).count()).toBe(1)
    await agency.selectOption({ label: 'Ủy ban nhân dân Phường Sài Gòn' })
    await form.getByRole('button', { name: 'Thêm quy tắc' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã thêm quy tắc.' }).waitFor()
    const ruleWrites = (method: string) =>
      sent.filter(
        (request) =>
          request.method === method && request.path.startsWith('/api/v1/console/feedback/routing-rules'),
      )
    expect(ruleWrites('POST')[0]?.body).toEqual({
      categoryId: 'trees.pruning',
      wardCode: '26740',
      agencyId: 'ubnd-26740',
    })
    const label = 'Cây cần cắt tỉa, Phường Sài Gòn'
    const added = table.getByRole('row').filter({ hasText: 'Cây cần cắt tỉa' })
    await added.getByText('Ủy ban nhân dân Phường Sài Gòn').waitFor()

    // Edit: the form takes the rule (its agency chosen again from the list) and the keyboard.
    await added.getByRole('button', { name: `Sửa quy tắc ${label}` }).click()
    const editing = page.getByRole('region', { name: 'Sửa quy tắc' })
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Sửa quy tắc')
    expect(await editing.getByRole('combobox', { name: 'Lĩnh vực' }).inputValue()).toBe('trees.pruning')
    await expect
      .poll(() => editing.getByRole('combobox', { name: 'Đơn vị nhận' }).inputValue())
      .toBe('ubnd-26740')
    await editing.getByRole('textbox', { name: 'Ghi chú' }).fill('Cây xanh trên phố đi bộ Nguyễn Huệ')
    await editing.getByRole('button', { name: 'Lưu quy tắc' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã lưu quy tắc.' }).waitFor()
    expect(ruleWrites('PUT')[0]?.body).toEqual({
      categoryId: 'trees.pruning',
      wardCode: '26740',
      agencyId: 'ubnd-26740',
      note: 'Cây xanh trên phố đi bộ Nguyễn Huệ',
    })
    await added.getByText('Cây xanh trên phố đi bộ Nguyễn Huệ').waitFor()
    await page.getByRole('region', { name: 'Thêm quy tắc' }).waitFor()

    // Delete, after a confirmation.
    await added.getByRole('button', { name: `Xóa quy tắc ${label}` }).click()
    await page.getByRole('heading', { name: new RegExp(`^Xóa quy tắc “${label}”\\?`) }).waitFor()
    await page.getByRole('button', { name: 'Xóa quy tắc', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Đã xóa quy tắc.' }).waitFor()
    expect(ruleWrites('DELETE')).toHaveLength(1)
    await expect.poll(() => added.count()).toBe(0)
    // Gone on the server too.
    await page.reload()
    await table.getByRole('row').filter({ hasText: 'Chiếu sáng công cộng' }).first().waitFor()
    expect(await table.getByRole('row').filter({ hasText: 'Cây cần cắt tỉa' }).count()).toBe(0)
    await page.close()
  })

  it('adds and deletes response templates', async () => {
    const page = await open('/console/phan-anh/mau')
    const old = { title: 'Đã dọn rác Bến Bạch Đằng', body: 'Đơn vị đã dọn sạch rác tại bến.' }
    await callApi(page, 'POST', '/api/v1/console/feedback/templates', old)
    await page.reload()
    const sent = writesOf(page)
    await page.getByRole('heading', { level: 1, name: 'Mẫu trả lời' }).waitFor()
    const list = page.getByRole('list', { name: 'Các mẫu trả lời' })
    await list.getByRole('heading', { name: old.title }).waitFor()

    // A template for one category (one for every category, categoryId null, is in the API's
    // integration tests).
    await page
      .getByRole('combobox', { name: 'Dùng cho lĩnh vực' })
      .selectOption({ label: 'Đèn đường không sáng' })
    await page.getByRole('textbox', { name: 'Tên mẫu' }).fill('Đã thay bóng đèn Pasteur')
    await page.getByRole('textbox', { name: 'Nội dung' }).fill('Đơn vị đã thay bóng đèn mới.')
    await page.getByRole('button', { name: 'Thêm mẫu' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã thêm mẫu “Đã thay bóng đèn Pasteur”.' }).waitFor()
    expect(sent.find((request) => request.method === 'POST')?.body).toEqual({
      categoryId: 'lighting.streetlight',
      title: 'Đã thay bóng đèn Pasteur',
      body: 'Đơn vị đã thay bóng đèn mới.',
    })
    await list.getByRole('heading', { name: 'Đã thay bóng đèn Pasteur' }).waitFor()

    await page.getByRole('button', { name: `Xóa mẫu “${old.title}”` }).click()
    await page.getByRole('heading', { name: `Xóa mẫu “${old.title}”?` }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Xóa mẫu', exact: true }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `Đã xóa mẫu “${old.title}”.` })
      .waitFor()
    expect(sent.filter((request) => request.method === 'DELETE')).toHaveLength(1)
    await noSidewaysScroll(page)
    // What the server keeps: the new one, not the deleted one.
    await page.reload()
    await list.getByRole('heading', { name: 'Đã thay bóng đèn Pasteur' }).waitFor()
    expect(await list.getByRole('heading', { name: old.title }).count()).toBe(0)
    await page.close()
  })

  // Last: it signs the browser in as another official.
  it('shows the rules read-only to an officer', async () => {
    await browser.context.clearCookies()
    await signInOfficial(browser.context, server.url, OFFICER)
    const page = await open('/console/phan-anh/quy-tac')
    await page.getByText('Chỉ quản trị hệ thống được thêm, sửa, xóa quy tắc.').waitFor()
    const table = page.getByRole('region', { name: 'Các quy tắc chuyển đơn vị' })
    await table.getByRole('row').filter({ hasText: 'Chiếu sáng công cộng' }).first().waitFor()
    expect(await page.getByRole('button', { name: /^Sửa quy tắc/ }).count()).toBe(0)
    expect(await page.getByRole('region', { name: 'Thêm quy tắc' }).count()).toBe(0)
    const nav = page.getByRole('navigation', { name: 'Các trang của cổng cán bộ' })
    await nav.getByRole('link', { name: 'Phản ánh' }).waitFor()
    expect(await nav.getByRole('link', { name: 'Quản trị' }).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })
})
