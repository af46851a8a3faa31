import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  type Announcements,
  COMPENSATORY_DAYS_FILE,
  type DayOff,
  daysOffOf,
  defaultTetDays,
  holidaysIn,
  makeUpWorkingDaysIn,
  parseAnnouncements,
} from './holidays.ts'

const NO_ANNOUNCEMENTS: Announcements = {}
const brief = (days: DayOff[]) => days.map((day) => `${day.date} ${day.kind}`)

describe('holidays from the Labour Code 2019 rules', () => {
  it('makes Tết the last day of the lunar year and mùng 1–4 by default', () => {
    // 2026: mùng 1 is 17 Feb and tháng Chạp has 29 days, so 29 Chạp is 16 Feb.
    expect(defaultTetDays(2026)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ])
  })

  it('gives a compensatory day for a holiday on a weekend, after any holiday already there', () => {
    // 2028-01-01 is a Saturday.
    expect(brief(daysOffOf(2028, NO_ANNOUNCEMENTS).filter((d) => d.date < '2028-01-10'))).toEqual([
      '2028-01-01 holiday',
      '2028-01-03 compensatory',
    ])
    // 2022: 30/4 Saturday and 1/5 Sunday gave Monday 2 and Tuesday 3 May off (as announced then).
    expect(brief(daysOffOf(2022, NO_ANNOUNCEMENTS).filter((d) => d.date.startsWith('2022-05')))).toEqual([
      '2022-05-01 holiday',
      '2022-05-02 compensatory',
      '2022-05-03 compensatory',
    ])
  })

  it('puts Hùng Kings on 10/3 lunar, also in a year with a leap 2nd month (2023: Saturday 29 April)', () => {
    const spring2023 = daysOffOf(2023, NO_ANNOUNCEMENTS).filter(
      (d) => d.date >= '2023-04-01' && d.date < '2023-06-01',
    )
    // 29/4 Saturday and 30/4 Sunday are made up after 1/5 Monday: 29/4–3/5 off, as in 2023.
    expect(brief(spring2023)).toEqual([
      '2023-04-29 holiday',
      '2023-04-30 holiday',
      '2023-05-01 holiday',
      '2023-05-02 compensatory',
      '2023-05-03 compensatory',
    ])
    expect(spring2023[0]?.name.vi).toBe('Giỗ Tổ Hùng Vương (10/3 âm lịch)')
    expect(spring2023[3]?.name).toEqual({
      vi: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      en: "Day off in lieu of Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)",
    })
  })

  it('takes 2/9 and the day before by default; Sunday 2/9 gives two days in lieu', () => {
    const september = (year: number) =>
      brief(daysOffOf(year, NO_ANNOUNCEMENTS).filter((d) => d.date.startsWith(`${year}-09`)))
    expect(september(2027)).toEqual(['2027-09-01 holiday', '2027-09-02 holiday']) // Wed, Thu
    // 2023: 2/9 Saturday with Friday 1/9 → Monday 4/9 in lieu (1–4/9/2023 off, as announced then).
    expect(september(2023)).toEqual(['2023-09-01 holiday', '2023-09-02 holiday', '2023-09-04 compensatory'])
    // 2029: Saturday 1/9 and Sunday 2/9 → Monday and Tuesday.
    expect(september(2029)).toEqual([
      '2029-09-01 holiday',
      '2029-09-02 holiday',
      '2029-09-03 compensatory',
      '2029-09-04 compensatory',
    ])
  })

  it('makes up default Tết days that fall on a weekend (2027: mùng 1 is Saturday 6 February)', () => {
    const tet = daysOffOf(2027, NO_ANNOUNCEMENTS).filter((d) => d.date.startsWith('2027-02'))
    expect(brief(tet)).toEqual([
      '2027-02-05 holiday',
      '2027-02-06 holiday',
      '2027-02-07 holiday',
      '2027-02-08 holiday',
      '2027-02-09 holiday',
      '2027-02-10 compensatory',
      '2027-02-11 compensatory',
    ])
  })

  it('refuses years the rules do not cover', () => {
    expect(() => daysOffOf(2020, NO_ANNOUNCEMENTS)).toThrow(RangeError)
    expect(() => holidaysIn(2200)).toThrow(RangeError)
  })
})

