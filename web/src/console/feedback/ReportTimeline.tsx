import type { ConsoleReport } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { formatShortDateTime } from './reportFacts.ts'

/** Everything that happened to the report, oldest first: who, when, which status, what was said. */
export function ReportTimeline({ report }: { report: ConsoleReport }) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <section className="card cf-section" aria-labelledby="cf-timeline-heading">
      <h2 id="cf-timeline-heading">{t('consoleFeedback.report.timelineHeading')}</h2>
      {report.timeline.length === 0 ? (
        <p>{t('consoleFeedback.report.noTimeline')}</p>
      ) : (
        <ol className="cf-timeline">
          {report.timeline.map((entry) => (
            <li key={entry.id} className="cf-timeline__entry">
              <p className="cf-timeline__head">
                <strong>{t(`consoleFeedback.report.timeline.${entry.kind}`)}</strong>
                <time dateTime={entry.at}>{formatShortDateTime(entry.at, language)}</time>
              </p>
              <p className="cf-timeline__meta">
                {[
                  t(`consoleFeedback.report.actors.${entry.actor}`),
                  entry.agency?.name,
                  entry.fromStatus && entry.toStatus
                    ? t('consoleFeedback.report.statusChange', {
                        from: t(`consoleFeedback.statuses.${entry.fromStatus}`),
                        to: t(`consoleFeedback.statuses.${entry.toStatus}`),
                      })
                    : entry.toStatus
                      ? t(`consoleFeedback.statuses.${entry.toStatus}`)
                      : undefined,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {entry.rating !== null ? (
                <p>{t('consoleFeedback.report.ratingEntry', { rating: entry.rating })}</p>
              ) : null}
              {entry.message ? <p className="cf-text cf-timeline__message">{entry.message}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
