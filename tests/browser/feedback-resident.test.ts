import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { twoToneRaw } from '../../server/modules/feedback/photos/fixtures/test-images.ts'
import { noSidewaysScroll, seriousViolations } from '../support/browser.ts'
import { DEMO_ADMIN, signInOfficial } from '../support/official-session.ts'
import {
  closeDevelopmentBrowser,
  type DevelopmentBrowser,
  openDevelopmentBrowser,
  openPage,
  signInResidentFrom,
} from '../support/resident-browser.ts'
import type { TestServer } from '../support/server.ts'

/** Demo residents of the development e-ID provider (server/modules/identity/residents/demo-residents.ts). */
const reporter = 'Nguyễn Thị Thu Hà'
const neighbour = 'Trần Văn Minh'
/** A point inside Phường Sài Gòn (26740). */
const saiGon = { lon: 106.7009, lat: 10.7769 }

let server: TestServer
let browser: DevelopmentBrowser['browser']
let context: BrowserContext
/** The report the first resident sends; the later tests use it. */
let reportUrl = ''

beforeAll(async () => {
  ;({ server, browser, context } = await openDevelopmentBrowser('/phan-anh', 'feedback-resident'))
}, 180_000)

afterAll(() => closeDevelopmentBrowser({ browser, server }), 60_000)

const open = (path: string, language: 'vi' | 'en' = 'vi') => openPage(context, server, path, language)

const signInFrom = (page: Page, resident: string, backTo: string) =>
  signInResidentFrom(page, server, resident, backTo)

/** Puts the centre of the place map on a point (as arrow keys would) once the map is ready. */
async function centreMapOn(page: Page, point: { lon: number; lat: number }): Promise<void> {
  await page.waitForFunction(() => Boolean(window.dcMap?.loaded()))
  await page.evaluate(({ lon, lat }) => window.dcMap?.jumpTo({ center: [lon, lat], zoom: 17 }), point)
}

async function choosePothole(page: Page): Promise<void> {
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Đường sá, vỉa hè' })
  await page.getByLabel('Loại phản ánh').selectOption({ label: 'Ổ gà, sụt lún mặt đường' })
}

