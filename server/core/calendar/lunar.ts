/**
 * The Vietnamese lunisolar calendar (âm lịch), computed, never tabulated per year.
 *
 * The method is the one Hồ Ngọc Đức published for Vietnam: months begin on the local day of the
 * astronomical new moon, the 11th month is the one containing the December solstice, and in a
 * year with 13 new moons between two such months the first month without a principal solar term
 * (the sun entering a multiple of 30° longitude) is the leap month. New moons and the sun's
 * longitude come from the low-precision formulas in Jean Meeus, "Astronomical Formulae for
 * Calculators" / "Astronomical Algorithms", which are accurate to minutes over 1900–2199.
 *
 * What makes it Vietnamese rather than Chinese is the meridian: days are counted at UTC+7 (the
 * calendar Vietnam has used since 1968), not UTC+8. A new moon or solstice shortly before
 * midnight in Hanoi falls on the next day in Beijing, which is why Tết 1985 was 21 January in
 * Vietnam and 20 February in China, and Tết 2007 17 February against 18 February.
 */
import { type DayNumber, dayNumberOf, type LocalDate, localDateOfDayNumber, yearOf } from './local-date.ts'

/** A date in the Vietnamese lunar calendar; `leap` marks the repeated (nhuận) month. */
export interface LunarDate {
  year: number
  month: number
  day: number
  leap: boolean
}

interface LunarMonth {
  year: number
  month: number
  leap: boolean
  start: DayNumber
  length: number
}

/** Gregorian years over which the astronomy above was checked against published tables. */
export const LUNAR_FIRST_YEAR = 1968
export const LUNAR_LAST_YEAR = 2199

const CALENDAR_UTC_OFFSET_DAYS = 7 / 24
/** Julian Date of 1970-01-01T00:00Z, the origin of day numbers. */
const JD_OF_DAY_ZERO = 2440587.5
const SYNODIC_MONTH_DAYS = 29.530588853
/** Julian Date of the mean new moon of January 1900, new moon number 0 below. */
const NEW_MOON_ZERO_JD = 2415021.076998695
const RAD = Math.PI / 180

const sinDeg = (degrees: number) => Math.sin(degrees * RAD)

/** Julian Date (UT) of new moon number `k`, counted from January 1900 (Meeus). */
function newMoonJulianDate(k: number): number {
  const t = k / 1236.85 // Julian centuries from 1900.0
  const t2 = t * t
  const t3 = t2 * t
  const meanNewMoon =
    2415020.75933 +
    29.53058868 * k +
    0.0001178 * t2 -
    0.000000155 * t3 +
    0.00033 * sinDeg(166.56 + 132.87 * t - 0.009173 * t2)
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
  const moonLatitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
  const [m, mp, f] = [sunAnomaly, moonAnomaly, moonLatitude]
  const periodicTerms =
    (0.1734 - 0.000393 * t) * sinDeg(m) +
    0.0021 * sinDeg(2 * m) -
    0.4068 * sinDeg(mp) +
    0.0161 * sinDeg(2 * mp) -
    0.0004 * sinDeg(3 * mp) +
    0.0104 * sinDeg(2 * f) -
    0.0051 * sinDeg(m + mp) -
    0.0074 * sinDeg(m - mp) +
    0.0004 * sinDeg(2 * f + m) -
    0.0004 * sinDeg(2 * f - m) -
    0.0006 * sinDeg(2 * f + mp) +
    0.001 * sinDeg(2 * f - mp) +
    0.0005 * sinDeg(m + 2 * mp)
  // ΔT (dynamical minus universal time), in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2
  return meanNewMoon + periodicTerms - deltaT
}

/** The day (at UTC+7) on which new moon `k` falls: the first day of its lunar month. */
function newMoonDay(k: number): DayNumber {
  return Math.floor(newMoonJulianDate(k) + CALENDAR_UTC_OFFSET_DAYS - JD_OF_DAY_ZERO)
}

/** The sun's apparent ecliptic longitude in degrees [0, 360) at a Julian Date (Meeus, low accuracy). */
function sunLongitude(julianDate: number): number {
  const t = (julianDate - 2451545.0) / 36525 // Julian centuries from J2000.0
  const t2 = t * t
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2
  const meanAnomaly = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * sinDeg(meanAnomaly) +
    (0.019993 - 0.000101 * t) * sinDeg(2 * meanAnomaly) +
    0.00029 * sinDeg(3 * meanAnomaly)
  const apparent = meanLongitude + centre - 0.00569 - 0.00478 * sinDeg(125.04 - 1934.136 * t)
  return ((apparent % 360) + 360) % 360
}

/** Which 30° sector (0–11) the sun is in at local midnight starting `day`. */
function sunSectorAtStartOf(day: DayNumber): number {
  return Math.floor(sunLongitude(day + JD_OF_DAY_ZERO - CALENDAR_UTC_OFFSET_DAYS) / 30)
}

function newMoonNumberNear(day: DayNumber): number {
  return (day + JD_OF_DAY_ZERO - NEW_MOON_ZERO_JD) / SYNODIC_MONTH_DAYS
}

