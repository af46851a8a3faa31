import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

/** A phone: pages must work at 360 px wide. */
export const PHONE = { width: 360, height: 740 }

/**
 * Debian's Chromium, headless, on a fresh profile (Playwright's launch() refuses --user-data-dir,
 * so a persistent context on a new directory gives the clean profile). The network flags stop
 * Chromium calling home on a machine with no internet. WebGL renders through SwiftShader.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export async function launchChromium(
  label: string,
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profileDir = await mkdtemp(join(tmpdir(), `dc-${label}-browser-`))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: PHONE,
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(profileDir, { recursive: true, force: true })
    },
  }
}