describe('public reports and the way in', () => {
  it('shows the list with its filters and map, fits a phone, and asks visitors to sign in to send', async () => {
    const page = await open('/phan-anh')
    await page.getByRole('heading', { level: 1, name: 'Phản ánh kiến nghị' }).waitFor()
    await page.getByRole('search', { name: 'Lọc phản ánh' }).getByLabel('Trạng thái').waitFor()
    await page.getByRole('status').filter({ hasText: 'Chưa có phản ánh công khai nào.' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    await page.getByRole('main').getByRole('link', { name: 'Gửi phản ánh' }).click()
    await page.waitForURL(`${server.url}/phan-anh/gui`)
    const prompt = page.getByRole('region', { name: 'Cần đăng nhập' })
    expect(await prompt.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).getAttribute('href')).toBe(
      '/dang-nhap?returnTo=%2Fphan-anh%2Fgui',
    )
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })

  it('speaks English when asked', async () => {
    const page = await open('/phan-anh', 'en')
    await page.getByRole('heading', { level: 1, name: 'Feedback to the authorities' }).waitFor()
    await page.getByRole('search', { name: 'Filter reports' }).getByLabel('Status').waitFor()
    await page
      .getByRole('navigation', { name: 'Feedback' })
      .getByRole('link', { name: 'My reports' })
      .waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })
})

describe('sending a report', () => {
  it('points at what is missing, then sends with the same Idempotency-Key after a network failure', async () => {
    const page = await open('/phan-anh/gui')
    await signInFrom(page, reporter, '/phan-anh/gui')
    await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh' }).waitFor()

    // An empty form: the error summary takes the focus and links each field.
    const submit = page.getByRole('button', { name: 'Gửi phản ánh' })
    await submit.focus()
    await page.keyboard.press('Enter')
    const summary = page.getByRole('alert').filter({ hasText: 'Cần sửa trước khi gửi' })
    await summary.getByRole('link', { name: 'Chọn lĩnh vực của phản ánh' }).waitFor()
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true)
    const description = page.getByLabel('Mô tả sự việc')
    expect(await description.getAttribute('aria-invalid')).toBe('true')
    // Typing a fix keeps the focus in the field (the summary takes it only on a new attempt).
    await description.focus()
    await page.keyboard.type('Ổ gà')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-description')
    expect(await description.inputValue()).toBe('Ổ gà')

    await choosePothole(page)
    // The pothole's extra question, drawn from its datatype (a single choice).
    await page
      .getByRole('group', { name: /Kích thước/ })
      .getByLabel('Nhỏ (dưới 50 cm)')
      .check()

    // The keyboard way to pin: move the map, then the "pin the centre" button.
    await centreMapOn(page, saiGon)
    await page.getByRole('button', { name: 'Ghim vào tâm bản đồ' }).focus()
    await page.keyboard.press('Enter')
    await page.getByText('Đã ghim vị trí tại Phường Sài Gòn.').waitFor()

    await description.fill('Ổ gà sâu giữa đường, xe máy dễ té khi trời mưa.')
    const photo = await twoToneRaw(64, 48).png().toBuffer()
    await page
      .getByLabel(/^Ảnh \(tối đa/)
      .setInputFiles({ name: 'o-ga.png', mimeType: 'image/png', buffer: photo })
    await page.getByRole('listitem').filter({ hasText: 'o-ga.png' }).getByText('Đã tải lên').waitFor()
    expect(await page.getByRole('img', { name: 'Ảnh 1: o-ga.png' }).count()).toBe(1)
    expect(await page.getByLabel('Công khai phản ánh').isChecked()).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    // The first send is lost on the way; the second carries the same key.
    const keys: string[] = []
    await page.route('**/api/v1/feedback/reports', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '')
      if (keys.length === 1) await route.abort('internetdisconnected')
      else await route.continue()
    })
    await submit.click()
    await page.getByRole('alert').filter({ hasText: 'Chưa gửi được phản ánh' }).waitFor()
    await page.getByText('phản ánh cũng không bị gửi trùng').waitFor()
    await submit.click()
    await page.waitForURL(/\/phan-anh\/[0-9a-f-]{36}$/)
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(/^[A-Za-z0-9._:-]{8,128}$/)
    expect(keys[1]).toBe(keys[0])
    reportUrl = page.url()

    await page.getByRole('heading', { level: 1, name: /^Phản ánh PA-/ }).waitFor()
    await page
      .getByTestId('report-status')
      .getByText(/Đã gửi|Đã chuyển đơn vị xử lý/)
      .waitFor()
    await page.getByText('Ổ gà sâu giữa đường').waitFor()
    await page.getByRole('img', { name: /Ảnh 1 của người gửi/ }).waitFor()
    await page.getByRole('region', { name: 'Quá trình xử lý' }).getByText('Người dân gửi phản ánh').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)
    await page.close()
  })

  it('shows the report to a visitor without the actions, and asks them to sign in', async () => {
    expect(reportUrl).not.toBe('')
    await context.clearCookies()
    const page = await open(new URL(reportUrl).pathname)
    await page.getByRole('heading', { level: 1, name: /^Phản ánh PA-/ }).waitFor()
    expect(await page.title()).toMatch(/^Phản ánh PA-\d{4}-\d+ — Công dân số$/)
    const actions = page.getByRole('region', { name: 'Bạn có thể' })
    await actions.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).waitFor()
    expect(await actions.getByRole('button').count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])

    // An unknown (or private) report: said plainly, with the way to sign in for its sender.
    await page.goto(`${server.url}/phan-anh/00000000-0000-4000-8000-000000000000`)
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy phản ánh' }).waitFor()
    await page.getByRole('main').getByRole('link', { name: 'Đăng nhập bằng VNeID' }).waitFor()
    await page.close()
  })

  it('offers the open report nearby to another resident, whose "me too" leads to it', async () => {
    await context.clearCookies()
    const page = await open('/phan-anh/gui')
    await signInFrom(page, neighbour, '/phan-anh/gui')
    await choosePothole(page)

    // Without the map: the ward written the old way is resolved to the 2025 ward.
    await page.getByLabel('Phường, xã').fill('ben nghe')
    await page.getByRole('button', { name: 'Tìm phường, xã' }).click()
    const wards = page.getByRole('group', { name: 'Chọn đúng phường, xã' })
    await wards.getByText(/nay thuộc: Phường Sài Gòn/).waitFor()
    await wards.getByLabel('Phường Sài Gòn').check()

    // "Use my location" pins where the device is (here: next to the first report).
    await context.grantPermissions(['geolocation'], { origin: server.url })
    await context.setGeolocation({ longitude: saiGon.lon + 0.0001, latitude: saiGon.lat })
    await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click()
    await page.getByText('Đã ghim vị trí tại Phường Sài Gòn.').waitFor()
    // With a pin, the typed ward is no longer asked for.
    expect(await page.getByLabel('Phường, xã').count()).toBe(0)

    const nearby = page.getByRole('region', { name: 'Có phản ánh tương tự gần đây' })
    await nearby.getByText('Ổ gà sâu giữa đường').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await nearby.getByRole('button', { name: 'Tôi cũng gặp' }).first().click()
    await page.waitForURL(reportUrl)
    // The neighbour now follows it; "me too" was counted.
    await page.getByRole('button', { name: 'Bỏ theo dõi' }).waitFor()
    await page.getByRole('region', { name: 'Thông tin chung' }).getByText('1', { exact: true }).waitFor()
    await page.close()
  })
})

