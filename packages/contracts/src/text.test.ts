import { describe, expect, it } from 'vitest'
import { foldVietnamese, toNfc } from './text.ts'

describe('Vietnamese folding for search', () => {
  it('drops tone and vowel marks and maps đ to d', () => {
    expect(foldVietnamese('Phường Bình Hưng Hoà')).toBe('phuong binh hung hoa')
    expect(foldVietnamese('Đặc khu Côn Đảo')).toBe('dac khu con dao')
    expect(foldVietnamese('  Thủ   Dầu Một ')).toBe('thu dau mot')
  })
  it('folds the old and new tone placements (Hoà/Hòa) to the same text', () => {
    expect(foldVietnamese('Hoà')).toBe(foldVietnamese('Hòa'))
  })
  it('folds NFD input the same as NFC', () => {
    expect(foldVietnamese('Bến Thành'.normalize('NFD'))).toBe('ben thanh')
  })
  it('normalises to NFC', () => {
    const nfd = 'Sài Gòn'.normalize('NFD')
    expect(toNfc(nfd)).toBe('Sài Gòn'.normalize('NFC'))
    expect(toNfc(nfd)).not.toBe(nfd)
  })
})
