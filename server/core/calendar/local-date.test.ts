import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  instantAt,
  isoWeekday,
  isWeekend,
  type LocalTime,
  localDateOf,
  localDateOfDayNumber,
  minutesIntoLocalDay,
  parseLocalDate,
  parseLocalTime,
} from './local-date.ts'

describe('local dates in Ho Chi Minh City', () => {
  it('takes the calendar date at UTC+7', () => {
    expect(localDateOf(new Date('2026-12-31T16:59:59.999Z'))).toBe('2026-12-31')
    expect(localDateOf(new Date('2026-12-31T17:00:00.000Z'))).toBe('2027-01-01')
    expect(localDateOf(new Date('2026-02-10T17:30:00.000Z'))).toBe('2026-02-11')
  })

  it('gives the instant of a local wall-clock time', () => {
    expect(instantAt('2026-03-03', '17:00').toISOString()).toBe('2026-03-03T10:00:00.000Z')
    expect(instantAt('2027-01-01').toISOString()).toBe('2026-12-31T17:00:00.000Z')
    expect(minutesIntoLocalDay(new Date('2026-03-03T08:00:30.000Z'))).toBe(15 * 60 + 0.5)
  })

  it('round-trips any date and time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 80_000 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (dayNumber, hour, minute) => {
          const date = localDateOfDayNumber(dayNumber)
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` as LocalTime
          const instant = instantAt(date, time)
          expect(localDateOf(instant)).toBe(date)
          expect(minutesIntoLocalDay(instant)).toBe(hour * 60 + minute)
        },
      ),
    )
  })

  it('knows weekdays and weekends', () => {
    expect(isoWeekday('2026-02-17')).toBe(2) // Tuesday, mùng 1 Tết Bính Ngọ
    expect(isoWeekday('2026-04-26')).toBe(7) // Sunday
    expect(isWeekend('2026-04-25')).toBe(true)
    expect(isWeekend('2026-04-27')).toBe(false)
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
  })

  it('refuses what is not a date or a time', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '26-02-03', '', '2026-02-03T00:00']) {
      expect(() => parseLocalDate(bad), bad).toThrow(RangeError)
    }
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29')
    for (const bad of ['24:00', '7:30', '17:60', ''])
      expect(() => parseLocalTime(bad), bad).toThrow(RangeError)
    expect(() => localDateOf(new Date(Number.NaN))).toThrow(RangeError)
  })
})
