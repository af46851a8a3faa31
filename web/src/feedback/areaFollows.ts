import type { AreaFollow, WardSummary } from '@dc/contracts'
import { intlLocales, type Language } from '../i18n/languages.ts'

/** The circles a resident can follow around where they stand (the API takes 100–5000 m). */
export const radiusChoices = [300, 500, 1000, 2000] as const
export const defaultRadius = 500

/** "300 m" / "1 km" in the page's language. */
export function formatDistance(meters: number, language: Language): string {
  const [value, unit] = meters >= 1000 ? [meters / 1000, 'kilometer'] : [meters, 'meter']
  return new Intl.NumberFormat(intlLocales[language], { style: 'unit', unit, unitDisplay: 'short' }).format(
    value,
  )
}

/**
 * Text for matching what a resident types against ward names: lower case, without diacritics
 * (đ included, which Unicode does not decompose), so "sai gon" finds "Phường Sài Gòn".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** The wards whose name (Vietnamese or English, with or without "Phường"/"Xã") or code has every typed word. */
export function matchingWards(wards: readonly WardSummary[], query: string): WardSummary[] {
  const words = foldForSearch(query).split(' ').filter(Boolean)
  if (words.length === 0) return [...wards]
  return wards.filter((ward) => {
    const haystack = foldForSearch(`${ward.fullName} ${ward.fullNameEn} ${ward.code}`)
    return words.every((word) => haystack.includes(word))
  })
}

/** Whether the resident already follows this ward (a second follow would only repeat the first). */
export function followsWard(follows: readonly AreaFollow[], wardCode: string): boolean {
  return follows.some((follow) => follow.wardCode === wardCode)
}
