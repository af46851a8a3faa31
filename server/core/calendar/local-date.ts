/**
 * Calendar dates and wall-clock times in the city's time zone (Asia/Ho_Chi_Minh), without a
 * date library: Vietnam has kept UTC+07:00 with no daylight saving time since 13 June 1975, so a
 * fixed offset converts both ways exactly for every date the platform handles.
 */

/** A calendar date in Asia/Ho_Chi_Minh, ISO 8601 'YYYY-MM-DD'. A day, not an instant. */
export type LocalDate = `${number}-${number}-${number}`

/** A wall-clock time in Asia/Ho_Chi_Minh, 'HH:MM' (00:00–23:59). */
export type LocalTime = `${number}:${number}`

/** ISO weekday: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

const CITY_UTC_OFFSET_MS = 7 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/

/**
 * Days since 1970-01-01 of a date: the integer every calculation here works in, so that no
 * arithmetic ever goes through a Date whose time zone could shift the day.
 */
export type DayNumber = number

function parseParts(text: string): { year: number; month: number; day: number } | undefined {
  const match = LOCAL_DATE_PATTERN.exec(text)
  if (!match) return undefined
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  // Round-trip through UTC catches 2026-02-30 and friends.
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return undefined
  }
  return { year, month, day }
}

export function isLocalDate(text: string): text is LocalDate {
  return parseParts(text) !== undefined
}

/** The date, checked: throws a RangeError for anything but a real 'YYYY-MM-DD' date. */
export function parseLocalDate(text: string): LocalDate {
  if (!isLocalDate(text)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`)
  return text
}

export function isLocalTime(text: string): text is LocalTime {
  return LOCAL_TIME_PATTERN.test(text)
}

/** The time, checked: throws a RangeError for anything but 'HH:MM' from 00:00 to 23:59. */
export function parseLocalTime(text: string): LocalTime {
  if (!isLocalTime(text)) throw new RangeError(`not a time of day (HH:MM): ${JSON.stringify(text)}`)
  return text
}

export function dayNumberOf(date: LocalDate): DayNumber {
  const parts = parseParts(date)
  if (!parts) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`)
  return Date.UTC(parts.year, parts.month - 1, parts.day) / DAY_MS
}

export function localDateOfDayNumber(dayNumber: DayNumber): LocalDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10) as LocalDate
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4))
}

/** The date `days` calendar days later (earlier when negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return localDateOfDayNumber(dayNumberOf(date) + days)
}

export function isoWeekday(date: LocalDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((dayNumberOf(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday
}

/** Saturday or Sunday: the weekly rest days of state agencies (40-hour week, Decision 188/1999/QĐ-TTg). */
export function isWeekend(date: LocalDate): boolean {
  return isoWeekday(date) >= 6
}

function checkedInstant(instant: Date): number {
  const ms = instant.getTime()
  if (Number.isNaN(ms)) throw new RangeError('invalid Date')
  return ms
}

/** The calendar date in Ho Chi Minh City at an instant. */
export function localDateOf(instant: Date): LocalDate {
  return localDateOfDayNumber(Math.floor((checkedInstant(instant) + CITY_UTC_OFFSET_MS) / DAY_MS))
}

/** Minutes after local midnight at an instant (0–1439), seconds included as a fraction. */
export function minutesIntoLocalDay(instant: Date): number {
  const localMs = checkedInstant(instant) + CITY_UTC_OFFSET_MS
  return (localMs - Math.floor(localMs / DAY_MS) * DAY_MS) / 60_000
}

export function minutesOfLocalTime(time: LocalTime): number {
  const checked = parseLocalTime(time)
  return Number(checked.slice(0, 2)) * 60 + Number(checked.slice(3, 5))
}

/** The instant at which Ho Chi Minh City's clocks show `time` on `date`. */
export function instantAt(date: LocalDate, time: LocalTime = '00:00'): Date {
  return new Date(dayNumberOf(date) * DAY_MS + minutesOfLocalTime(time) * 60_000 - CITY_UTC_OFFSET_MS)
}
