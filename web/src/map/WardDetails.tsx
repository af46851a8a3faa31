import type { WardDetail } from '@dc/contracts'
import { useCallback, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchWard } from '../api/geo.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResourceView } from '../shell/ResourceView.tsx'
import { DetailList } from './DetailList.tsx'

export interface WardDetailsProps {
  code: string
  /** Told once the ward is loaded (the page fits the map to it, announces it). */
  onLoaded: (ward: WardDetail) => void
}

/** A 2025 ward: name, kind, code, area and the pre-2025 wards it was formed from. */
export function WardDetails({ code, onLoaded }: WardDetailsProps) {
  const load = useCallback((signal: AbortSignal) => fetchWard(code, signal), [code])
  const ward = useApiResource(load)
  const { state } = ward
  useEffect(() => {
    if (state.status === 'loaded') onLoaded(state.data)
  }, [state, onLoaded])
  return <ResourceView resource={ward}>{(data) => <WardFacts ward={data} />}</ResourceView>
}

function WardFacts({ ward }: { ward: WardDetail }) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <article className="feature-details">
      <h3>{language === 'en' ? ward.fullNameEn : ward.fullName}</h3>
      <DetailList
        rows={[
          [t('map.details.kind'), t(`map.details.wardKinds.${ward.kind}`)],
          [t('map.details.code'), ward.code],
          [
            t('map.details.area'),
            t('map.details.areaValue', {
              value: formatNumber(ward.areaKm2, language),
            }),
          ],
        ]}
      />
      {ward.formedFrom.length > 0 ? (
        <>
          <h4>{t('map.details.formedFrom')}</h4>
          <ul className="former-wards">
            {ward.formedFrom.map((former) => (
              <li key={former.code}>
                <span lang="vi">{former.name}</span>{' '}
                <span className="former-wards__meta">
                  ({former.share === 'full' ? t('map.details.shareFull') : t('map.details.sharePartial')}
                  {' · '}
                  <span lang="vi">{former.oldProvinceName}</span>)
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  )
}
