/** The city's time zone: every date and time the platform shows or reasons about is in it. */
export const CITY_TIME_ZONE = 'Asia/Ho_Chi_Minh'

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/**
 * An instant as ISO 8601 with the city's +07:00 offset (as CAP and residents expect), e.g.
 * 2026-11-24T17:05:00.123+07:00. Vietnam has no daylight saving time, so the offset is fixed.
 */
export function formatInstantHcm(instant: Date): string {
  const p = Object.fromEntries(parts.formatToParts(instant).map((part) => [part.type, part.value]))
  const ms = String(instant.getUTCMilliseconds()).padStart(3, '0')
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${ms}+07:00`
}
