import { createServer } from 'node:net'
import type { BrowserContext, Page } from 'playwright-core'
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
