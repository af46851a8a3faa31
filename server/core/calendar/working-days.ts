/**
 * Working days and working-day deadlines for state agencies in Ho Chi Minh City.
 *
 * A working day is Monday–Friday, except holidays, compensatory and announced days off
 * (holidays.ts), plus the Saturdays announced as make-up working days.
 *
 * Deadline convention (used by feedback now and by procedures later):
 * - the day of receipt is day 0, whatever the hour; counting starts on the first working day
 *   after it, so "N working days" gives the whole of N office days to the agency;
 * - the deadline is the END of the N-th working day's office hours, 17:00 in Ho Chi Minh City
 *   (`OFFICE_DAY_END`), the instant after which the result is late;
 * - with `cutoff` (procedures: dossiers received after 15:00), a receipt at or after the cutoff,
 *   or on a day that is not a working day, counts as received on the next working day.
 */

import {
  type Announcements,
  type DayOff,
  daysOffOf,
  type MakeUpWorkingDay,
  makeUpWorkingDaysOf,
  shippedAnnouncements,
} from './holidays.ts'
import {
  addDays,
  instantAt,
  isWeekend,
  type LocalDate,
  type LocalTime,
  localDateOf,
  minutesIntoLocalDay,
  minutesOfLocalTime,
  yearOf,
} from './local-date.ts'

/** End of the office day in Ho Chi Minh City's agencies (7:30–11:30, 13:00–17:00). */
export const OFFICE_DAY_END: LocalTime = '17:00'

export interface DeadlineOptions {
  /** Local time at which the office day ends; the deadline instant. Default `OFFICE_DAY_END`. */
  endOfDay?: LocalTime
  /** Receipts at or after this local time (or on a day off) count from the next working day. */
  cutoff?: LocalTime
}

export interface WorkingCalendar {
  isWorkingDay(date: LocalDate): boolean
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate
  holidaysIn(year: number): DayOff[]
  makeUpWorkingDaysIn(year: number): MakeUpWorkingDay[]
  addWorkingDays(start: Date, days: number, options?: DeadlineOptions): Date
  subtractWorkingDays(deadline: Date, days: number): Date
  workingDaysBetween(from: Date, to: Date): number
}

interface YearIndex {
  daysOff: DayOff[]
  off: Set<LocalDate>
  makeUp: MakeUpWorkingDay[]
  working: Set<LocalDate>
}

function checkDayCount(days: number): void {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`working days must be a whole number ≥ 0, not ${days}`)
  }
}

/** A working-day calendar over the given announcements (the shipped file by default, see below). */
export function createWorkingCalendar(announcements: Announcements): WorkingCalendar {
  const years = new Map<number, YearIndex>()
  const indexOf = (year: number): YearIndex => {
    let index = years.get(year)
    if (!index) {
      const daysOff = daysOffOf(year, announcements)
      const makeUp = makeUpWorkingDaysOf(year, announcements)
      index = {
        daysOff,
        off: new Set(daysOff.map((day) => day.date)),
        makeUp,
        working: new Set(makeUp.map((day) => day.date)),
      }
      years.set(year, index)
    }
    return index
  }

  const isWorkingDay = (date: LocalDate): boolean => {
    const index = indexOf(yearOf(date))
    if (index.working.has(date)) return true
    return !isWeekend(date) && !index.off.has(date)
  }
  const step = (date: LocalDate, direction: 1 | -1): LocalDate => {
    let day = addDays(date, direction)
    while (!isWorkingDay(day)) day = addDays(day, direction)
    return day
  }
  // Remembered per date: every report's deadline walks the same few weeks of the calendar, and a
  // walk of date strings is most of a submission's own work otherwise. A few thousand dates at most.
  const after = new Map<LocalDate, LocalDate>()
  const before = new Map<LocalDate, LocalDate>()
  const remembered = (cache: Map<LocalDate, LocalDate>, date: LocalDate, direction: 1 | -1) => {
    let day = cache.get(date)
    if (day === undefined) {
      day = step(date, direction)
      cache.set(date, day)
    }
    return day
  }
  const nextWorkingDay = (date: LocalDate) => remembered(after, date, 1)
  const previousWorkingDay = (date: LocalDate) => remembered(before, date, -1)

  /** Working days d with from < d ≤ to. */
  const countAfterUpTo = (from: LocalDate, to: LocalDate): number => {
    let count = 0
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count++
    return count
  }

  return {
    isWorkingDay,
    nextWorkingDay,
    previousWorkingDay,
    // Copies: the cached lists back every later answer and must not be changed by a caller.
    holidaysIn: (year) => [...indexOf(year).daysOff],
    makeUpWorkingDaysIn: (year) => [...indexOf(year).makeUp],

    addWorkingDays(start, days, options = {}) {
      checkDayCount(days)
      const endOfDay = options.endOfDay ?? OFFICE_DAY_END
      let day = localDateOf(start)
      if (options.cutoff !== undefined) {
        const late = minutesIntoLocalDay(start) >= minutesOfLocalTime(options.cutoff)
        if (late || !isWorkingDay(day)) day = nextWorkingDay(day)
      }
      for (let counted = 0; counted < days; counted++) day = nextWorkingDay(day)
      return instantAt(day, endOfDay)
    },

    subtractWorkingDays(deadline, days) {
      checkDayCount(days)
      let day = localDateOf(deadline)
      const timeOfDay = deadline.getTime() - instantAt(day).getTime()
      for (let counted = 0; counted < days; counted++) day = previousWorkingDay(day)
      return new Date(instantAt(day).getTime() + timeOfDay)
    },

    workingDaysBetween(from, to) {
      const a = localDateOf(from)
      const b = localDateOf(to)
      return a <= b ? countAfterUpTo(a, b) : -countAfterUpTo(b, a)
    },
  }
}

let shipped: WorkingCalendar | undefined

/** The calendar of the shipped announcements, built on first use. */
export function workingCalendar(): WorkingCalendar {
  shipped ??= createWorkingCalendar(shippedAnnouncements())
  return shipped
}

/** Whether agencies work on this Ho Chi Minh City date. */
export function isWorkingDay(date: LocalDate): boolean {
  return workingCalendar().isWorkingDay(date)
}

/**
 * The deadline `days` working days after `start`: 17:00 (or `endOfDay`) on the `days`-th working
 * day after the day of receipt. 0 gives the end of the day of receipt itself.
 */
export function addWorkingDays(start: Date, days: number, options?: DeadlineOptions): Date {
  return workingCalendar().addWorkingDays(start, days, options)
}

/**
 * The same local time `days` working days before `deadline` (e.g. "remind 2 working days
 * before": Friday 17:00 → Wednesday 17:00). 0 gives the deadline itself.
 */
export function subtractWorkingDays(deadline: Date, days: number): Date {
  return workingCalendar().subtractWorkingDays(deadline, days)
}

/**
 * Whole working days from `from`'s date to `to`'s date: the working days after the first up to
 * and including the second, negative when `to` is earlier. With `to` a deadline, 1 means "due
 * tomorrow (next working day)", 0 "due today", −1 "one working day late".
 */
export function workingDaysBetween(from: Date, to: Date): number {
  return workingCalendar().workingDaysBetween(from, to)
}
