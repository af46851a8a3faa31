/**
 * Vietnam's days off for state agencies, year by year: the statutory holidays of the Labour Code
 * 2019 (art. 112 §1), the compensatory day when one falls on a weekend (art. 111 §3), and what the
 * government announces each year (which five days are Tết, the day next to National Day, swapped
 * days off and the Saturdays worked for them), read from data/vn-compensatory-days.json.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LocalizedText } from '@dc/contracts'
import Type, { type Static } from 'typebox'
import Value from 'typebox/value'
import { DATA_DIR } from '../paths.ts'
import { addDays, dayNumberOf, isLocalDate, isWeekend, type LocalDate, yearOf } from './local-date.ts'
import { fromLunar, lunarNewYear } from './lunar.ts'

export const COMPENSATORY_DAYS_FILE = join(DATA_DIR, 'vn-compensatory-days.json')

/**
 * The holiday rules modelled here are those of the Labour Code 2019 (Bộ luật Lao động
 * 45/2019/QH14), in force since 1 January 2021; earlier years had other rules (one day for
 * National Day, for one) and are refused rather than answered wrongly.
 */
export const HOLIDAY_RULES_FIRST_YEAR = 2021
export const HOLIDAY_RULES_LAST_YEAR = 2199

/**
 * - `holiday`: a statutory public holiday (ngày nghỉ lễ, Tết), listed even when on a weekend;
 * - `compensatory`: the working day after a holiday that fell on a weekend (nghỉ bù);
 * - `announced`: a working day the government gave off, usually swapped for a Saturday.
 */
export type DayOffKind = 'holiday' | 'compensatory' | 'announced'

export interface DayOff {
  date: LocalDate
  kind: DayOffKind
  name: LocalizedText
  /** The announcement it comes from, when it is not a rule of the Labour Code. */
  source?: string
}

/** A Saturday or Sunday worked as an ordinary day in exchange for an announced day off. */
export interface MakeUpWorkingDay {
  date: LocalDate
  name: LocalizedText
  source: string
}

