import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyGlyphs, fontNames, GLYPHS_DIR, parseGlyphRange } from './glyphs.ts'
import { decodeGlyphs } from './test-helpers.ts'

describe('glyph ranges', () => {
  it('accepts 256-code-point ranges on a 256 boundary, up to 65535', () => {
    expect(parseGlyphRange('0-255')).toEqual({ start: 0, end: 255 })
    expect(parseGlyphRange('7680-7935')).toEqual({ start: 7680, end: 7935 })
    expect(parseGlyphRange('65280-65535')).toEqual({ start: 65280, end: 65535 })
    for (const bad of ['1-256', '0-254', '65536-65791', '0-255-1', 'a-b', '-0-255', '0255']) {
      expect(parseGlyphRange(bad), bad).toBeUndefined()
    }
  })

  it('answers an empty range with a valid, empty glyph set', () => {
    const [stack, ...rest] = decodeGlyphs(emptyGlyphs('Noto Sans Regular', { start: 19968, end: 20223 }))
    expect(rest).toHaveLength(0)
    expect(stack).toEqual({ name: 'Noto Sans Regular', range: '19968-20223', glyphs: [] })
  })
})

describe('the committed glyphs (scripts/build-glyphs.ts)', () => {
  it('ships Noto Sans Regular and Bold with their licence', () => {
    expect(fontNames()).toEqual(['Noto Sans Bold', 'Noto Sans Regular'])
    expect(readFileSync(join(GLYPHS_DIR, 'OFL.txt'), 'utf8')).toContain('SIL Open Font License, Version 1.1')
  })

  it('covers the Vietnamese ranges with SDF bitmaps sized to the glyphs plus their 3 px border', () => {
    for (const font of fontNames()) {
      for (const [range, chars] of [
        ['0-255', 'Aaéô'],
        ['256-511', 'ĐđĂăĩũƠơƯư'],
        ['768-1023', '\u0300\u0301\u0303\u0309\u0323'],
        ['7680-7935', 'ờẠạảẤấỳỹ'],
      ] as const) {
        const [stack] = decodeGlyphs(readFileSync(join(GLYPHS_DIR, font, `${range}.pbf`)))
        expect(stack?.name).toBe(font)
        expect(stack?.range).toBe(range)
        const byId = new Map(stack?.glyphs.map((g) => [g.id, g]))
        for (const char of chars) {
          const glyph = byId.get(char.codePointAt(0) as number)
          expect(glyph, `${font} ${char}`).toBeDefined()
          if (!glyph?.bitmap) throw new Error(`${font} ${char} has no bitmap`)
          expect(glyph.bitmap.byteLength).toBe((glyph.width + 6) * (glyph.height + 6))
        }
      }
    }
  })

  it('draws ờ (U+1EDD) as a lowercase letter with a mark above: advance, height and top make sense', () => {
    const [stack] = decodeGlyphs(readFileSync(join(GLYPHS_DIR, 'Noto Sans Regular', '7680-7935.pbf')))
    const glyph = stack?.glyphs.find((g) => g.id === 0x1edd)
    const o = decodeGlyphs(readFileSync(join(GLYPHS_DIR, 'Noto Sans Regular', '0-255.pbf')))[0]?.glyphs.find(
      (g) => g.id === 'o'.codePointAt(0),
    )
    if (!glyph || !o) throw new Error('missing glyphs')
    // ờ is o with a horn and a grave accent: wider than o, and reaching higher (its top is less negative).
    expect(glyph.advance).toBeGreaterThanOrEqual(o.advance)
    expect(glyph.height).toBeGreaterThan(o.height)
    expect(glyph.top).toBeGreaterThan(o.top)
    expect(o.advance).toBeGreaterThan(8)
    expect(o.advance).toBeLessThan(20)
  })
})
