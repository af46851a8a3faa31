import type { TimelineEntry } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'

/** What happened to the report, oldest first: each step in words, who acted, and any message. */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const ordered = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id)
  return (
    <ol className="timeline">
      {ordered.map((entry) => (
        <li key={entry.id} className="timeline__entry">
          <p className="timeline__what">
            <strong>{t(`feedback.timeline.${entry.kind}`)}</strong>
            {entry.toStatus && entry.kind === 'status_changed' ? (
              <> — {t(`feedback.status.${entry.toStatus}`)}</>
            ) : null}
          </p>
          <p className="timeline__meta">
            <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
            {' · '}
            {entry.agency ? entry.agency.name : t(`feedback.actor.${entry.actor}`)}
          </p>
          {entry.rating !== null ? (
            <p>{t('feedback.report.ratingValue', { rating: formatNumber(entry.rating, language) })}</p>
          ) : null}
          {entry.message ? <p className="timeline__message">{entry.message}</p> : null}
        </li>
      ))}
    </ol>
  )
}
