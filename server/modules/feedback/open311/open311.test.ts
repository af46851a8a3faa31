import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { Open311Error, open311Parameter } from './open311.errors.ts'
import {
  attributesOf,
  cityDateTime,
  contactOf,
  open311Status,
  parseCityInstant,
  parseForm,
  parseStatusFilter,
  requestWindow,
  serviceNotice,
  splitRequestIds,
  toSubmitBody,
  wardCandidates,
  withoutEmpty,
} from './open311.mapping.ts'
import { errorsXml, servicesXml } from './open311.xml.ts'

describe('statuses', () => {
  it('is open while the agency owes an answer, closed once it has given one', () => {
    expect(['submitted', 'forwarded', 'in_progress'].map((s) => open311Status(s as never))).toEqual([
      'open',
      'open',
      'open',
    ])
    expect(
      ['resolved', 'rejected', 'closed', 'closed_not_fixed'].map((s) => open311Status(s as never)),
    ).toEqual(['closed', 'closed', 'closed', 'closed'])
  })

  it('reads status=open,closed into the platform’s statuses and refuses anything else', () => {
    expect(parseStatusFilter(undefined)).toBeUndefined()
    expect(parseStatusFilter(' ')).toBeUndefined()
    expect(parseStatusFilter('open')).toEqual(['submitted', 'forwarded', 'in_progress'])
    expect(parseStatusFilter('closed')).toEqual(['resolved', 'rejected', 'closed', 'closed_not_fixed'])
    expect(parseStatusFilter('open, closed')).toHaveLength(7)
    expect(() => parseStatusFilter('open,pending')).toThrow(Open311Error)
  })
})

describe('dates', () => {
  it('writes instants in city time with the +07:00 offset', () => {
    expect(cityDateTime(new Date('2026-11-24T17:30:05.123Z'))).toBe('2026-11-25T00:30:05+07:00')
  })

  it('reads ISO 8601 with or without an offset (city time) and bare dates as whole city days', () => {
    expect(parseCityInstant('2026-11-01T08:00:00+07:00', 'start')?.toISOString()).toBe(
      '2026-11-01T01:00:00.000Z',
    )
    expect(parseCityInstant('2026-11-01T08:00:00Z', 'start')?.toISOString()).toBe('2026-11-01T08:00:00.000Z')
    expect(parseCityInstant('2026-11-01T08:00:00-0500', 'start')?.toISOString()).toBe(
      '2026-11-01T13:00:00.000Z',
    )
    expect(parseCityInstant('2026-11-01T08:00', 'start')?.toISOString()).toBe('2026-11-01T01:00:00.000Z')
    expect(parseCityInstant('2026-11-01', 'start')?.toISOString()).toBe('2026-10-31T17:00:00.000Z')
    expect(parseCityInstant('2026-11-01', 'end')?.toISOString()).toBe('2026-11-01T16:59:59.999Z')
    for (const bad of ['2026-02-30', '2026-11-01T25:00:00Z', 'yesterday', '01/11/2026', '']) {
      expect(parseCityInstant(bad, 'start'), bad).toBeUndefined()
    }
  })

  it('defaults to the last 90 days, derives a missing bound, and refuses wider or reversed windows', () => {
    const now = new Date('2026-11-24T00:00:00Z')
    const days = (window: { from: Date; to: Date }) =>
      (window.to.getTime() - window.from.getTime()) / 86_400_000
    const byDefault = requestWindow(undefined, undefined, now)
    expect(byDefault.to).toEqual(now)
    expect(days(byDefault)).toBe(90)
    const fromStart = requestWindow('2026-01-01T00:00:00Z', undefined, now)
    expect(fromStart.to.toISOString()).toBe('2026-04-01T00:00:00.000Z')
    const toEnd = requestWindow(undefined, '2026-04-01T00:00:00Z', now)
    expect(toEnd.from.toISOString()).toBe('2026-01-01T00:00:00.000Z')
    expect(() => requestWindow('2026-01-01', '2026-06-01', now)).toThrow(Open311Error)
    expect(() => requestWindow('2026-02-01', '2026-01-01', now)).toThrow(Open311Error)
    expect(() => requestWindow('soon', undefined, now)).toThrow(Open311Error)
  })
})

describe('request ids', () => {
  it('tells report ids from report codes', () => {
    expect(splitRequestIds(['0E9B7B3C-1D2E-4F5A-8B9C-0D1E2F3A4B5C', 'pa-2026-000123'])).toEqual({
      uuids: ['0e9b7b3c-1d2e-4f5a-8b9c-0d1e2f3a4b5c'],
      codes: ['PA-2026-000123'],
    })
  })
})

