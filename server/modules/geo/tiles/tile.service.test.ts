import { describe, expect, it } from 'vitest'
import { matchesTag } from './tile.service.ts'

describe('If-None-Match', () => {
  const etag = '"wards.AbC12345.7.14.13047.7698"'

  it('matches the tag itself, weak or in a list, and *', () => {
    expect(matchesTag(etag, etag)).toBe(true)
    expect(matchesTag(`W/${etag}`, etag)).toBe(true)
    expect(matchesTag(`"other", ${etag}`, etag)).toBe(true)
    expect(matchesTag('*', etag)).toBe(true)
  })

  it('does not match another version of the same tile, or nothing', () => {
    expect(matchesTag('"wards.AbC12345.6.14.13047.7698"', etag)).toBe(false)
    expect(matchesTag('', etag)).toBe(false)
  })
})
