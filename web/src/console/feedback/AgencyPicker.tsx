import type { AgencyItem } from '@dc/contracts'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureOf } from '../../account/SessionsCard.tsx'
import { searchAgencies } from '../../api/console-feedback.ts'
import type { RequestFailure } from '../../api/errors.ts'
import { isAbort } from '../../api/http.ts'
import { useFailureText } from '../../auth/ProblemAlert.tsx'
import { SelectField } from '../../auth/TextField.tsx'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { AgencyOptions } from '../AgencySelect.tsx'

/** Typing pauses this long before the next search is sent, so each keystroke is not a request. */
const searchPauseMs = 250

type Found =
  | { status: 'searching' }
  | { status: 'found'; agencies: AgencyItem[] }
  | { status: 'failed'; failure: RequestFailure }

/**
 * An agency chosen from the city's ~200: a search box (`GET /api/v1/agencies?q=`, diacritics
 * optional) narrows a plain <select>, grouped by kind. The number of matches is announced; the
 * chosen agency stays in the list while other searches run.
 */
export function AgencyPicker({
  id,
  label,
  value,
  onChange,
  error,
  excludeIds = [],
  initialId,
}: {
  id: string
  label: string
  value: AgencyItem | null
  onChange: (agency: AgencyItem | null) => void
  error?: string | undefined
  /** Agencies that make no sense here (the report's own agency, existing coordinators). */
  excludeIds?: readonly string[]
  /** An agency to choose as soon as the list has it (editing something that names one). */
  initialId?: string | undefined
}) {
  const { t } = useTranslation()
  const _language = useLanguage()
  const failureText = useFailureText()
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<Found>({ status: 'searching' })

  useEffect(() => {
    const controller = new AbortController()
    setFound({ status: 'searching' })
    const timer = setTimeout(
      () => {
        searchAgencies(query, controller.signal).then(
          (list) => setFound({ status: 'found', agencies: list.agencies }),
          (failure: unknown) => {
            if (!isAbort(failure)) setFound({ status: 'failed', failure: failureOf(failure) })
          },
        )
      },
      query ? searchPauseMs : 0,
    )
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [query])

  const [initialPending, setInitialPending] = useState(initialId)
  useEffect(() => {
    if (!initialPending || found.status !== 'found') return
    setInitialPending(undefined)
    const initial = found.agencies.find((agency) => agency.id === initialPending)
    if (initial) onChange(initial)
  }, [initialPending, found, onChange])

  const matches = found.status === 'found' ? found.agencies.filter((a) => !excludeIds.includes(a.id)) : []
  const choices = value && !matches.some((agency) => agency.id === value.id) ? [value, ...matches] : matches
  const statusText =
    found.status === 'searching'
      ? t('consoleFeedback.agencyPicker.searching')
      : found.status === 'failed'
        ? failureText(found.failure)
        : matches.length
          ? t('consoleFeedback.agencyPicker.matches', { found: matches.length })
          : t('consoleFeedback.agencyPicker.noMatch')

  return (
    <div className="cf-agency-picker">
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('consoleFeedback.agencyPicker.search')}</label>
        <p id={`${id}-search-hint`} className="field__hint">
          {t('consoleFeedback.agencyPicker.searchHint')}
        </p>
        <input
          id={`${id}-search`}
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-search-hint ${id}-matches`}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <p id={`${id}-matches`} className="field__hint" role="status">
          {statusText}
        </p>
      </div>
      <SelectField
        id={id}
        label={label}
        error={error}
        value={value?.id ?? ''}
        onChange={(event) => onChange(choices.find((agency) => agency.id === event.target.value) ?? null)}
      >
        <option value="">{t('consoleFeedback.agencyPicker.placeholder')}</option>
        <AgencyOptions agencies={choices} />
      </SelectField>
    </div>
  )
}