describe('submissions', () => {
  it('reads forms: repeated names and name[] give lists, empty fields are dropped', () => {
    expect(
      parseForm(
        'service_code=a.b&attribute%5Bsize%5D=large&attribute[when][]=day&attribute[when][]=night&email=&x=1&x=2',
      ),
    ).toEqual({
      service_code: 'a.b',
      'attribute[size]': 'large',
      'attribute[when]': ['day', 'night'],
      x: ['1', '2'],
    })
    expect(parseForm('description=%C4%90%C6%B0%E1%BB%9Dng+ng%E1%BA%ADp')).toEqual({
      description: 'Đường ngập',
    })
  })

  it('drops null and empty JSON fields', () => {
    expect(withoutEmpty({ lat: null, long: '', service_code: 'x', n: 0 })).toEqual({
      service_code: 'x',
      n: 0,
    })
  })

  it('collects attributes from a JSON object and from attribute[code] fields', () => {
    expect(
      attributesOf({ attribute: { size: 'large', depth: 3, when: ['day'] }, 'attribute[pole]': 'A12' }),
    ).toEqual({
      size: 'large',
      depth: '3',
      when: ['day'],
      pole: 'A12',
    })
  })

  it('maps a request to the platform’s submit body: public, not anonymous, location or ward', () => {
    const base = { service_code: ' roads.pothole ', description: ' Ổ gà lớn giữa đường. ' }
    expect(
      toSubmitBody(
        { ...base, lat: 10.7, long: 106.7, address_string: '12 Lê Lợi', address_id: '26740' },
        undefined,
      ),
    ).toEqual({
      categoryId: 'roads.pothole',
      description: 'Ổ gà lớn giữa đường.',
      location: { lon: 106.7, lat: 10.7 },
      address: '12 Lê Lợi',
      anonymous: false,
      public: true,
    })
    expect(toSubmitBody({ ...base, 'attribute[size]': 'large' } as never, '26740')).toEqual({
      categoryId: 'roads.pothole',
      description: 'Ổ gà lớn giữa đường.',
      ward: '26740',
      answers: { size: 'large' },
      anonymous: false,
      public: true,
    })
    expect(() => toSubmitBody({ ...base, lat: 10.7 }, undefined)).toThrow(Open311Error)
    expect(() =>
      toSubmitBody({ ...base, lat: 10.7, long: 106.7, media_url: 'https://x.test/a.jpg' }, undefined),
    ).toThrow(/media_url/)
  })

  it('joins the contact’s name and drops blanks', () => {
    expect(
      contactOf({ service_code: 'x', first_name: ' An ', last_name: 'Trần', email: ' ', phone: '0901' }),
    ).toEqual({
      name: 'An Trần',
      email: null,
      phone: '0901',
    })
  })

  it('tries the pieces of an address_string from the most general one', () => {
    expect(wardCandidates('12 Lê Lợi, Phường Sài Gòn; TP. Hồ Chí Minh')).toEqual([
      'TP. Hồ Chí Minh',
      'Phường Sài Gòn',
      '12 Lê Lợi',
    ])
  })
})

describe('notices and errors', () => {
  it('says who answers and by when while open, only the code once closed', () => {
    const open = {
      code: 'PA-2026-000001',
      status: 'forwarded' as const,
      deadline_at: new Date('2026-12-08T10:00:00Z'),
    }
    expect(serviceNotice(open, 'UBND Phường Sài Gòn', 'vi')).toBe(
      'Mã phản ánh PA-2026-000001. Đã chuyển đến UBND Phường Sài Gòn; hạn trả lời 08/12/2026.',
    )
    expect(serviceNotice(open, 'Sai Gon Ward', 'en')).toBe(
      'Report code PA-2026-000001. Forwarded to Sai Gon Ward; answer due by 2026-12-08.',
    )
    expect(serviceNotice({ ...open, status: 'resolved' }, 'x', 'vi')).toBe('Mã phản ánh PA-2026-000001.')
  })

  it('names the platform’s field pointers as the Open311 parameters a client sent', () => {
    expect(open311Parameter('/answers/depth')).toBe('attribute[depth]')
    expect(open311Parameter('/categoryId')).toBe('service_code')
    expect(open311Parameter('/lat')).toBe('lat')
    expect(open311Parameter('querystring:/status')).toBe('status')
    expect(open311Parameter('headers:/idempotency-key')).toBe('idempotency-key')
    expect(open311Parameter('/')).toBe('body')
  })

  it('writes XML that escapes markup and drops characters XML cannot carry', () => {
    const xml = errorsXml([{ code: 400, description: 'a < b & "c"\u0001 </error>' }])
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml)
    expect(parsed.errors.error).toEqual({ code: '400', description: 'a < b & "c" </error>' })
    expect(xml).not.toContain('\u0001')
    // An empty list is an empty root element, not a missing one.
    expect(new XMLParser().parse(servicesXml([]))).toHaveProperty('services')
  })
})
