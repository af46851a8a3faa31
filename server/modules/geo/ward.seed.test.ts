import { describe, expect, it } from 'vitest'
import { wardKind } from './ward.seed.ts'

describe('ward kind from the official name', () => {
  it('knows phường, xã and đặc khu', () => {
    expect(wardKind('Phường Sài Gòn')).toBe('phuong')
    expect(wardKind('Xã Hồ Tràm')).toBe('xa')
    expect(wardKind('Đặc khu Côn Đảo')).toBe('dac_khu')
  })
  it('refuses anything else rather than guessing', () => {
    expect(() => wardKind('Quận 1')).toThrow(/unknown ward type/)
  })
})
