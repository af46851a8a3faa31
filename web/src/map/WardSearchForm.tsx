import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** A labelled search box (a `search` landmark) with a real submit button; the hint says diacritics are optional. */
export function WardSearchForm({ onSearch, busy }: { onSearch: (query: string) => void; busy: boolean }) {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const inputId = useId()
  const hintId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSearch(query)
  }
  return (
    <search>
      <form className="ward-search" onSubmit={submit} aria-busy={busy}>
        <label htmlFor={inputId}>{t('map.search.label')}</label>
        <div className="ward-search__row">
          <input
            id={inputId}
            type="search"
            name="q"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            aria-describedby={hintId}
            autoComplete="off"
            enterKeyHint="search"
            maxLength={100}
            placeholder={t('map.search.placeholder')}
          />
          <button type="submit" className="button">
            {t('map.search.submit')}
          </button>
        </div>
        <p id={hintId} className="visually-hidden">
          {t('map.search.hint')}
        </p>
      </form>
    </search>
  )
}