/** First day of the lunar month that contains the December solstice of a Gregorian year (tháng 11). */
function eleventhMonthStart(gregorianYear: number): DayNumber {
  const december31 = Date.UTC(gregorianYear, 11, 31) / 86_400_000
  const k = Math.floor(newMoonNumberNear(december31))
  const start = newMoonDay(k)
  // The sun already at or past 270° when this month begins: the solstice was in the month before.
  return sunSectorAtStartOf(start) >= 9 ? newMoonDay(k - 1) : start
}

const monthsCache = new Map<number, LunarMonth[]>()

/**
 * The lunar months from tháng 11 of lunar year `gregorianYear - 1` up to (not including)
 * tháng 11 of lunar year `gregorianYear`: 12 months, or 13 with the leap month marked.
 */
function monthsBetweenSolstices(gregorianYear: number): LunarMonth[] {
  const cached = monthsCache.get(gregorianYear)
  if (cached) return cached
  const from = eleventhMonthStart(gregorianYear - 1)
  const to = eleventhMonthStart(gregorianYear)
  const firstK = Math.round(newMoonNumberNear(from))
  const starts: DayNumber[] = []
  for (let k = firstK; newMoonDay(k) < to; k++) starts.push(newMoonDay(k))
  starts.push(to)
  const count = starts.length - 1
  if (starts[0] !== from || (count !== 12 && count !== 13)) {
    throw new Error(`lunar calendar: ${count} months between the solstice months of ${gregorianYear}`)
  }
  // A 13-month span has a leap month: the first one (after tháng 11) without a principal term,
  // i.e. the sun is in the same 30° sector when it begins and when the next month begins.
  let leapIndex = -1
  if (count === 13) {
    for (let i = 1; i < count; i++) {
      if (sunSectorAtStartOf(starts[i] as number) === sunSectorAtStartOf(starts[i + 1] as number)) {
        leapIndex = i
        break
      }
    }
    if (leapIndex < 0)
      throw new Error(`lunar calendar: no leap month found before tháng 11 of ${gregorianYear}`)
  }
  const months: LunarMonth[] = []
  let month = 11
  for (let i = 0; i < count; i++) {
    const leap = i === leapIndex
    if (i > 0 && !leap) month = (month % 12) + 1
    const start = starts[i] as number
    months.push({
      year: month >= 11 ? gregorianYear - 1 : gregorianYear,
      month,
      leap,
      start,
      length: (starts[i + 1] as number) - start,
    })
  }
  monthsCache.set(gregorianYear, months)
  return months
}

function checkYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < LUNAR_FIRST_YEAR || year > LUNAR_LAST_YEAR) {
    throw new RangeError(`${what} ${year} is outside ${LUNAR_FIRST_YEAR}–${LUNAR_LAST_YEAR}`)
  }
}

/** The lunar date of a (Gregorian) calendar date. */
export function toLunar(date: LocalDate): LunarDate {
  const gregorianYear = yearOf(date)
  checkYear(gregorianYear, 'year')
  const day = dayNumberOf(date)
  // tháng 11 of a lunar year starts in late November or December of the same Gregorian year.
  const span = day < eleventhMonthStart(gregorianYear) ? gregorianYear : gregorianYear + 1
  const month = monthsBetweenSolstices(span).find((m) => day >= m.start && day < m.start + m.length)
  if (!month) throw new Error(`lunar calendar: ${date} is in no month`)
  return { year: month.year, month: month.month, day: day - month.start + 1, leap: month.leap }
}

/** All months of a lunar year in order, with their length (29 or 30 days) and leap mark. */
export function lunarMonthsOf(lunarYear: number): { month: number; leap: boolean; length: number }[] {
  checkYear(lunarYear, 'lunar year')
  // Months 1–10 lie in the span ending at this year's tháng 11; 11 and 12 in the next span.
  return [...monthsBetweenSolstices(lunarYear), ...monthsBetweenSolstices(lunarYear + 1)]
    .filter((m) => m.year === lunarYear)
    .map(({ month, leap, length }) => ({ month, leap, length }))
}

/** The Gregorian date of a lunar date; throws a RangeError when that date does not exist. */
export function fromLunar(lunar: { year: number; month: number; day: number; leap?: boolean }): LocalDate {
  checkYear(lunar.year, 'lunar year')
  const leap = lunar.leap ?? false
  const span = lunar.month >= 11 ? lunar.year + 1 : lunar.year
  const month = monthsBetweenSolstices(span).find(
    (m) => m.year === lunar.year && m.month === lunar.month && m.leap === leap,
  )
  if (!month || !Number.isInteger(lunar.day) || lunar.day < 1 || lunar.day > month.length) {
    throw new RangeError(
      `no lunar date ${lunar.day}/${lunar.month}${leap ? ' (nhuận)' : ''}/${lunar.year} in the Vietnamese calendar`,
    )
  }
  return localDateOfDayNumber(month.start + lunar.day - 1)
}

/** Mùng 1 Tết: the first day of the lunar year that begins in Gregorian year `year`. */
export function lunarNewYear(year: number): LocalDate {
  return fromLunar({ year, month: 1, day: 1 })
}
