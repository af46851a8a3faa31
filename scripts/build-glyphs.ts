// `npx tsx scripts/build-glyphs.ts`: regenerates data/glyphs/ — the SDF glyph PBFs the map's labels
// use (served at /fonts/{fontstack}/{range}.pbf). The output is committed: fresh clones and CI never
// run this. Needs Debian's fonts-noto-core (OFL 1.1), fontconfig (fc-query) and chromium.
//
// Why Chromium: the SDFs are drawn by @mapbox/tiny-sdf on a canvas — the very code MapLibre uses for
// glyphs it renders locally — so the metrics match what MapLibre expects; the protobuf is written
// with pbf in the layout of the glyphs protocol (fontstack name, range, glyphs with id, bitmap,
// width, height, left, top, advance).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PbfWriter } from 'pbf'
import { chromium } from 'playwright-core'

const FONTS = [
  { name: 'Noto Sans Regular', file: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf' },
  { name: 'Noto Sans Bold', file: '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf' },
]
const COPYRIGHT_FILE = '/usr/share/doc/fonts-noto-core/copyright'
const OUT_DIR = fileURLToPath(new URL('../data/glyphs/', import.meta.url))
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url))

// MapLibre's glyph metrics: 24 px glyphs, a 3 px border, SDF radius 8, cutoff 0.25.
const SDF = { fontSize: 24, buffer: 3, radius: 8, cutoff: 0.25 }

/**
 * Which 256-code-point ranges to build: Latin and Vietnamese (0-511, 768-1023, 7680-7935), Latin
 * Extended-B, Greek and Cyrillic for foreign names, punctuation, currency (₫ U+20AB), letterlike
 * symbols and arrows. A range the font has no glyph in is served empty without a file.
 */
const RANGES = [0, 256, 512, 768, 1024, 1280, 7424, 7680, 7936, 8192, 8448, 8704]

interface RenderedGlyph {
  id: number
  bitmap: number[]
  width: number
  height: number
  left: number
  top: number
  advance: number
}

/** Code points in the font's own cmap (fc-query), so no glyph comes from a fallback font. */
function charset(file: string): Set<number> {
  const text = execFileSync('fc-query', ['--format=%{charset}', file], { encoding: 'utf8' })
  const points = new Set<number>()
  for (const part of text.trim().split(/\s+/)) {
    const [from, to = from] = part.split('-').map((hex) => Number.parseInt(hex, 16))
    if (from === undefined || to === undefined) continue
    for (let cp = from; cp <= to; cp++) points.add(cp)
  }
  return points
}

/** The OFL text from Debian's copyright file (its stand-alone `License: OFL-1.1` paragraph). */
function oflText(): string {
  const paragraphs = readFileSync(COPYRIGHT_FILE, 'utf8').split(/\n\s*\n/)
  const licence = paragraphs.find((p) => p.startsWith('License: OFL-1.1\n'))
  if (!licence) throw new Error(`no OFL-1.1 licence text in ${COPYRIGHT_FILE}`)
  const body = licence
    .split('\n')
    .slice(1)
    .map((line) => (line.trim() === '.' ? '' : line.replace(/^ /, '')))
    .join('\n')
  return [
    'The glyph files in this folder (data/glyphs/*/*.pbf) are signed-distance-field renderings of',
    "Noto Sans Regular and Noto Sans Bold, made by scripts/build-glyphs.ts from Debian's fonts-noto-core",
    'package (upstream https://github.com/googlefonts/noto-fonts).',
    '',
    'Copyright 2010, 2012-2020 Google Inc.; 2015-2020 Google LLC.',
    'This Font Software is licensed under the SIL Open Font License, Version 1.1.',
    '',
    body.trim(),
    '',
  ].join('\n')
}

