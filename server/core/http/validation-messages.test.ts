import { describe, expect, it } from 'vitest'
import { describeSchemaError } from './validation-messages.ts'

describe('schema errors in words a resident understands', () => {
  it('points at a missing field', () => {
    expect(
      describeSchemaError(
        { keyword: 'required', instancePath: '/address', params: { missingProperty: 'ward' } },
        'body',
      ),
    ).toEqual({
      pointer: '/address/ward',
      message: { vi: 'Mục này là bắt buộc.', en: 'This field is required.' },
    })
  })
  it('names the expected type in both languages', () => {
    expect(
      describeSchemaError({ keyword: 'type', instancePath: '/age', params: { type: 'integer' } }, 'body'),
    ).toEqual({
      pointer: '/age',
      message: { vi: 'Phải là số nguyên.', en: 'Must be a whole number.' },
    })
  })
  it('prefixes query and path parameters with where they came from', () => {
    expect(
      describeSchemaError(
        { keyword: 'maximum', instancePath: '/limit', params: { limit: 100 } },
        'querystring',
      ),
    ).toEqual({
      pointer: 'querystring:/limit',
      message: { vi: 'Phải nhỏ hơn hoặc bằng 100.', en: 'Must be at most 100.' },
    })
  })
  it('falls back to a generic message for unknown keywords', () => {
    expect(
      describeSchemaError({ keyword: 'uniqueItems', instancePath: '/tags', params: {} }, 'body').message,
    ).toEqual({
      vi: 'Giá trị không hợp lệ.',
      en: 'Invalid value.',
    })
  })
})
