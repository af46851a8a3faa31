import type { SystemInfo } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'

/** What the server says about itself, as a definition list (term → value). */
export function ServerInfoList({ info }: { info: SystemInfo }) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <dl className="info-list">
      <div>
        <dt>{t('status.engine')}</dt>
        <dd>{t(`status.engines.${info.engine}`)}</dd>
      </div>
      <div>
        <dt>{t('status.version')}</dt>
        <dd>
          <code>{info.version}</code>
        </dd>
      </div>
      <div>
        <dt>{t('status.roles')}</dt>
        <dd>
          {info.roles.map((role) => (
            <code key={role} className="tag">
              {role}
            </code>
          ))}
        </dd>
      </div>
      <div>
        <dt>{t('status.wardCount')}</dt>
        <dd>{formatNumber(info.city.wardCount, language)}</dd>
      </div>
      <div>
        <dt>{t('status.oldWardCount')}</dt>
        <dd>{formatNumber(info.city.oldWardCount, language)}</dd>
      </div>
      <div>
        <dt>{t('status.serverTime')}</dt>
        <dd>
          <time dateTime={info.serverTime}>{formatDateTime(info.serverTime, language)}</time>
        </dd>
      </div>
    </dl>
  )
}
