import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpCode } from '../../server/modules/identity/officials/totp.ts'
import { noSidewaysScroll, seriousViolations } from '../support/browser.ts'
import {
  closeDevelopmentBrowser,
  type DevelopmentBrowser,
  openDevelopmentBrowser,
} from '../support/resident-browser.ts'
import type { TestServer } from '../support/server.ts'

/** A demo resident of the development e-ID provider (server/modules/identity/residents/demo-residents.ts). */
const demoResident = { name: 'Nguyễn Thị Thu Hà', nationalId: '079188012345' }
/** A demo official, created when NODE_ENV=development (server/modules/identity/officials/demo-officials.ts). */
const demoOfficial = { username: 'quantri', fullName: 'Quản trị hệ thống', password: 'Thanh-pho-so-2026!' }

let server: TestServer
let browser: DevelopmentBrowser['browser']
let context: BrowserContext

beforeAll(async () => {
  // development: the demo officials exist; OIDC_ISSUER unset: the platform starts the dev e-ID provider.
  ;({ server, browser, context } = await openDevelopmentBrowser('/dang-nhap', 'identity'))
}, 180_000)

afterAll(() => closeDevelopmentBrowser({ browser, server }), 60_000)

async function sessionOf(page: Page): Promise<{ signedIn: boolean; kind?: string }> {
  return page.evaluate(async () => (await fetch('/api/v1/auth/session')).json())
}

describe('resident sign-in with the national e-ID', () => {
  it('signs a demo resident in, shows the account, and signs out', async () => {
    const page = await context.newPage()
    await page.addInitScript(() => window.localStorage.setItem('dc.lang', 'vi'))
    await page.goto(`${server.url}/dang-nhap`)
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor()
    const header = page.getByRole('banner')
    await header.getByRole('link', { name: 'Đăng nhập' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click()
    // The development provider lists its demo residents; choosing one signs in as them.
    await page.getByRole('button', { name: new RegExp(demoResident.name) }).click()
    await page.waitForURL(`${server.url}/tai-khoan`)
    await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor()
    await header.getByRole('link', { name: new RegExp(demoResident.name) }).waitFor()

    const profile = page.getByRole('region', { name: 'Thông tin cá nhân' })
    await profile.getByText(demoResident.name).waitFor()
    // The national ID is masked until the resident asks to see it.
    await profile.getByText(/•+2345/).waitFor()
    expect(await profile.getByText(demoResident.nationalId).count()).toBe(0)
    await profile.getByRole('button', { name: 'Hiện đầy đủ' }).click()
    await profile.getByText(demoResident.nationalId).waitFor()

    const sessions = page.getByRole('region', { name: 'Thiết bị đang đăng nhập' })
    await sessions.getByText('Thiết bị này').waitFor()
    await page
      .getByRole('region', { name: 'Ai đã xem dữ liệu của tôi' })
      .getByText('Chưa có cán bộ nào xem dữ liệu của bạn.')
      .waitFor()
    expect(await page.getByRole('link', { name: 'Tải dữ liệu của tôi (JSON)' }).getAttribute('href')).toBe(
      '/api/v1/me/export',
    )
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)
    expect(await sessionOf(page)).toMatchObject({ signedIn: true, kind: 'resident' })

    // Signing out is a POST with the CSRF token; the page then goes home.
    await sessions.getByRole('button', { name: 'Đăng xuất', exact: true }).click()
    await page.waitForURL(`${server.url}/`)
    await header.getByRole('link', { name: 'Đăng nhập' }).waitFor()
    expect(await sessionOf(page)).toEqual({ signedIn: false })

    // The account page is for signed-in residents only.
    await page.goto(`${server.url}/tai-khoan`)
    await page.waitForURL(/\/dang-nhap\?returnTo=%2Ftai-khoan$/)
    await page.close()
  })

  it('explains a failed sign-in from ?loi= in an alert', async () => {
    const page = await context.newPage()
    await page.addInitScript(() => window.localStorage.setItem('dc.lang', 'vi'))
    await page.goto(`${server.url}/dang-nhap?loi=access_denied`)
    const alert = page.getByRole('alert')
    await alert.getByText('Bạn đã huỷ đăng nhập').first().waitFor()
    // The alert takes the focus, so screen readers read it first.
    expect(await alert.evaluate((element) => element === document.activeElement)).toBe(true)
    await page.close()
  })
})

describe('official sign-in with password and TOTP', () => {
  it('sends a visitor to the sign-in page, enrols TOTP on the first sign-in, and opens administration', async () => {
    const page = await context.newPage()
    await page.addInitScript(() => window.localStorage.setItem('dc.lang', 'vi'))
    await page.goto(`${server.url}/console`)
    await page.waitForURL(/\/console\/dang-nhap\?returnTo=%2Fconsole$/)
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập cổng cán bộ' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    // An empty form is answered on the page, with the errors linked to their fields.
    await page.getByRole('button', { name: 'Tiếp tục' }).click()
    await page.getByRole('alert').getByRole('link', { name: 'Nhập tên đăng nhập' }).waitFor()
    expect(await page.getByLabel('Tên đăng nhập').getAttribute('aria-invalid')).toBe('true')

    await page.getByLabel('Tên đăng nhập').fill(demoOfficial.username)
    await page.getByLabel('Mật khẩu').fill(demoOfficial.password)
    await page.getByRole('button', { name: 'Tiếp tục' }).click()

    // First sign-in: the QR code and the secret for typing in, then the code step.
    await page.getByRole('heading', { level: 1, name: 'Cài đặt xác thực hai bước' }).waitFor()
    const qr = page.getByRole('img', { name: /Mã QR/ })
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
    const secret = ((await page.locator('.secret code').textContent()) ?? '').replace(/\s/g, '')
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
    const codeInput = page.getByLabel('Mã xác thực 6 chữ số')
    expect(await codeInput.getAttribute('inputmode')).toBe('numeric')
    expect(await codeInput.getAttribute('autocomplete')).toBe('one-time-code')
    expect(await seriousViolations(page)).toEqual([])

    await codeInput.fill(totpCode(secret, Date.now()))
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
    await page.waitForURL(`${server.url}/console`)
    const header = page.getByRole('banner')
    await header.getByText(demoOfficial.fullName).waitFor()
    await header.getByRole('button', { name: 'Đăng xuất' }).waitFor()
    expect(await sessionOf(page)).toMatchObject({ signedIn: true, kind: 'official' })

    // A system administrator sees "Quản trị": officials and API keys.
    await page.getByRole('navigation').getByRole('link', { name: 'Quản trị' }).click()
    await page.waitForURL(`${server.url}/console/quan-tri`)
    const officials = page.getByRole('region', { name: 'Tài khoản cán bộ' })
    await officials.getByRole('row', { name: new RegExp(demoOfficial.username) }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    // A new API key is shown once, in a copyable field.
    const keys = page.getByRole('region', { name: 'Khoá API' })
    await keys.getByText('Tạo khoá API').click()
    await keys.getByLabel('Tên khoá').fill('Kiểm thử trình duyệt')
    await keys.getByRole('button', { name: 'Tạo khoá' }).click()
    const issued = keys.getByLabel('Khoá API', { exact: true })
    await issued.waitFor()
    expect(await issued.inputValue()).toMatch(/^dc_/)
    await keys.getByRole('row', { name: /Kiểm thử trình duyệt/ }).waitFor()

    await header.getByRole('button', { name: 'Đăng xuất' }).click()
    await page.waitForURL(/\/console\/dang-nhap/)
    expect(await sessionOf(page)).toEqual({ signedIn: false })
    await page.close()
  })
})
