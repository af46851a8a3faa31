import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, noSidewaysScroll, seriousViolations } from '../support/browser.ts'
import { DEMO_ADMIN, signInOfficial } from '../support/official-session.ts'
import { startWebTestServer, type TestServer } from '../support/server.ts'

/** Strong enough for the policy (long, several words, not the owner's name). */
const NEW_PASSWORD = 'Cầu-Sài-Gòn-bắc-qua-sông-2026'
/** Long enough, but on every list of leaked passwords. */
const WEAK_PASSWORD = 'password1234'

// Its own server (private database copy): this file changes the demo administrator's password.
let server: TestServer
let browser: Awaited<ReturnType<typeof launchChromium>>
let context: BrowserContext

beforeAll(async () => {
  // development: the demo officials exist.
  server = await startWebTestServer('/console/tai-khoan', { NODE_ENV: 'development' })
  browser = await launchChromium('console-account')
  context = browser.context
  context.setDefaultTimeout(30_000)
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
}, 60_000)

/** The text of the elements an input's aria-describedby points at (what a screen reader reads with it). */
async function descriptionOf(page: Page, inputId: string): Promise<string> {
  return page.evaluate((id) => {
    const ids = document.getElementById(id)?.getAttribute('aria-describedby')?.split(/\s+/) ?? []
    return ids.map((ref) => document.getElementById(ref)?.textContent ?? '').join(' ')
  }, inputId)
}

/** A second session of the same official, held outside the browser: just its cookie. */
async function otherSession(): Promise<string> {
  let cookie = ''
  const cookieJar = {
    async addCookies(cookies: { name: string; value: string }[]) {
      cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    },
  }
  await signInOfficial(cookieJar as unknown as BrowserContext, server.url)
  return cookie
}

async function sessionWithCookie(cookie: string): Promise<{ signedIn: boolean }> {
  const answer = await fetch(`${server.url}/api/v1/auth/session`, { headers: { cookie } })
  return (await answer.json()) as { signedIn: boolean }
}

/**
 * A TOTP code is accepted for the current 30-second step ±1 and only once: signInOfficial uses a
 * later step for each sign-in, so a third one needs the clock to have moved past the first's step.
 */
async function untilStepAfter(step: number): Promise<void> {
  while (Math.floor(Date.now() / 30_000) <= step) await new Promise((resume) => setTimeout(resume, 500))
}

describe("an official's own account page", () => {
  it('shows the account, refuses a weak password, changes it and ends the other sessions', async () => {
    const firstStep = Math.floor(Date.now() / 30_000)
    const elsewhere = await otherSession()
    await signInOfficial(context, server.url)
    const page = await context.newPage()
    await page.addInitScript(() => window.localStorage.setItem('dc.lang', 'vi'))

    await page.goto(`${server.url}/console/tai-khoan`)
    await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor()
    await expect.poll(() => page.title()).toBe('Tài khoản của tôi · Cổng cán bộ')
    const nav = page.getByRole('navigation', { name: 'Các trang của cổng cán bộ' })
    expect(await nav.getByRole('link', { name: 'Tài khoản của tôi' }).getAttribute('aria-current')).toBe(
      'page',
    )
    const details = page.getByRole('region', { name: 'Thông tin tài khoản' })
    await details.getByText(DEMO_ADMIN.username, { exact: true }).waitFor()
    // Roles in words, not codes; TOTP is on since the sign-in enrolled it.
    await details.getByText('Quản trị hệ thống', { exact: true }).first().waitFor()
    expect(await details.textContent()).not.toContain('system_admin')
    await details.getByText('Đang bật (ứng dụng xác thực)').waitFor()
    // Both sessions are listed, this one marked.
    const sessions = page.getByRole('region', { name: 'Thiết bị đang đăng nhập' })
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(2)
    await sessions.getByText('Thiết bị này').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    const card = page.getByRole('region', { name: 'Đổi mật khẩu' })
    const current = card.getByLabel('Mật khẩu hiện tại')
    const fresh = card.getByLabel('Mật khẩu mới', { exact: true })
    const again = card.getByLabel('Nhập lại mật khẩu mới')
    const submit = card.getByRole('button', { name: 'Đổi mật khẩu' })

    // The repeat must match before anything is sent; the message is read with the field.
    await current.fill(DEMO_ADMIN.password)
    await fresh.fill(NEW_PASSWORD)
    await again.fill(`${NEW_PASSWORD}!`)
    await submit.click()
    await card
      .getByRole('alert')
      .getByRole('link', { name: /chưa khớp/ })
      .waitFor()
    expect(await again.getAttribute('aria-invalid')).toBe('true')
    expect(await descriptionOf(page, 'account-confirm-password')).toContain(
      'Mật khẩu nhập lại chưa khớp với mật khẩu mới',
    )

    // The server refuses a weak one: the alert links to the field, and the field carries the reason.
    await fresh.fill(WEAK_PASSWORD)
    await again.fill(WEAK_PASSWORD)
    await submit.click()
    const refused = card.getByRole('alert')
    await refused.getByRole('heading', { name: 'Chưa đổi được mật khẩu' }).waitFor()
    const reason = (await page.locator('#account-new-password-error').textContent()) ?? ''
    expect(reason).toMatch(/phổ biến|dễ đoán|ngắn/)
    expect(await refused.getByRole('link', { name: reason }).getAttribute('href')).toBe(
      '#account-new-password',
    )
    expect(await fresh.getAttribute('aria-invalid')).toBe('true')
    expect(await descriptionOf(page, 'account-new-password')).toContain(reason)
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    // A strong one goes through: news in a status message, the form emptied, other devices out.
    await fresh.fill(NEW_PASSWORD)
    await again.fill(NEW_PASSWORD)
    await submit.click()
    const status = card.getByRole('status')
    await expect.poll(() => status.textContent()).toContain('Đã đổi mật khẩu')
    expect(await status.textContent()).toContain('thiết bị khác đã được kết thúc')
    expect(await card.getByRole('alert').count()).toBe(0)
    expect(await current.inputValue()).toBe('')
    expect(await fresh.inputValue()).toBe('')
    expect(await again.inputValue()).toBe('')
    expect(await sessionWithCookie(elsewhere)).toMatchObject({ signedIn: false })
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(1)

    // Sign out; the old password no longer works, the new one does.
    await page.getByRole('banner').getByRole('button', { name: 'Đăng xuất' }).click()
    await page.waitForURL(/\/console\/dang-nhap/)
    const old = await fetch(`${server.url}/api/v1/auth/official/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: DEMO_ADMIN.username, password: DEMO_ADMIN.password }),
    })
    expect(old.status).toBe(401)
    await untilStepAfter(firstStep)
    await signInOfficial(context, server.url, { username: DEMO_ADMIN.username, password: NEW_PASSWORD })
    await page.goto(`${server.url}/console/tai-khoan`)
    await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor()
    await page.getByRole('banner').getByText(DEMO_ADMIN.fullName).waitFor()
  })
})
