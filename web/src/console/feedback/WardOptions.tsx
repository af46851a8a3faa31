import type { WardSummary } from '@dc/contracts'
import type { Language } from '../../i18n/languages.ts'
import { useLanguage } from '../../i18n/useLanguage.ts'

/** A ward's full name ("Phường Bến Thành") in the page's language. */
export function wardName(ward: WardSummary, language: Language): string {
  return language === 'en' ? ward.fullNameEn : ward.fullName
}

/** The wards as <option>s, sorted by the name shown, in the page's language. */
export function WardOptions({ wards }: { wards: readonly WardSummary[] }) {
  const language = useLanguage()
  const collator = new Intl.Collator(language)
  const sorted = [...wards].sort((a, b) => collator.compare(wardName(a, language), wardName(b, language)))
  return (
    <>
      {sorted.map((ward) => (
        <option key={ward.code} value={ward.code}>
          {wardName(ward, language)}
        </option>
      ))}
    </>
  )
}