function encode(fontstack: string, start: number, glyphs: RenderedGlyph[]): Uint8Array {
  const pbf = new PbfWriter()
  pbf.writeMessage(
    1,
    (_: unknown, stack: PbfWriter) => {
      stack.writeStringField(1, fontstack)
      stack.writeStringField(2, `${start}-${start + 255}`)
      for (const glyph of glyphs) {
        stack.writeMessage(
          3,
          (_g: unknown, g: PbfWriter) => {
            g.writeVarintField(1, glyph.id)
            if (glyph.bitmap.length > 0) g.writeBytesField(2, Uint8Array.from(glyph.bitmap))
            g.writeVarintField(3, glyph.width)
            g.writeVarintField(4, glyph.height)
            g.writeSVarintField(5, glyph.left)
            g.writeSVarintField(6, glyph.top)
            g.writeVarintField(7, glyph.advance)
          },
          undefined,
        )
      }
    },
    undefined,
  )
  return pbf.finish()
}

async function main() {
  const tinySdf = readFileSync(join(REPO_ROOT, 'node_modules/@mapbox/tiny-sdf/index.js'), 'utf8').replace(
    'export default class TinySDF',
    'class TinySDF',
  )
  const profile = mkdtempSync(join(tmpdir(), 'dc-glyphs-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  try {
    const page = await context.newPage()
    await page.setContent('<!doctype html><meta charset="utf-8"><title>glyphs</title>')
    await page.addScriptTag({ content: `${tinySdf}\nwindow.TinySDF = TinySDF` })
    rmSync(OUT_DIR, { recursive: true, force: true })
    mkdirSync(OUT_DIR, { recursive: true })
    for (const font of FONTS) {
      const available = charset(font.file)
      const family = `dc-${font.name.replaceAll(' ', '-')}`
      const fontBase64 = readFileSync(font.file).toString('base64')
      // Load the TTF as its own family: the page can draw nothing but this font.
      const ascender = await page.evaluate(
        async ({ family, fontBase64, fontSize }) => {
          const bytes = Uint8Array.from(atob(fontBase64), (c) => c.charCodeAt(0))
          const face = new FontFace(family, bytes)
          await face.load()
          document.fonts.add(face)
          const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D
          ctx.font = `${fontSize}px "${family}"`
          return Math.round(ctx.measureText('H').fontBoundingBoxAscent)
        },
        { family, fontBase64, fontSize: SDF.fontSize },
      )
      mkdirSync(join(OUT_DIR, font.name), { recursive: true })
      let total = 0
      for (const start of RANGES) {
        const ids = [...Array(256).keys()].map((i) => start + i).filter((cp) => available.has(cp))
        if (ids.length === 0) continue
        const glyphs = await page.evaluate(
          ({ ids, family, sdf, ascender }) => {
            interface SdfGlyph {
              data: Uint8ClampedArray
              glyphWidth: number
              glyphHeight: number
              glyphTop: number
              glyphLeft: number
              glyphAdvance: number
            }
            const TinySDF = (
              window as unknown as { TinySDF: new (o: object) => { draw(c: string): SdfGlyph } }
            ).TinySDF
            const renderer = new TinySDF({ ...sdf, fontFamily: `"${family}"` })
            return ids.map((id) => {
              const g = renderer.draw(String.fromCodePoint(id))
              const empty = g.glyphWidth === 0 || g.glyphHeight === 0
              return {
                id,
                bitmap: empty ? [] : Array.from(g.data),
                width: empty ? 0 : g.glyphWidth,
                height: empty ? 0 : g.glyphHeight,
                left: g.glyphLeft,
                // The protocol's top is the glyph's top relative to the font's ascender (as fontnik).
                top: g.glyphTop - ascender,
                advance: Math.round(g.glyphAdvance),
              }
            })
          },
          { ids, family, sdf: SDF, ascender },
        )
        const bytes = encode(font.name, start, glyphs as RenderedGlyph[])
        writeFileSync(join(OUT_DIR, font.name, `${start}-${start + 255}.pbf`), bytes)
        total += bytes.byteLength
      }
      const files = readdirSync(join(OUT_DIR, font.name)).length
      console.log(`${font.name}: ${files} ranges, ${(total / 1024).toFixed(0)} KiB (ascender ${ascender}px)`)
    }
    writeFileSync(join(OUT_DIR, 'OFL.txt'), oflText())
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

await main()
