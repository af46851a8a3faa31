import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, type LocalDate, localDateOfDayNumber } from './local-date.ts'
import { fromLunar, LUNAR_FIRST_YEAR, lunarMonthsOf, lunarNewYear, toLunar } from './lunar.ts'

/**
 * Mùng 1 Tết, with `+month` for the leap month, of every lunar year 1968–2053, as given by
 * Hồ Ngọc Đức's published Vietnamese tables (read through @dqcai/vn-lunar 1.0.1, which ships
 * them; not a dependency). The computation here matched those tables on every day of 1968–2053.
 */
const HND_TABLE = `
  1968-01-29+7 1969-02-16 1970-02-06 1971-01-27+5 1972-02-15 1973-02-03 1974-01-23+4 1975-02-11
  1976-01-31+8 1977-02-18 1978-02-07 1979-01-28+6 1980-02-16 1981-02-05 1982-01-25+4 1983-02-13
  1984-02-02 1985-01-21+2 1986-02-09 1987-01-29+7 1988-02-17 1989-02-06 1990-01-27+5 1991-02-15
  1992-02-04 1993-01-23+3 1994-02-10 1995-01-31+8 1996-02-19 1997-02-07 1998-01-28+5 1999-02-16
  2000-02-05 2001-01-24+4 2002-02-12 2003-02-01 2004-01-22+2 2005-02-09 2006-01-29+7 2007-02-17
  2008-02-07 2009-01-26+5 2010-02-14 2011-02-03 2012-01-23+4 2013-02-10 2014-01-31+9 2015-02-19
  2016-02-08 2017-01-28+6 2018-02-16 2019-02-05 2020-01-25+4 2021-02-12 2022-02-01 2023-01-22+2
  2024-02-10 2025-01-29+6 2026-02-17 2027-02-06 2028-01-26+5 2029-02-13 2030-02-02 2031-01-23+3
  2032-02-11 2033-01-31+11 2034-02-19 2035-02-08 2036-01-28+6 2037-02-15 2038-02-04 2039-01-24+5
  2040-02-12 2041-02-01 2042-01-22+2 2043-02-10 2044-01-30+7 2045-02-17 2046-02-06 2047-01-26+5
  2048-02-14 2049-02-02 2050-01-23+3 2051-02-11 2052-02-01+8 2053-02-18
`
  .trim()
  .split(/\s+/)
  .map((entry) => {
    const [tet = '', leapMonth = '0'] = entry.split('+')
    return { year: Number(tet.slice(0, 4)), tet, leapMonth: Number(leapMonth) }
  })

describe('Vietnamese lunar calendar', () => {
  it('finds mùng 1 Tết on the known dates', () => {
    expect(lunarNewYear(2024)).toBe('2024-02-10')
    expect(lunarNewYear(2025)).toBe('2025-01-29')
    expect(lunarNewYear(2026)).toBe('2026-02-17')
    expect(lunarNewYear(2027)).toBe('2027-02-06')
    expect(lunarNewYear(2028)).toBe('2028-01-26')
  })

  it('counts days at UTC+7, not at China’s UTC+8', () => {
    // The Chinese calendar has 20 Feb 1985, 18 Feb 2007, 3 Feb 2030 and 19 Feb 2053.
    expect(lunarNewYear(1985)).toBe('1985-01-21')
    expect(lunarNewYear(2007)).toBe('2007-02-17')
    expect(lunarNewYear(2030)).toBe('2030-02-02')
    expect(lunarNewYear(2053)).toBe('2053-02-18')
  })

  it('matches Hồ Ngọc Đức’s tables for Tết and the leap month, 1968–2053', () => {
    expect(HND_TABLE).toHaveLength(2053 - 1968 + 1)
    for (const { year, tet, leapMonth } of HND_TABLE) {
      expect(lunarNewYear(year), `Tết ${year}`).toBe(tet)
      const leap = lunarMonthsOf(year).filter((m) => m.leap)
      expect(
        leap.map((m) => m.month),
        `leap month of ${year}`,
      ).toEqual(leapMonth ? [leapMonth] : [])
    }
  })

  it('gives a year 12 months of 29–30 days, or 13 with one leap month, filling the gap between two Tết', () => {
    for (const year of [2023, 2024, 2025, 2026, 2033]) {
      const months = lunarMonthsOf(year)
      const days = months.reduce((sum, m) => sum + m.length, 0)
      expect(months.every((m) => m.length === 29 || m.length === 30)).toBe(true)
      expect(months.length).toBe(months.some((m) => m.leap) ? 13 : 12)
      expect(addDays(lunarNewYear(year), days)).toBe(lunarNewYear(year + 1))
    }
  })

  it('places dates in and after a leap month (2025: leap 6th month; 2023: leap 2nd month)', () => {
    // 2025: tháng 6 from 25 June, tháng 6 nhuận from 25 July, tháng 7 from 23 August.
    expect(toLunar('2025-07-24')).toEqual({ year: 2025, month: 6, day: 30, leap: false })
    expect(toLunar('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, leap: true })
    expect(toLunar('2025-08-23')).toEqual({ year: 2025, month: 7, day: 1, leap: false })
    expect(fromLunar({ year: 2025, month: 6, day: 1, leap: true })).toBe('2025-07-25')
    // Hùng Kings 2023 (10/3) comes a month later than in a year without leap 2nd month.
    expect(toLunar('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, leap: true })
    expect(fromLunar({ year: 2023, month: 3, day: 10 })).toBe('2023-04-29')
  })

  it('converts 10/3 lunar (Hùng Kings) for recent years', () => {
    expect(fromLunar({ year: 2024, month: 3, day: 10 })).toBe('2024-04-18')
    expect(fromLunar({ year: 2025, month: 3, day: 10 })).toBe('2025-04-07')
    expect(fromLunar({ year: 2026, month: 3, day: 10 })).toBe('2026-04-26')
  })

  it('refuses dates that do not exist', () => {
    expect(() => fromLunar({ year: 2026, month: 6, day: 1, leap: true })).toThrow(RangeError)
    const shortMonth = lunarMonthsOf(2026).find((m) => m.length === 29)
    expect(shortMonth).toBeDefined()
    expect(() => fromLunar({ year: 2026, month: shortMonth?.month ?? 0, day: 30 })).toThrow(RangeError)
    expect(() => fromLunar({ year: 2026, month: 13, day: 1 })).toThrow(RangeError)
    expect(() => toLunar('1967-06-01')).toThrow(RangeError)
  })

  it('round-trips every date of 1968–2199 it is given', () => {
    const first = Date.UTC(LUNAR_FIRST_YEAR, 1, 28) / 86_400_000
    const last = Date.UTC(2199, 10, 30) / 86_400_000
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (dayNumber) => {
        const date: LocalDate = localDateOfDayNumber(dayNumber)
        const lunar = toLunar(date)
        expect(fromLunar(lunar)).toBe(date)
        // Consecutive days are consecutive lunar days or the start of the next month.
        const next = toLunar(addDays(date, 1))
        if (next.day !== 1) expect(next).toEqual({ ...lunar, day: lunar.day + 1 })
      }),
      { numRuns: 2000 },
    )
  })
})
