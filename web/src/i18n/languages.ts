/** The languages the web app speaks. Vietnamese is the default. */
export const languages = ['vi', 'en'] as const
export type Language = (typeof languages)[number]
export const defaultLanguage: Language = 'vi'

/** Each language's own name, written in that language (so a reader finds theirs). */
export const languageNames: Record<Language, string> = {
  vi: 'Tiếng Việt',
  en: 'English',
}

/** The locale Intl formats dates and numbers with, per language. */
export const intlLocales: Record<Language, string> = {
  vi: 'vi-VN',
  en: 'en-GB',
}

/** Where the resident's choice is remembered between visits. */
export const languageStorageKey = 'dc.lang'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}

/** Narrows whatever i18next reports (e.g. 'en-US', undefined) to one of ours. */
export function toLanguage(value: string | undefined): Language {
  const base = value?.split('-')[0]
  return isLanguage(base) ? base : defaultLanguage
}

export function readStoredLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(languageStorageKey)
    return isLanguage(stored) ? stored : defaultLanguage
  } catch {
    // Storage can be blocked (private mode, strict settings): fall back to the default.
    return defaultLanguage
  }
}

export function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(languageStorageKey, language)
  } catch {
    // Not remembering the choice is acceptable; the page still switches.
  }
}
