import type { AgencyItem, AgencyKindName } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { useLanguage } from '../i18n/useLanguage.ts'

const kindOrder: AgencyKindName[] = ['city', 'department', 'service_unit', 'ward_committee']

export function agencyName(agency: AgencyItem | undefined, language: 'vi' | 'en'): string | undefined {
  if (!agency) return undefined
  return language === 'en' ? agency.nameEn : agency.name
}

/** A labelled agency picker, grouped by kind (the city, departments, units, ward committees). */
export function AgencySelect({
  id,
  agencies,
  value,
  onChange,
}: {
  id: string
  agencies: AgencyItem[]
  value: string
  onChange: (agencyId: string) => void
}) {
  const { t } = useTranslation()
  return (
    <div className="field">
      <label htmlFor={id}>{t('admin.agency')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <AgencyOptions agencies={agencies} />
      </select>
    </div>
  )
}

/** Agencies as <option>s under one <optgroup> per kind, in kind order, by name within a kind. */
export function AgencyOptions({ agencies }: { agencies: readonly AgencyItem[] }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const collator = new Intl.Collator(language)
  return (
    <>
      {kindOrder.map((kind) => {
        const ofKind = agencies
          .filter((agency) => agency.kind === kind)
          .sort((a, b) => collator.compare(agencyName(a, language) ?? '', agencyName(b, language) ?? ''))
        if (!ofKind.length) return null
        return (
          <optgroup key={kind} label={t(`admin.agencyKinds.${kind}`)}>
            {ofKind.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agencyName(agency, language)}
              </option>
            ))}
          </optgroup>
        )
      })}
    </>
  )
}
