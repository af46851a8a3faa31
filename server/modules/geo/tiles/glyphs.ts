import { createHash } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PbfWriter } from 'pbf'
import { AppError } from '../../../core/errors.ts'
import { DATA_DIR } from '../../../core/paths.ts'

/**
 * SDF glyphs for MapLibre's labels, served by the platform so maps work offline. Generated once by
 * scripts/build-glyphs.ts from Debian's Noto Sans and committed under data/glyphs/<font>/<range>.pbf
 * (only ranges where the font has glyphs); any other well-formed range is answered with an empty
 * glyph set, so a label with a character we lack still renders the rest.
 */
export const GLYPHS_DIR = join(DATA_DIR, 'glyphs')

export interface GlyphRange {
  start: number
  end: number
}

export interface GlyphAnswer {
  body: Uint8Array
  etag: string
}

/** `0-255`, `7680-7935` …: 256 code points starting at a multiple of 256, up to 65535. */
export function parseGlyphRange(range: string): GlyphRange | undefined {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(range)
  if (!match) return undefined
  const start = Number(match[1])
  const end = Number(match[2])
  return start % 256 === 0 && end === start + 255 && end <= 65535 ? { start, end } : undefined
}

/** The glyphs protobuf of a font stack with no glyph in the range (what MapLibre expects then). */
export function emptyGlyphs(fontstack: string, { start, end }: GlyphRange): Uint8Array {
  const pbf = new PbfWriter()
  pbf.writeMessage(
    1,
    (name: string, writer: PbfWriter) => {
      writer.writeStringField(1, name)
      writer.writeStringField(2, `${start}-${end}`)
    },
    fontstack,
  )
  return pbf.finish()
}

const notFound = () =>
  new AppError('glyphs_not_found', {
    detail: {
      vi: `Phông chữ có sẵn: ${fontNames().join(', ')}. Khoảng ký tự có dạng 0-255, 256-511 … đến 65280-65535.`,
      en: `Fonts available: ${fontNames().join(', ')}. Ranges look like 0-255, 256-511 … up to 65280-65535.`,
    },
  })

let fonts: string[] | undefined

/** The fonts shipped (folder names under data/glyphs). */
export function fontNames(): string[] {
  fonts ??= readdirSync(GLYPHS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  return fonts
}

const answers = new Map<string, Promise<GlyphAnswer>>()

/**
 * The glyphs of a range for a font stack (`Noto Sans Regular` or a comma list, as MapLibre asks):
 * the first font of the stack that we ship answers. AppError glyphs_not_found for a stack with no
 * font we ship or a malformed range.
 */
export function glyphs(fontstack: string, range: string): Promise<GlyphAnswer> {
  const parsed = parseGlyphRange(range)
  const font = fontstack
    .split(',')
    .map((name) => name.trim())
    .find((name) => fontNames().includes(name))
  if (!parsed || !font) return Promise.reject(notFound())
  const key = `${font}/${range}`
  let answer = answers.get(key)
  if (!answer) {
    answer = readFile(join(GLYPHS_DIR, font, `${range}.pbf`)).then(
      (bytes) => tagged(new Uint8Array(bytes)),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return tagged(emptyGlyphs(font, parsed))
        answers.delete(key)
        throw error
      },
    )
    // At most 256 ranges × the fonts shipped, each tens of kilobytes: kept for the process's life.
    answers.set(key, answer)
  }
  return answer
}

function tagged(body: Uint8Array): GlyphAnswer {
  return { body, etag: `"g${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` }
}
