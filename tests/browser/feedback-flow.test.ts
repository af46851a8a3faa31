import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cameraJpeg } from '../../server/modules/feedback/photos/fixtures/test-images.ts'
import { seriousViolations } from '../support/browser.ts'
import { signInOfficial } from '../support/official-session.ts'
import {
  closeDevelopmentBrowser,
  type DevelopmentBrowser,
  openDevelopmentBrowser,
  openPage,
  signInResidentFrom,
} from '../support/resident-browser.ts'
import type { TestServer } from '../support/server.ts'

/**
 * The whole channel, as people use it: a resident reports, the routed agency's officer answers and
 * resolves, the resident says it is not fixed, and the report is back in the officer's queue.
 */

const reporter = 'Nguyễn Thị Thu Hà'
/** Officer of Phường Sài Gòn's People's Committee (a demo official in development). */
const officer = { username: 'canbo.phuongsaigon', password: 'Thanh-pho-so-2026!' }
/** A point inside Phường Sài Gòn (26740): with no routing rule for trees, its committee gets the report. */
const saiGon = { lon: 106.7009, lat: 10.7769 }

let server: TestServer
let browser: DevelopmentBrowser['browser']
let context: BrowserContext

beforeAll(async () => {
  ;({ server, browser, context } = await openDevelopmentBrowser('/phan-anh/gui', 'feedback-flow'))
}, 180_000)

afterAll(() => closeDevelopmentBrowser({ browser, server }), 60_000)

const open = (path: string) => openPage(context, server, path)

const residentSignsIn = (page: Page, backTo: string) => signInResidentFrom(page, server, reporter, backTo)

async function asOfficer(): Promise<void> {
  await context.clearCookies()
  await signInOfficial(context, server.url, officer)
}

describe('a report from the street to the agency and back', () => {
  it('is sent, answered, resolved, reopened by the resident, and back in the queue', async () => {
    // 1. The resident: sign in, drop a pin, attach a photo, send.
    const page = await open('/phan-anh/gui')
    await residentSignsIn(page, '/phan-anh/gui')
    await page.getByLabel('Lĩnh vực').selectOption({ label: 'Cây xanh' })
    await page.getByLabel('Loại phản ánh').selectOption({ label: 'Cây cần cắt tỉa' })
    await page.waitForFunction(() => Boolean(window.dcMap?.loaded()))
    await page.evaluate(({ lon, lat }) => window.dcMap?.jumpTo({ center: [lon, lat], zoom: 17 }), saiGon)
    await page.getByRole('button', { name: 'Ghim vào tâm bản đồ' }).click()
    await page.getByText('Đã ghim vị trí tại Phường Sài Gòn.').waitFor()
    await page
      .getByLabel('Mô tả sự việc')
      .fill('Cây me trước số 12 Lê Lợi có nhánh lớn sắp gãy, che cả đèn đường.')
    await page.getByLabel(/^Ảnh \(tối đa/).setInputFiles({
      name: 'cay-me.jpg',
      mimeType: 'image/jpeg',
      buffer: await cameraJpeg(640, 480, { gps: saiGon }),
    })
    await page.getByRole('listitem').filter({ hasText: 'cay-me.jpg' }).getByText('Đã tải lên').waitFor()
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click()
    await page.waitForURL(/\/phan-anh\/[0-9a-f-]{36}$/)
    const reportPath = new URL(page.url()).pathname
    const heading = await page.getByRole('heading', { level: 1, name: /^Phản ánh PA-/ }).textContent()
    const code = heading?.match(/PA-\d{4}-\d+/)?.[0] as string
    expect(code).toBeTruthy()
    await page.getByRole('img', { name: /Ảnh 1 của người gửi/ }).waitFor()
    await page.close()

    // 2. The officer of the routed agency: it is in the queue; start, answer, resolve.
    await asOfficer()
    const queue = await open('/console/phan-anh')
    await queue.getByRole('link', { name: code }).click()
    await queue.waitForURL(/\/console\/phan-anh\/[0-9a-f-]{36}$/)
    await queue.getByText('Trạng thái: Chờ tiếp nhận').waitFor()
    const work = queue.getByRole('region', { name: 'Xử lý phản ánh' })
    await work.getByRole('button', { name: 'Tiếp nhận xử lý' }).click()
    await queue.getByText('Trạng thái: Đang xử lý').waitFor()
    await work.getByRole('button', { name: 'Trả lời người dân' }).click()
    await queue.getByLabel('Nội dung trả lời').fill('Đã cử tổ công tác cây xanh đến kiểm tra trong ngày.')
    await queue.getByRole('button', { name: 'Gửi trả lời' }).click()
    await queue.getByRole('status').filter({ hasText: 'Đã gửi trả lời cho người dân.' }).waitFor()
    await work.getByRole('button', { name: 'Báo đã xử lý xong' }).click()
    await queue.getByLabel('Kết quả xử lý').fill('Đã cắt tỉa nhánh cây, dọn sạch vỉa hè.')
    await queue.getByRole('button', { name: 'Gửi kết quả xử lý' }).click()
    await queue.getByText('Trạng thái: Đã xử lý xong').waitFor()
    expect(await seriousViolations(queue)).toEqual([])
    await queue.close()

    // 3. The resident sees the answer and says it is not fixed.
    await context.clearCookies()
    const mine = await open(reportPath)
    await residentSignsIn(mine, reportPath)
    await mine.getByTestId('report-status').getByText('Đã xử lý xong').waitFor()
    await mine.getByText('Đã cắt tỉa nhánh cây, dọn sạch vỉa hè.').waitFor()
    await mine.getByText('Đã cử tổ công tác cây xanh đến kiểm tra trong ngày.').waitFor()
    await mine.getByRole('button', { name: 'Chưa được khắc phục' }).click()
    await mine.getByLabel('Lý do chưa được khắc phục').fill('Nhánh cây vẫn còn, chỉ dọn lá dưới đất.')
    await mine.getByRole('button', { name: 'Gửi báo chưa khắc phục' }).click()
    await mine.getByText('Đã gửi: phản ánh được mở lại để xử lý tiếp.').waitFor()
    await mine.getByTestId('report-status').getByText('Đang xử lý').waitFor()
    await mine.close()

    // 4. Back in the officer's queue, in progress again.
    await asOfficer()
    const again = await open('/console/phan-anh')
    await again.getByRole('link', { name: code }).click()
    await again.getByText('Trạng thái: Đang xử lý').waitFor()
    await again
      .getByRole('region', { name: 'Xử lý phản ánh' })
      .getByRole('button', { name: 'Báo đã xử lý xong' })
      .waitFor()
    await again.close()
  })
})