describe('announced days (data/vn-compensatory-days.json)', () => {
  it('2025: Tết 27–31/1, 2/5 off for Saturday 26/4, 1/9 with 2/9', () => {
    expect(brief(holidaysIn(2025))).toEqual([
      '2025-01-01 holiday',
      '2025-01-27 holiday',
      '2025-01-28 holiday',
      '2025-01-29 holiday',
      '2025-01-30 holiday',
      '2025-01-31 holiday',
      '2025-04-07 holiday',
      '2025-04-30 holiday',
      '2025-05-01 holiday',
      '2025-05-02 announced',
      '2025-09-01 holiday',
      '2025-09-02 holiday',
    ])
    expect(makeUpWorkingDaysIn(2025).map((d) => d.date)).toEqual(['2025-04-26'])
    // Without the announcement Tết would be 28/1–1/2 with Saturday 1/2 made up on Monday 3/2.
    expect(brief(daysOffOf(2025, NO_ANNOUNCEMENTS).filter((d) => d.date.startsWith('2025-02')))).toEqual([
      '2025-02-01 holiday',
      '2025-02-03 compensatory',
    ])
  })

  it('2026: New Year swap, Tết 16–20/2, Hùng Kings on Sunday 26/4 with Monday 27/4, 31/8 swapped', () => {
    expect(brief(holidaysIn(2026))).toEqual([
      '2026-01-01 holiday',
      '2026-01-02 announced',
      '2026-02-16 holiday',
      '2026-02-17 holiday',
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday',
      '2026-04-26 holiday',
      '2026-04-27 compensatory',
      '2026-04-30 holiday',
      '2026-05-01 holiday',
      '2026-08-31 announced',
      '2026-09-01 holiday',
      '2026-09-02 holiday',
    ])
    expect(makeUpWorkingDaysIn(2026).map((d) => d.date)).toEqual(['2026-01-10', '2026-08-22'])
    const tetDay = holidaysIn(2026).find((d) => d.date === '2026-02-17')
    expect(tetDay?.source).toMatch(/9441\/TB-BNV/)
  })

  it('ships Vietnamese text in NFC with a source for every announced day', () => {
    for (const year of [2025, 2026]) {
      for (const day of [...holidaysIn(year), ...makeUpWorkingDaysIn(year)]) {
        expect(day.name.vi.normalize('NFC')).toBe(day.name.vi)
        if (!('kind' in day) || day.kind === 'announced') expect(day.source).toBeTruthy()
      }
    }
    const raw = readFileSync(COMPENSATORY_DAYS_FILE, 'utf8')
    expect(raw.normalize('NFC')).toBe(raw)
  })

  it('rejects announcements that cannot be right, naming each problem', () => {
    const file = (year: Record<string, unknown>) => ({ years: { '2026': year } })
    const day = (date: string) => ({ date, name: { vi: 'x', en: 'x' }, source: 's' })
    const cases: [unknown, RegExp][] = [
      [file({ workingDays: [day('2026-08-24')] }), /2026-08-24 is not a Saturday or Sunday/],
      [file({ daysOff: [day('2026-08-29')] }), /2026-08-29 is already a weekend day/],
      [file({ daysOff: [day('2026-02-30')] }), /2026-02-30 is not a calendar date/],
      [file({ daysOff: [day('2025-12-31')] }), /2025-12-31 is not in 2026/],
      [file({ nationalDayAdjacent: { date: '2026-09-04', source: 's' } }), /neither 1 nor 3 September/],
      [
        file({ tet: { dates: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'], source: 's' } }),
        /not 5/,
      ],
      [
        file({
          tet: { dates: ['2026-02-14', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'], source: 's' },
        }),
        /2026-02-14 is a weekend day/,
      ],
      [
        file({
          tet: { dates: ['2026-03-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'], source: 's' },
        }),
        /2026-03-02 is not near Tết 2026/,
      ],
      [file({ holidays: [] }), /working-day announcements/],
      [{ years: { '2019': {} } }, /2019: outside/],
    ]
    for (const [json, problem] of cases) expect(() => parseAnnouncements(json)).toThrow(problem)
    expect(parseAnnouncements(file({ daysOff: [day('2026-11-24')] }))).toHaveProperty('2026')
  })
})