describe('my reports and the inbox', () => {
  it('lists what the resident follows and lets them read and clear notifications', async () => {
    const page = await open('/phan-anh-cua-toi')
    await page.getByRole('heading', { level: 1, name: 'Phản ánh của tôi' }).waitFor()
    const list = page.getByRole('region', { name: 'Danh sách' })
    await list.getByRole('link', { name: /Ổ gà, sụt lún mặt đường/ }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    // The first resident was told that someone else has the same problem (delivered by a job).
    await context.clearCookies()
    await page.goto(`${server.url}/hop-thu`)
    await signInFrom(page, reporter, '/hop-thu')
    await page.waitForFunction(
      async () => ((await (await fetch('/api/v1/me/inbox')).json()) as { unread: number }).unread > 0,
      undefined,
      { polling: 500 },
    )
    await page.reload()
    const markAll = page.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' })
    await markAll.waitFor()
    const nav = page.getByRole('navigation', { name: 'Phản ánh kiến nghị' })
    await nav.getByText(/thông báo chưa đọc/).waitFor()
    await page.getByText('Chưa đọc').first().waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    await markAll.click()
    await page.getByRole('status').filter({ hasText: 'Đã đánh dấu tất cả là đã đọc.' }).waitFor()
    expect(await page.getByText('Chưa đọc', { exact: true }).count()).toBe(0)
    expect(await nav.getByText(/thông báo chưa đọc/).count()).toBe(0)
    await page.close()
  })
})

describe('after the answer', () => {
  it('lets the reporter rate it, or say it is not fixed with a reason', async () => {
    // The reporter is signed in (previous test). The ward's officer resolves the report meanwhile.
    const resident = await context.cookies()
    await signInOfficial(context, server.url, {
      username: 'canbo.phuongsaigon',
      password: DEMO_ADMIN.password,
    })
    const officer = await open('/phan-anh')
    const after = (await twoToneRaw(64, 48).png().toBuffer()).toString('base64')
    const reportId = new URL(reportUrl).pathname.split('/').pop() ?? ''
    const outcome = await officer.evaluate(
      async ({ reportId, after }) => {
        const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string }
        const headers = { 'x-csrf-token': csrfToken }
        const bytes = Uint8Array.from(atob(after), (c) => c.charCodeAt(0))
        const photo = await fetch('/api/v1/feedback/photos', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'image/png' },
          body: bytes,
        })
        const { id } = (await photo.json()) as { id: string }
        const resolved = await fetch(`/api/v1/console/feedback/reports/${reportId}/actions`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'resolve', message: 'Đã vá ổ gà, thông xe.', photoIds: [id] }),
        })
        return { photo: photo.status, resolved: resolved.status, body: await resolved.text() }
      },
      { reportId, after },
    )
    expect(outcome, outcome.body).toMatchObject({ photo: 201, resolved: 200 })
    await officer.close()
    await context.clearCookies()
    await context.addCookies(resident)

    const page = await open(new URL(reportUrl).pathname)
    await page.getByTestId('report-status').getByText('Đã xử lý xong').waitFor()
    await page.getByRole('img', { name: /Ảnh 1 sau khi xử lý/ }).waitFor()
    await page.getByText('Đã vá ổ gà, thông xe.').waitFor()
    const rating = page.getByRole('form', { name: 'Đánh giá kết quả xử lý' })
    await rating
      .getByRole('group', { name: 'Bạn hài lòng với kết quả đến mức nào?' })
      .getByLabel(/^4 sao/)
      .waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    const notFixed = page.getByRole('button', { name: 'Chưa được khắc phục' })
    expect(await notFixed.getAttribute('aria-expanded')).toBe('false')
    await notFixed.click()
    expect(await notFixed.getAttribute('aria-expanded')).toBe('true')
    const send = page.getByRole('button', { name: 'Gửi báo chưa khắc phục' })
    await send.click()
    const summary = page.getByRole('alert').filter({ hasText: 'Nhập lý do, ít nhất 5 ký tự' })
    await summary.waitFor()
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true)
    await page.getByLabel('Lý do chưa được khắc phục').fill('Ổ gà vẫn còn, chỉ đổ tạm đá dăm.')
    expect(await seriousViolations(page)).toEqual([])
    await send.click()
    await page.getByRole('status').filter({ hasText: 'phản ánh được mở lại' }).waitFor()
    await page.getByTestId('report-status').getByText('Đang xử lý').waitFor()
    await page
      .getByRole('region', { name: 'Quá trình xử lý' })
      .getByText('Ổ gà vẫn còn, chỉ đổ tạm đá dăm.')
      .waitFor()
    expect(await page.getByRole('button', { name: 'Chưa được khắc phục' }).count()).toBe(0)
    await page.close()
  })
})