const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Source = Type.String({ minLength: 1 })
const AnnouncedDay = Type.Object(
  { date: DateText, name: LocalizedText, source: Source },
  { additionalProperties: false },
)
const YearAnnouncement = Type.Object(
  {
    tet: Type.Optional(
      Type.Object({ dates: Type.Array(DateText), source: Source }, { additionalProperties: false }),
    ),
    nationalDayAdjacent: Type.Optional(
      Type.Object({ date: DateText, source: Source }, { additionalProperties: false }),
    ),
    daysOff: Type.Optional(Type.Array(AnnouncedDay)),
    workingDays: Type.Optional(Type.Array(AnnouncedDay)),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)
const AnnouncementsFile = Type.Object({
  description: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  years: Type.Record(Type.String({ pattern: '^\\d{4}$' }), YearAnnouncement),
})

export type YearAnnouncement = Static<typeof YearAnnouncement>
/** The announced adjustments, by Gregorian year ('2026'). */
export type Announcements = Readonly<Record<string, YearAnnouncement>>

const NAMES = {
  newYear: { vi: 'Tết Dương lịch', en: "New Year's Day" },
  tet: { vi: 'Tết Âm lịch', en: 'Lunar New Year (Tết)' },
  hungKings: {
    vi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    en: "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)",
  },
  victory: { vi: 'Ngày Chiến thắng (30/4)', en: 'Reunification Day (30 April)' },
  labour: { vi: 'Ngày Quốc tế Lao động (1/5)', en: "International Workers' Day (1 May)" },
  nationalDay: { vi: 'Quốc khánh (2/9)', en: 'National Day (2 September)' },
  nationalDayAdjacent: {
    vi: 'Quốc khánh (ngày liền kề 2/9)',
    en: 'National Day (day adjacent to 2 September)',
  },
} satisfies Record<string, LocalizedText>

/** The holidays on a fixed Gregorian date; a new one (e.g. by an amendment) gets its first year. */
const FIXED_DATE_HOLIDAYS: { month: number; day: number; since: number; name: LocalizedText }[] = [
  { month: 1, day: 1, since: 2021, name: NAMES.newYear },
  { month: 4, day: 30, since: 2021, name: NAMES.victory },
  { month: 5, day: 1, since: 2021, name: NAMES.labour },
  { month: 9, day: 2, since: 2021, name: NAMES.nationalDay },
]

const pad = (n: number) => String(n).padStart(2, '0')
const dateIn = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}` as LocalDate

/**
 * Tết when the government has not (yet) announced it: the last day of the lunar year (30, or 29
 * in a short 12th month) and the first four days of the new year, the usual split.
 */
export function defaultTetDays(year: number): LocalDate[] {
  const newYear = lunarNewYear(year)
  return [-1, 0, 1, 2, 3].map((offset) => addDays(newYear, offset))
}

/**
 * Checks the announcements file and returns its years. Throws an Error naming every problem, so
 * a typo in a date or a weekday listed as a make-up day fails loudly on first use (and in the
 * unit tests), never quietly as a wrong deadline.
 */
export function parseAnnouncements(json: unknown): Announcements {
  if (!Value.Check(AnnouncementsFile, json)) {
    const problems = [...Value.Errors(AnnouncementsFile, json)]
      .slice(0, 5)
      .map((error) => `${error.instancePath || '/'} ${error.message}`)
    throw new Error(`working-day announcements: ${problems.join('; ')}`)
  }
  const problems: string[] = []
  for (const [key, announced] of Object.entries(json.years)) {
    problems.push(...yearProblems(Number(key), announced).map((problem) => `${key}: ${problem}`))
  }
  if (problems.length > 0) throw new Error(`working-day announcements: ${problems.join('; ')}`)
  return json.years
}

function yearProblems(year: number, announced: YearAnnouncement): string[] {
  const problems: string[] = []
  const check = (date: string, what: string): date is LocalDate => {
    if (!isLocalDate(date)) problems.push(`${what} ${date} is not a calendar date`)
    else if (yearOf(date) !== year) problems.push(`${what} ${date} is not in ${year}`)
    else return true
    return false
  }
  if (year < HOLIDAY_RULES_FIRST_YEAR || year > HOLIDAY_RULES_LAST_YEAR) {
    return [`outside ${HOLIDAY_RULES_FIRST_YEAR}–${HOLIDAY_RULES_LAST_YEAR}`]
  }
  if (announced.tet) {
    const newYear = dayNumberOf(lunarNewYear(year))
    const dates = announced.tet.dates
    // The law gives five days; the government places them on working days (any that would fall on
    // a weekend are moved), so an announcement lists five weekdays around mùng 1 Tết.
    if (new Set(dates).size !== 5) problems.push(`tet lists ${new Set(dates).size} distinct days, not 5`)
    for (const date of dates) {
      if (!check(date, 'tet day')) continue
      if (isWeekend(date)) problems.push(`tet day ${date} is a weekend day: list the working days given off`)
      if (Math.abs(dayNumberOf(date) - newYear) > 10) problems.push(`tet day ${date} is not near Tết ${year}`)
    }
  }
  const adjacent = announced.nationalDayAdjacent?.date
  if (adjacent !== undefined && adjacent !== dateIn(year, 9, 1) && adjacent !== dateIn(year, 9, 3)) {
    problems.push(`nationalDayAdjacent ${adjacent} is neither 1 nor 3 September`)
  }
  for (const { date } of announced.daysOff ?? []) {
    if (check(date, 'day off') && isWeekend(date)) problems.push(`day off ${date} is already a weekend day`)
  }
  for (const { date } of announced.workingDays ?? []) {
    if (check(date, 'working day') && !isWeekend(date)) {
      problems.push(`make-up working day ${date} is not a Saturday or Sunday`)
    }
  }
  return problems
}

export function loadAnnouncements(file: string = COMPENSATORY_DAYS_FILE): Announcements {
  return parseAnnouncements(JSON.parse(readFileSync(file, 'utf8')))
}

export function checkHolidayYear(year: number): void {
  if (!Number.isInteger(year) || year < HOLIDAY_RULES_FIRST_YEAR || year > HOLIDAY_RULES_LAST_YEAR) {
    throw new RangeError(
      `working-day calendar: ${year} is outside ${HOLIDAY_RULES_FIRST_YEAR}–${HOLIDAY_RULES_LAST_YEAR}`,
    )
  }
}

/** The statutory holidays of a year (Labour Code 2019 art. 112 §1), with the announced choices. */
function statutoryHolidays(year: number, announced: YearAnnouncement | undefined): DayOff[] {
  const holidays: DayOff[] = FIXED_DATE_HOLIDAYS.filter((rule) => year >= rule.since).map((rule) => ({
    date: dateIn(year, rule.month, rule.day),
    kind: 'holiday',
    name: rule.name,
  }))
  const tet = announced?.tet
  for (const date of tet ? (tet.dates as LocalDate[]) : defaultTetDays(year)) {
    holidays.push({ date, kind: 'holiday', name: NAMES.tet, ...(tet && { source: tet.source }) })
  }
  holidays.push({ date: fromLunar({ year, month: 3, day: 10 }), kind: 'holiday', name: NAMES.hungKings })
  // "02 ngày (ngày 02/9 và 01 ngày liền kề trước hoặc sau)": the day before unless announced.
  const adjacent = announced?.nationalDayAdjacent
  holidays.push({
    date: (adjacent?.date as LocalDate | undefined) ?? dateIn(year, 9, 1),
    kind: 'holiday',
    name: NAMES.nationalDayAdjacent,
    ...(adjacent && { source: adjacent.source }),
  })
  return holidays
}

/**
 * Every day off of a year that would otherwise be a working day, or is a holiday on a weekend,
 * in date order: statutory holidays, their compensatory days and announced days off.
 */
export function daysOffOf(year: number, announcements: Announcements): DayOff[] {
  checkHolidayYear(year)
  const announced = announcements[String(year)]
  const holidays = statutoryHolidays(year, announced)
  const announcedOff: DayOff[] = (announced?.daysOff ?? []).map((day) => ({
    date: day.date as LocalDate,
    kind: 'announced',
    name: day.name,
    source: day.source,
  }))
  const taken = new Set<LocalDate>([...holidays, ...announcedOff].map((day) => day.date))
  const compensatory: DayOff[] = []
  // Art. 111 §3: a holiday on a weekly rest day is made up on the next working day, after any
  // holiday or day off already there (30/4 on Saturday and 1/5 on Sunday give Monday and Tuesday).
  for (const holiday of [...holidays].sort(byDate)) {
    if (!isWeekend(holiday.date)) continue
    let date = addDays(holiday.date, 1)
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1)
    taken.add(date)
    compensatory.push({
      date,
      kind: 'compensatory',
      name: { vi: `Nghỉ bù ${holiday.name.vi}`, en: `Day off in lieu of ${holiday.name.en}` },
    })
  }
  return [...holidays, ...announcedOff, ...compensatory].sort(byDate)
}

export function makeUpWorkingDaysOf(year: number, announcements: Announcements): MakeUpWorkingDay[] {
  checkHolidayYear(year)
  return (announcements[String(year)]?.workingDays ?? [])
    .map((day) => ({ date: day.date as LocalDate, name: day.name, source: day.source }))
    .sort(byDate)
}

function byDate(a: { date: LocalDate }, b: { date: LocalDate }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0
}

let shipped: Announcements | undefined

/** The announcements shipped in data/vn-compensatory-days.json, read and checked once. */
export function shippedAnnouncements(): Announcements {
  shipped ??= loadAnnouncements()
  return shipped
}

/**
 * The holidays and other days off of a year (2021–2199), in date order, from the Labour Code's
 * rules and the shipped announcements.
 */
export function holidaysIn(year: number): DayOff[] {
  return daysOffOf(year, shippedAnnouncements())
}

/** The Saturdays (or Sundays) worked in a year in exchange for announced days off. */
export function makeUpWorkingDaysIn(year: number): MakeUpWorkingDay[] {
  return makeUpWorkingDaysOf(year, shippedAnnouncements())
}
