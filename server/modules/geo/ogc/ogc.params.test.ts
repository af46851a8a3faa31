import { describe, expect, it } from 'vitest'
import { AppError } from '../../../core/errors.ts'
import {
  checkCrs,
  negotiateFormat,
  parseBbox,
  parseDatetime,
  queryParameterNames,
  rejectUnknownParameters,
} from './ogc.params.ts'

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}

describe('bbox', () => {
  it('reads 4 numbers, or 6 with heights (ignored)', () => {
    expect(parseBbox('106.6,10.7,106.8,10.9')).toEqual([106.6, 10.7, 106.8, 10.9])
    expect(parseBbox(' 106.6, 10.7 ,106.8,10.9')).toEqual([106.6, 10.7, 106.8, 10.9])
    expect(parseBbox('106.6,10.7,0,106.8,10.9,100')).toEqual([106.6, 10.7, 106.8, 10.9])
    expect(parseBbox('106.7,10.8,106.7,10.8')).toEqual([106.7, 10.8, 106.7, 10.8])
  })

  it('refuses other counts, non-numbers, out-of-range values and min > max', () => {
    for (const bad of [
      '',
      '1,2,3',
      '1,2,3,4,5',
      '1,2,,4',
      'a,b,c,d',
      'Infinity,1,2,3',
      '181,0,182,1',
      '0,-91,1,0',
    ]) {
      expect(errorOf(() => parseBbox(bad)).options.errors?.[0]?.pointer, bad).toBe('querystring:/bbox')
    }
    expect(errorOf(() => parseBbox('106.8,10.7,106.6,10.9')).code).toBe('validation_failed')
    expect(errorOf(() => parseBbox('106.6,10.9,106.8,10.7')).code).toBe('validation_failed')
  })
})

describe('crs', () => {
  it('accepts CRS84 in its usual spellings only', () => {
    expect(() => checkCrs('bbox-crs', undefined)).not.toThrow()
    expect(() => checkCrs('bbox-crs', 'http://www.opengis.net/def/crs/OGC/1.3/CRS84')).not.toThrow()
    expect(() => checkCrs('crs', 'OGC:CRS84')).not.toThrow()
    expect(errorOf(() => checkCrs('bbox-crs', 'http://www.opengis.net/def/crs/EPSG/0/4326')).code).toBe(
      'validation_failed',
    )
  })
})

describe('datetime', () => {
  it('turns an instant into the city date it falls on', () => {
    expect(parseDatetime('2026-10-06')).toEqual({ start: '2026-10-06', end: '2026-10-06' })
    expect(parseDatetime('2026-10-06T23:30:00Z')).toEqual({ start: '2026-10-07', end: '2026-10-07' })
    expect(parseDatetime('2026-10-06T16:59:59.999Z')).toEqual({ start: '2026-10-06', end: '2026-10-06' })
    expect(parseDatetime('2026-10-06T08:00:00+07:00')).toEqual({ start: '2026-10-06', end: '2026-10-06' })
    // A time without an offset is city time.
    expect(parseDatetime('2026-10-06T23:30:00')).toEqual({ start: '2026-10-06', end: '2026-10-06' })
    // What GDAL sends for a date.
    expect(parseDatetime('2026-10-06T')).toEqual({ start: '2026-10-06', end: '2026-10-06' })
  })

  it('reads closed and half-open intervals', () => {
    expect(parseDatetime('2026-10-01/2026-10-31')).toEqual({ start: '2026-10-01', end: '2026-10-31' })
    expect(parseDatetime('2026-10-01/..')).toEqual({ start: '2026-10-01' })
    expect(parseDatetime('../2026-10-31')).toEqual({ end: '2026-10-31' })
    expect(parseDatetime('2026-10-01/')).toEqual({ start: '2026-10-01' })
    expect(parseDatetime('/2026-10-31')).toEqual({ end: '2026-10-31' })
    expect(parseDatetime('2026-10-06/2026-10-06')).toEqual({ start: '2026-10-06', end: '2026-10-06' })
    expect(parseDatetime('2026-10-06T10:00:00+07:00/2026-10-06T09:00:00Z')).toEqual({
      start: '2026-10-06',
      end: '2026-10-06',
    })
  })

  it('refuses what is not a date, a reversed interval, or more than two ends', () => {
    for (const bad of [
      'today',
      '2026-13-01',
      '2026-02-30',
      '2026-10-06T25:00:00Z',
      '2026-10-31/2026-10-01',
      '2026-10-06T12:00:00Z/2026-10-06T11:00:00Z',
      '2026-10-01/2026-10-02/2026-10-03',
      '06/10/2026',
    ]) {
      expect(errorOf(() => parseDatetime(bad)).options.errors?.[0]?.pointer, bad).toBe(
        'querystring:/datetime',
      )
    }
  })
})

describe('format negotiation', () => {
  const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
  it('lets ?f= win', () => {
    expect(negotiateFormat('json', browser)).toBe('json')
    expect(negotiateFormat('html', 'application/json')).toBe('html')
  })
  it('serves HTML only when the client prefers it to JSON', () => {
    expect(negotiateFormat(undefined, browser)).toBe('html')
    expect(negotiateFormat(undefined, undefined)).toBe('json')
    expect(negotiateFormat(undefined, '*/*')).toBe('json')
    expect(negotiateFormat(undefined, 'application/geo+json, application/json')).toBe('json')
    expect(negotiateFormat(undefined, 'application/json, text/html;q=0.5')).toBe('json')
    expect(negotiateFormat(undefined, 'application/json;q=0.5, text/html')).toBe('html')
  })
})

describe('unknown parameters', () => {
  it('lists the raw names once each', () => {
    expect(
      queryParameterNames('/ogc/collections/wards/items?kind=xa&limit=1&kind=phuong&bbox-crs=x'),
    ).toEqual(['kind', 'limit', 'bbox-crs'])
    expect(queryParameterNames('/ogc')).toEqual([])
  })
  it('refuses names not allowed, naming each', () => {
    expect(() => rejectUnknownParameters('/x?f=json&lang=en', ['f', 'lang'])).not.toThrow()
    const error = errorOf(() => rejectUnknownParameters('/x?f=json&kinds=xa&foo', ['f', 'lang', 'kind']))
    expect(error.code).toBe('unknown_parameter')
    expect(error.options.errors?.map((e) => e.pointer)).toEqual(['querystring:/kinds', 'querystring:/foo'])
  })
})
