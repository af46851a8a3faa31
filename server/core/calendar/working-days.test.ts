import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  instantAt,
  type LocalDate,
  localDateOf,
  localDateOfDayNumber,
  minutesIntoLocalDay,
} from './local-date.ts'
import {
  addWorkingDays,
  createWorkingCalendar,
  isWorkingDay,
  OFFICE_DAY_END,
  subtractWorkingDays,
  workingDaysBetween,
} from './working-days.ts'

/** An instant given as Ho Chi Minh City wall-clock time. */
const hcm = (dateTime: string) => new Date(`${dateTime}+07:00`)
const local = (instant: Date) => {
  const minutes = minutesIntoLocalDay(instant)
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0')
  const mm = String(Math.floor(minutes % 60)).padStart(2, '0')
  return `${localDateOf(instant)} ${hh}:${mm}`
}

describe('working days', () => {
  it('are Monday to Friday outside holidays, plus announced make-up Saturdays', () => {
    const cases: [LocalDate, boolean][] = [
      ['2026-02-13', true], // Friday before Tết
      ['2026-02-14', false], // Saturday
      ['2026-02-16', false], // 29 Chạp
      ['2026-02-20', false], // mùng 4
      ['2026-02-23', true], // back to work
      ['2026-01-02', false], // swapped off (12729/VPCP-KGVX)
      ['2026-01-10', true], // Saturday worked for it
      ['2026-04-27', false], // in lieu of Hùng Kings on Sunday 26/4
      ['2026-04-28', true],
      ['2025-04-26', true], // Saturday worked for Friday 2/5/2025
      ['2025-05-02', false],
    ]
    for (const [date, working] of cases) expect(isWorkingDay(date), date).toBe(working)
  })

  it('follow the announcements: without them 2/1/2026 is worked and 10/1/2026 is not', () => {
    const rulesOnly = createWorkingCalendar({})
    expect(rulesOnly.isWorkingDay('2026-01-02')).toBe(true)
    expect(rulesOnly.isWorkingDay('2026-01-10')).toBe(false)
  })
})

describe('addWorkingDays (deadlines)', () => {
  it('counts from the day after receipt and ends at 17:00 on the N-th working day, across Tết', () => {
    // Received Tuesday 10/2/2026: 11, 12, 13 Feb, then 23–27 Feb, 2 and 3 Mar.
    const deadline = addWorkingDays(hcm('2026-02-10T09:00'), 10)
    expect(local(deadline)).toBe('2026-03-03 17:00')
    expect(deadline.toISOString()).toBe('2026-03-03T10:00:00.000Z')
    expect(OFFICE_DAY_END).toBe('17:00')
  })

  it('treats the whole day of receipt as day 0, even after office hours', () => {
    expect(local(addWorkingDays(hcm('2026-02-10T18:30'), 10))).toBe('2026-03-03 17:00')
    expect(local(addWorkingDays(hcm('2026-02-10T23:59'), 1))).toBe('2026-02-11 17:00')
    // 00:30 on 11/2 in the city is still 10/2 in UTC: the city's date counts.
    expect(local(addWorkingDays(new Date('2026-02-10T17:30:00Z'), 1))).toBe('2026-02-12 17:00')
    // Received on a Saturday: Monday is the first working day after it.
    expect(local(addWorkingDays(hcm('2026-03-07T10:00'), 1))).toBe('2026-03-09 17:00')
  })

  it('with a cutoff, counts a late or day-off receipt from the next working day', () => {
    expect(local(addWorkingDays(hcm('2026-02-10T14:59'), 1, { cutoff: '15:00' }))).toBe('2026-02-11 17:00')
    expect(local(addWorkingDays(hcm('2026-02-10T15:00'), 1, { cutoff: '15:00' }))).toBe('2026-02-12 17:00')
    // Received Saturday 14/2 (Tết week follows): as if received Monday 23/2, day 1 is 24/2.
    expect(local(addWorkingDays(hcm('2026-02-14T10:00'), 1, { cutoff: '15:00' }))).toBe('2026-02-24 17:00')
    expect(local(addWorkingDays(hcm('2026-02-14T10:00'), 1))).toBe('2026-02-23 17:00')
  })

  it('works on make-up Saturdays and skips swapped and compensatory days', () => {
    expect(local(addWorkingDays(hcm('2025-04-25T09:00'), 1))).toBe('2025-04-26 17:00')
    expect(local(addWorkingDays(hcm('2025-04-29T09:00'), 1))).toBe('2025-05-05 17:00')
    expect(local(addWorkingDays(hcm('2026-04-24T09:00'), 1))).toBe('2026-04-28 17:00')
    // Across the new year: 1/1 holiday, 2/1 swapped, 3–4/1 weekend.
    expect(local(addWorkingDays(hcm('2025-12-31T09:00'), 1))).toBe('2026-01-05 17:00')
  })

  it('takes another end of day, and 0 days as the end of the day of receipt', () => {
    expect(local(addWorkingDays(hcm('2026-02-10T09:00'), 1, { endOfDay: '11:30' }))).toBe('2026-02-11 11:30')
    expect(local(addWorkingDays(hcm('2026-02-10T09:00'), 0))).toBe('2026-02-10 17:00')
  })

  it('refuses a negative or fractional count and dates outside the rules', () => {
    expect(() => addWorkingDays(hcm('2026-02-10T09:00'), -1)).toThrow(RangeError)
    expect(() => addWorkingDays(hcm('2026-02-10T09:00'), 1.5)).toThrow(RangeError)
    expect(() => addWorkingDays(hcm('2020-06-01T09:00'), 1)).toThrow(RangeError)
  })
})

