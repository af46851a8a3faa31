/** The platform's working-day calendar for Vietnam (see README.md). */
export {
  type Announcements,
  COMPENSATORY_DAYS_FILE,
  type DayOff,
  type DayOffKind,
  defaultTetDays,
  HOLIDAY_RULES_FIRST_YEAR,
  HOLIDAY_RULES_LAST_YEAR,
  holidaysIn,
  loadAnnouncements,
  type MakeUpWorkingDay,
  makeUpWorkingDaysIn,
  parseAnnouncements,
} from './holidays.ts'
export {
  addDays,
  instantAt,
  isLocalDate,
  isLocalTime,
  isoWeekday,
  isWeekend,
  type LocalDate,
  type LocalTime,
  localDateOf,
  parseLocalDate,
  parseLocalTime,
} from './local-date.ts'
export { fromLunar, type LunarDate, lunarMonthsOf, lunarNewYear, toLunar } from './lunar.ts'
export {
  addWorkingDays,
  createWorkingCalendar,
  type DeadlineOptions,
  isWorkingDay,
  OFFICE_DAY_END,
  subtractWorkingDays,
  type WorkingCalendar,
  workingCalendar,
  workingDaysBetween,
} from './working-days.ts'
