import type { SystemInfo } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { fetchSystemInfo } from '../api/platform.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResourceView } from '../shell/ResourceView.tsx'

/** Live facts from `GET /api/v1/system/info`: the city, its wards and the server's clock. */
export function PlatformFactsCard() {
  const { t } = useTranslation()
  const systemInfo = useApiResource(fetchSystemInfo)
  return (
    <section
      className="card facts"
      aria-labelledby="facts-heading"
      aria-busy={systemInfo.state.status === 'loading'}
    >
      <h2 id="facts-heading">{t('facts.heading')}</h2>
      <ResourceView resource={systemInfo}>{(info) => <PlatformFacts info={info} />}</ResourceView>
    </section>
  )
}

function PlatformFacts({ info }: { info: SystemInfo }) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <dl className="facts__list">
      <div className="facts__item">
        <dt>{t('facts.city')}</dt>
        <dd>{info.city.name}</dd>
      </div>
      <div className="facts__item">
        <dt>{t('facts.wards')}</dt>
        <dd>
          {t('facts.wardCount', { total: formatNumber(info.city.wardCount, language) })}
          <span className="facts__aside">
            {t('facts.oldWardCount', { total: formatNumber(info.city.oldWardCount, language) })}
          </span>
        </dd>
      </div>
      <div className="facts__item">
        <dt>{t('facts.serverTime')}</dt>
        <dd>
          <time dateTime={info.serverTime}>{formatDateTime(info.serverTime, language)}</time>
        </dd>
      </div>
    </dl>
  )
}