describe('subtractWorkingDays and workingDaysBetween', () => {
  it('counts back N working days at the same local time', () => {
    expect(local(subtractWorkingDays(hcm('2026-03-03T17:00'), 2))).toBe('2026-02-27 17:00')
    // Back across Tết: 23/2 → 13, 12, 11, 10 Feb.
    expect(local(subtractWorkingDays(hcm('2026-02-23T17:00'), 4))).toBe('2026-02-10 17:00')
    expect(subtractWorkingDays(hcm('2026-02-23T17:00'), 0).toISOString()).toBe(
      hcm('2026-02-23T17:00').toISOString(),
    )
    expect(() => subtractWorkingDays(hcm('2026-02-23T17:00'), -2)).toThrow(RangeError)
  })

  it('gives whole working days remaining, negative once past', () => {
    const received = hcm('2026-02-10T09:00')
    const deadline = hcm('2026-03-03T17:00')
    expect(workingDaysBetween(received, deadline)).toBe(10)
    expect(workingDaysBetween(deadline, received)).toBe(-10)
    expect(workingDaysBetween(hcm('2026-03-03T08:00'), deadline)).toBe(0)
    expect(workingDaysBetween(hcm('2026-03-04T08:00'), deadline)).toBe(-1)
    expect(workingDaysBetween(hcm('2026-02-14T08:00'), hcm('2026-02-23T17:00'))).toBe(1)
  })

  it('agree with addWorkingDays for any start and count', () => {
    // Away from the ends of 2021–2199, where counting back would leave the rules' range.
    const first = Date.UTC(2021, 2, 1) / 86_400_000
    const last = Date.UTC(2198, 9, 1) / 86_400_000
    fc.assert(
      fc.property(
        fc.integer({ min: first, max: last }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (dayNumber, minute, days, back) => {
          const start = new Date(instantAt(localDateOfDayNumber(dayNumber)).getTime() + minute * 60_000)
          const deadline = addWorkingDays(start, days)
          expect(workingDaysBetween(start, deadline)).toBe(days)
          expect(minutesIntoLocalDay(deadline)).toBe(17 * 60)
          if (days > 0) expect(isWorkingDay(localDateOf(deadline))).toBe(true)
          const steps = Math.min(back, days)
          const reminder = subtractWorkingDays(deadline, steps)
          expect(workingDaysBetween(reminder, deadline)).toBe(steps)
          expect(minutesIntoLocalDay(reminder)).toBe(17 * 60)
        },
      ),
      { numRuns: 500 },
    )
  })
})
