import type { NearbyList } from '@dc/contracts'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../api/errors.ts'
import { addMeToo, fetchNearby } from '../api/feedback.ts'
import { ProblemAlert } from '../auth/ProblemAlert.tsx'
import { goTo } from '../auth/useSession.ts'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { failureOf } from './failure.ts'
import type { LngLat } from './PinMap.tsx'
import { reportPath } from './paths.ts'
import { excerpt, ReportThumbnail } from './ReportSummaryList.tsx'
import { StatusBadge } from './StatusBadge.tsx'

/**
 * Before sending: open reports of the same kind within a few metres. If it is the same problem,
 * "Tôi cũng gặp" adds the resident to that report (and takes them to it) instead of filing a copy.
 * A failed lookup is not worth an error here: the resident can still send their report.
 */
export function NearbyReports({ pin, categoryId }: { pin: LngLat | null; categoryId: string }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [nearby, setNearby] = useState<NearbyList | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const lon = pin?.lon
  const lat = pin?.lat

  useEffect(() => {
    setNearby(null)
    if (lon === undefined || lat === undefined || !categoryId) return
    const controller = new AbortController()
    fetchNearby(lon, lat, categoryId, controller.signal).then(setNearby, () => {})
    return () => controller.abort()
  }, [lon, lat, categoryId])

  const meToo = async (reportId: string) => {
    setBusy(reportId)
    setFailure(null)
    try {
      await addMeToo(reportId)
      goTo(reportPath(reportId))
    } catch (error) {
      setFailure(failureOf(error))
      setBusy(null)
    }
  }

  const reports = nearby?.reports ?? []
  return (
    <>
      <p role="status" className="visually-hidden">
        {reports.length > 0
          ? t('feedback.nearby.found', { total: formatNumber(reports.length, language) })
          : ''}
      </p>
      {reports.length > 0 && nearby ? (
        <section className="card nearby" aria-labelledby="nearby-heading">
          <h2 id="nearby-heading">{t('feedback.nearby.heading')}</h2>
          <p>
            {t('feedback.nearby.intro', {
              metres: formatNumber(nearby.radiusMeters, language),
              days: formatNumber(nearby.days, language),
            })}
          </p>
          {failure ? <ProblemAlert failure={failure} /> : null}
          <ul className="report-list">
            {reports.map((report) => (
              <li key={report.id} className="nearby__item">
                <ReportThumbnail url={report.thumbnailUrl} />
                <div className="report-card__body">
                  <h3 className="report-card__title" id={`nearby-${report.id}`}>
                    {report.description !== null ? (
                      <a href={reportPath(report.id)}>{report.code}</a>
                    ) : (
                      report.code
                    )}
                  </h3>
                  <p className="report-card__meta">
                    <StatusBadge status={report.status} />
                    <span>
                      {t('feedback.nearby.distance', {
                        metres: formatNumber(Math.round(report.distanceMeters), language),
                      })}
                    </span>
                  </p>
                  <p className="report-card__excerpt">
                    {report.description !== null ? excerpt(report.description) : t('feedback.nearby.private')}
                  </p>
                  <p className="report-card__meta">
                    <time dateTime={report.submittedAt}>{formatDateTime(report.submittedAt, language)}</time>
                    {report.meTooCount > 0 ? (
                      <span>
                        {t('feedback.meToo.count', { total: formatNumber(report.meTooCount, language) })}
                      </span>
                    ) : null}
                  </p>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy !== null}
                    aria-busy={busy === report.id}
                    aria-describedby={`nearby-${report.id}`}
                    onClick={() => void meToo(report.id)}
                  >
                    {t('feedback.meToo.button')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
