import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'

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

/** axe-core's serious and critical findings on the page, one line each (an empty list passes). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(', ')})`,
    )
}

/** The page fits a phone's width: nothing scrolls sideways. */
export async function noSidewaysScroll(page: Page): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.NaN)
  expect(scrollWidth).toBeLessThanOrEqual(PHONE.width)
}
