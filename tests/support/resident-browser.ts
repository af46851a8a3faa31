import { createServer } from 'node:net'
import type { BrowserContext, Page } from 'playwright-core'
import { launchChromium } from './browser.ts'
import { startWebTestServer, type TestServer } from './server.ts'

/** A port nobody listens on now (for the development e-ID provider of a test server). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * The platform as a developer runs it (NODE_ENV=development: demo officials, the development e-ID
 * provider with its demo residents on a port of its own), checked to serve the web app at `path`.
 */
export async function startDevelopmentWebServer(path: string): Promise<TestServer> {
  return startWebTestServer(path, { NODE_ENV: 'development', DEV_OIDC_PORT: String(await freePort()) })
}

/** A development server and a fresh Chromium profile for one browser-test file. */
export interface DevelopmentBrowser {
  server: TestServer
  browser: Awaited<ReturnType<typeof launchChromium>>
  context: BrowserContext
}

/** Starts both (call in beforeAll, with a long timeout: the server copies a database and builds nothing). */
export async function openDevelopmentBrowser(path: string, label: string): Promise<DevelopmentBrowser> {
  const server = await startDevelopmentWebServer(path)
  const browser = await launchChromium(label)
  browser.context.setDefaultTimeout(30_000)
  return { server, browser, context: browser.context }
}

/** Stops what openDevelopmentBrowser started (either may be missing when beforeAll failed). */
export async function closeDevelopmentBrowser(opened: Partial<DevelopmentBrowser>): Promise<void> {
  await opened.browser?.close()
  await opened.server?.close()
}

/** A new page in the given language (the app remembers it in localStorage), opened at `path`. */
export async function openPage(
  context: BrowserContext,
  server: TestServer,
  path: string,
  language: 'vi' | 'en' = 'vi',
): Promise<Page> {
  const page = await context.newPage()
  await page.addInitScript((lang) => window.localStorage.setItem('dc.lang', lang), language)
  await page.goto(server.url + path)
  return page
}

/**
 * A demo resident signs in from a page's sign-in prompt: "Đăng nhập bằng VNeID", the development
 * provider's chooser, and back to `backTo`.
 */
export async function signInResidentFrom(
  page: Page,
  server: TestServer,
  resident: string,
  backTo: string,
): Promise<void> {
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).first().click()
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click()
  await page.getByRole('button', { name: new RegExp(resident) }).click()
  await page.waitForURL(server.url + backTo)
}

/**
 * Sends a report through the real API as the resident signed in on `page` (with the session's CSRF
 * token and an Idempotency-Key), uploading `photo` first when given. Returns its id and code.
 */
export async function sendReportAsResident(
  page: Page,
  body: Record<string, unknown>,
  photo?: Buffer,
): Promise<{ id: string; code: string }> {
  const answer = await page.evaluate(
    async ({ body, photo }) => {
      const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string }
      let photoIds: string[] = []
      if (photo) {
        const bytes = Uint8Array.from(atob(photo), (char) => char.charCodeAt(0))
        const uploaded = await fetch('/api/v1/feedback/photos', {
          method: 'POST',
          headers: { 'content-type': 'image/jpeg', 'x-csrf-token': csrfToken },
          body: bytes,
        })
        if (uploaded.status !== 201) return { status: uploaded.status, text: await uploaded.text() }
        photoIds = [((await uploaded.json()) as { id: string }).id]
      }
      const response = await fetch('/api/v1/feedback/reports', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': csrfToken,
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify(photoIds.length > 0 ? { ...body, photoIds } : body),
      })
      return { status: response.status, text: await response.text() }
    },
    { body, photo: photo?.toString('base64') },
  )
  if (answer.status !== 201) throw new Error(`sending a report answered ${answer.status}: ${answer.text}`)
  const { id, code } = JSON.parse(answer.text) as { id: string; code: string }
  return { id, code }
}
