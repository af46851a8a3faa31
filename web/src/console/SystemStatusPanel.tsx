import { useTranslation } from 'react-i18next'
import { fetchReadiness, fetchSystemInfo } from '../api/platform.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { ResourceView } from '../shell/ResourceView.tsx'
import { ReadinessTable } from './ReadinessTable.tsx'
import { ServerInfoList } from './ServerInfoList.tsx'

/** Readiness checks (`/ready`) and server facts (`/api/v1/system/info`), refreshable on demand. */
export function SystemStatusPanel() {
  const { t } = useTranslation()
  const readiness = useApiResource(fetchReadiness)
  const info = useApiResource(fetchSystemInfo)
  const refresh = () => {
    readiness.reload()
    info.reload()
  }
  return (
    <section className="card status-panel" aria-labelledby="status-heading">
      <div className="status-panel__header">
        <h2 id="status-heading">{t('status.heading')}</h2>
        <button type="button" className="button button--secondary" onClick={refresh}>
          {t('app.refresh')}
        </button>
      </div>
      <h3>{t('status.readinessHeading')}</h3>
      <ResourceView resource={readiness}>{(ready) => <ReadinessTable ready={ready} />}</ResourceView>
      <h3>{t('status.infoHeading')}</h3>
      <ResourceView resource={info}>{(data) => <ServerInfoList info={data} />}</ResourceView>
    </section>
  )
}
