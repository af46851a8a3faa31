import { useTranslation } from 'react-i18next'
import { languageNames, languages } from '../i18n/languages.ts'
import { changeLanguage } from '../i18n/setup.ts'
import { useLanguage } from '../i18n/useLanguage.ts'

/**
 * One button per language, each named in its own language, the current one marked pressed.
 * The group is labelled "Ngôn ngữ" / "Language" for screen readers.
 */
export function LanguageSwitch() {
  const { t } = useTranslation()
  const current = useLanguage()
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('app.languageSwitchLabel')}</legend>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === current}
          onClick={() => void changeLanguage(language)}
        >
          {languageNames[language]}
        </button>
      ))}
    </fieldset>
  )
}
