import type { Category, ConsoleReport, ResponseTemplate } from '@dc/contracts'
import { cityTimeZone } from '../../i18n/format.ts'
import { intlLocales, type Language } from '../../i18n/languages.ts'

/** Mean Earth radius (m), as used by the haversine formula. */
const earthRadius = 6_371_008.8

/**
 * Metres between two positions on the sphere (haversine): how far the photo's EXIF position lies
 * from the pin. Good to a few metres at city scale, which is all the comparison needs.
 */
export function metersBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * earthRadius * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** "35 m" below a kilometre, "1,2 km" / "1.2 km" above, in the page's language. */
export function formatDistance(meters: number, language: Language): string {
  const locale = intlLocales[language]
  if (meters < 1000) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(
      Math.round(meters),
    )
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(
    meters / 1000,
  )
}

/** A compact date and time in city time for tables: "24/11/2026 17:31". */
export function formatShortDateTime(value: string, language: Language): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  const locale = intlLocales[language]
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: cityTimeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date)
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: cityTimeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date)
  return `${day} ${time}`
}

/** A position as "10.77690, 106.70090" (latitude first, as maps and phones show it). */
export function formatPosition(point: { lon: number; lat: number }): string {
  return `${point.lat.toFixed(5)}, ${point.lon.toFixed(5)}`
}

/** The category and every group above it, nearest first. */
export function categoryLineage(categoryId: string, categories: readonly Category[]): string[] {
  const byId = new Map(categories.map((category) => [category.id, category]))
  const lineage: string[] = []
  let current = byId.get(categoryId)
  while (current && !lineage.includes(current.id)) {
    lineage.push(current.id)
    current = current.parentId ? byId.get(current.parentId) : undefined
  }
  return lineage.length ? lineage : [categoryId]
}

/**
 * The templates that fit a report: those written for its category (or a group it belongs to)
 * first, then the general ones (no category); templates for other categories are left out.
 */
export function templatesFor(
  templates: readonly ResponseTemplate[],
  categoryId: string,
  categories: readonly Category[],
): ResponseTemplate[] {
  const lineage = categoryLineage(categoryId, categories)
  const rank = (template: ResponseTemplate) =>
    template.categoryId === null ? lineage.length : lineage.indexOf(template.categoryId)
  return templates
    .filter((template) => rank(template) >= 0)
    .sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, 'vi'))
}

/** Categories as choices: each group followed by its leaves, for <optgroup>s. */
export function categoryGroups(
  categories: readonly Category[],
): { group: Category | null; leaves: Category[] }[] {
  const groups = categories.filter((category) => category.parentId === null && !category.selectable)
  const grouped = groups.map((group) => ({
    group,
    leaves: categories.filter((category) => category.parentId === group.id),
  }))
  const placed = new Set(grouped.flatMap(({ group, leaves }) => [group.id, ...leaves.map((leaf) => leaf.id)]))
  const rest = categories.filter((category) => !placed.has(category.id))
  return rest.length ? [...grouped, { group: null, leaves: rest }] : grouped
}

/**
 * The answers to the category's extra questions in words: each question's label, and for lists
 * the options' names rather than their keys. Unknown codes (a question since removed) show as sent.
 */
export function answerLines(
  report: Pick<ConsoleReport, 'answers' | 'category'>,
  categories: readonly Category[],
  language: Language,
): { code: string; label: string; value: string }[] {
  const questions = categories.find((category) => category.id === report.category.id)?.questions ?? []
  return Object.entries(report.answers).map(([code, answer]) => {
    const question = questions.find((q) => q.code === code)
    const values = Array.isArray(answer) ? answer : [answer]
    const named = values.map(
      (value) => question?.options.find((o) => o.key === value)?.name[language] ?? value,
    )
    return { code, label: question?.label[language] ?? code, value: named.join(', ') }
  })
}
