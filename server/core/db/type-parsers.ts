/**
 * The same value types on both engines: node-postgres and PGlite parse some types differently
 * by default (bigint, numeric, date). Both engines get these parsers so that a query returns
 * identical JavaScript values wherever it runs.
 */
export const PG_TYPE = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
} as const

/** bigint as a JS number: counts and ids stay far below 2^53 in this domain. */
const parseInt8 = (value: string) => Number(value)
/** numeric as a JS number: areas, water levels, VND amounts all fit a double exactly enough. */
const parseNumeric = (value: string) => Number(value)
/** date as its ISO text (YYYY-MM-DD): a calendar day, not an instant; never shift it by time zone. */
const parseDate = (value: string) => value

export const typeParsers: Record<number, (value: string) => unknown> = {
  [PG_TYPE.INT8]: parseInt8,
  [PG_TYPE.NUMERIC]: parseNumeric,
  [PG_TYPE.DATE]: parseDate,
}
