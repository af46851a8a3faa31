import { describe, expect, it } from 'vitest'
import { formatInstantHcm } from './time.ts'

describe('city time', () => {
  it('formats an instant in Asia/Ho_Chi_Minh with +07:00', () => {
    expect(formatInstantHcm(new Date('2026-12-31T17:30:05.042Z'))).toBe('2027-01-01T00:30:05.042+07:00')
    expect(formatInstantHcm(new Date('2026-07-01T00:00:00.000Z'))).toBe('2026-07-01T07:00:00.000+07:00')
  })
})
