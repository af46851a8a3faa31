import type { WardSummary } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { useLanguage } from '../i18n/useLanguage.ts'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import type { WardSearchState } from './useWardSearch.ts'

export interface SearchResultsProps {
  state: WardSearchState
  onChoose: (ward: WardSummary) => void
  onRetry: () => void
}

/** The wards a search found: today's names first, then former wards with the ward they are now in. */
export function SearchResults({ state, onChoose, onRetry }: SearchResultsProps) {
  const { t } = useTranslation()
  if (state.status === 'idle') return null
  if (state.status === 'searching')
    return <p className="notice notice--loading">{t('map.search.searching')}</p>
  if (state.status === 'failed') return <FailureNotice failure={state.failure} onRetry={onRetry} />
  const { current, former } = state.resolution
  if (current.length === 0 && former.length === 0) {
    return <p>{t('map.search.none', { query: state.query })}</p>
  }
  return (
    <div className="search-results">
      <p>{t('map.search.count', { total: current.length + former.length, query: state.query })}</p>
      {current.length > 0 ? (
        <>
          <h3>{t('map.search.current')}</h3>
          <WardButtons wards={current} onChoose={onChoose} />
        </>
      ) : null}
      {former.length > 0 ? (
        <>
          <h3>{t('map.search.former')}</h3>
          <ul className="search-results__former">
            {former.map((ward) => (
              <li key={ward.code}>
                <p>{t('map.search.formerNowIn', { name: ward.name, province: ward.oldProvinceName })}</p>
                <WardButtons wards={ward.nowIn} onChoose={onChoose} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}

function WardButtons({ wards, onChoose }: { wards: WardSummary[]; onChoose: (ward: WardSummary) => void }) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <ul className="ward-buttons">
      {wards.map((ward) => (
        <li key={ward.code}>
          <button type="button" className="list-button" onClick={() => onChoose(ward)}>
            <span className="list-button__title">{language === 'en' ? ward.fullNameEn : ward.fullName}</span>
            <span className="list-button__meta">{t(`map.details.wardKinds.${ward.kind}`)}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
