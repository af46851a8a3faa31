import { intlLocales, type Language } from './languages.ts'

/** Every date and time the platform shows is city time, whatever the device's zone. */
export const cityTimeZone = 'Asia/Ho_Chi_Minh'

/**
 * Time first, then the full date, in city time: "17:31, Thứ Ba, 24 tháng 11, 2026" /
 * "17:31, Tuesday 24 November 2026". (ICU's combined vi pattern reads awkwardly, so the two
 * parts are formatted separately.)
 */
export function formatDateTime(value: string | Date, language: Language): string {
  const date = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(date.getTime())) return String(value)
  const locale = intlLocales[language]
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: cityTimeZone,
    timeStyle: 'short',
    hourCycle: 'h23',
  })
  const day = new Intl.DateTimeFormat(locale, { timeZone: cityTimeZone, dateStyle: 'full' })
  return `${time.format(date)}, ${day.format(date)}`
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(intlLocales[language]).format(value)
}

/**
 * A calendar date (`YYYY-MM-DD`, no time of day) written out: "6 tháng 10, 2026" / "6 October 2026".
 * It is read as a day in the city, so no device time zone can move it to the day before.
 */
export function formatDate(value: string, language: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const date = new Date(`${value}T12:00:00+07:00`)
  if (Number.isNaN(date.getTime())) return value
  return new Intl.DateTimeFormat(intlLocales[language], { timeZone: cityTimeZone, dateStyle: 'long' }).format(
    date,
  )
}
