import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en.ts'
import { defaultLanguage, type Language, readStoredLanguage, storeLanguage, toLanguage } from './languages.ts'
import { vi } from './vi.ts'

export const resources = {
  vi: { translation: vi },
  en: { translation: en },
} as const

/**
 * Starts i18next with the stored language (Vietnamese if none) and keeps `<html lang>`,
 * the stored choice and anything else that listens in step whenever the language changes.
 */
export function setupI18n(): typeof i18next {
  i18next.on('languageChanged', (lng) => {
    const language = toLanguage(lng)
    document.documentElement.lang = language
    storeLanguage(language)
  })
  i18next.use(initReactI18next).init({
    resources,
    lng: readStoredLanguage(),
    fallbackLng: defaultLanguage,
    supportedLngs: ['vi', 'en'],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
  })
  return i18next
}

export function changeLanguage(language: Language): Promise<unknown> {
  return i18next.changeLanguage(language)
}
