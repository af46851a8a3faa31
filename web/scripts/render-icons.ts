/**
 * Draws the app icon and writes web/public/icons/: icon.svg plus PNGs rendered by headless
 * Chromium (no image library needed). The PNGs are committed; run this again only when the
 * design changes:
 *
 *   npx tsx web/scripts/render-icons.ts
 *
 * Design: a white map pin with the yellow star on the brand blue. The maskable variants bleed
 * the blue to the edges and keep the pin inside the central safe zone (a circle of 40% radius).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const iconsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../public/icons')
const brandBlue = '#0b4f8a'
const starYellow = '#ffcd00'

function starPoints(cx: number, cy: number, outer: number, inner: number): string {
  const points: string[] = []
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : inner
    const angle = -Math.PI / 2 + (i * Math.PI) / 5
    points.push(`${(cx + radius * Math.cos(angle)).toFixed(1)},${(cy + radius * Math.sin(angle)).toFixed(1)}`)
  }
  return points.join(' ')
}

/** The pin and star, drawn in a 512 box, scaled about the centre. */
function pinAndStar(scale: number): string {
  const pin = 'M256 404C256 404 144 286 144 218A112 112 0 1 1 368 218C368 286 256 404 256 404Z'
  return [
    `<g transform="translate(256 256) scale(${scale}) translate(-256 -256)">`,
    `<path d="${pin}" fill="#ffffff"/>`,
    `<polygon points="${starPoints(256, 222, 66, 27)}" fill="${starYellow}"/>`,
    '</g>',
  ].join('')
}

function iconSvg(variant: 'any' | 'maskable'): string {
  const background =
    variant === 'any'
      ? `<rect width="512" height="512" rx="112" fill="${brandBlue}"/>`
      : `<rect width="512" height="512" fill="${brandBlue}"/>`
  const scale = variant === 'any' ? 1.1 : 0.86
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">',
    '<title>Công dân số</title>',
    background,
    pinAndStar(scale),
    '</svg>',
    '',
  ].join('\n')
}

async function renderPng(svg: string, size: number, path: string): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'dc-icons-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: size, height: size },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  try {
    const page = await context.newPage()
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`)
    await page.locator('svg').screenshot({ path, omitBackground: true })
  } finally {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  }
}

await writeFile(join(iconsDir, 'icon.svg'), iconSvg('any'))
for (const size of [192, 512]) {
  await renderPng(iconSvg('any'), size, join(iconsDir, `icon-${size}.png`))
  await renderPng(iconSvg('maskable'), size, join(iconsDir, `icon-maskable-${size}.png`))
}
console.log(`Icons written to ${iconsDir}`)