describe('filtering the public list', () => {
  it('puts only the chosen filters into the address and lists what matches', async () => {
    const page = await open('/phan-anh')
    const filters = page.getByRole('search', { name: 'Lọc phản ánh' })
    await filters.getByRole('option', { name: 'Ổ gà, sụt lún mặt đường' }).waitFor({ state: 'attached' })
    await filters.getByLabel('Trạng thái').selectOption({ label: 'Đã xử lý xong' })
    await filters.getByRole('button', { name: 'Lọc' }).click()
    await page.waitForURL(`${server.url}/phan-anh?status=resolved`)
    await page.getByRole('status').filter({ hasText: 'Không có phản ánh nào khớp bộ lọc.' }).waitFor()
    expect(await filters.getByLabel('Trạng thái').inputValue()).toBe('resolved')

    await filters.getByRole('link', { name: 'Bỏ lọc' }).click()
    await page.waitForURL(`${server.url}/phan-anh`)
    await filters.getByLabel('Từ khoá').fill('o ga sau')
    await filters.getByRole('button', { name: 'Lọc' }).click()
    await page.waitForURL(`${server.url}/phan-anh?q=o+ga+sau`)
    const list = page.getByRole('region', { name: 'Danh sách phản ánh' })
    await list.getByRole('status').filter({ hasText: 'Đang hiện 1 trên 1 phản ánh.' }).waitFor()
    await list.getByRole('link', { name: /Ổ gà, sụt lún mặt đường/ }).waitFor()
    await page.close()
  })
})
