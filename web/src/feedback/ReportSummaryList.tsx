import type { PublicReportSummary } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { reportPath } from './paths.ts'
import { StatusBadge } from './StatusBadge.tsx'

/** Reports as cards: code and category (the link), status, ward, when, an excerpt, "me too" count. */
export function ReportSummaryList({ reports }: { reports: readonly PublicReportSummary[] }) {
  return (
    <ul className="report-list">
      {reports.map((report) => (
        <li key={report.id}>
          <ReportSummaryCard report={report} />
        </li>
      ))}
    </ul>
  )
}

function ReportSummaryCard({ report }: { report: PublicReportSummary }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const headingId = `report-${report.id}`
  return (
    <article className="report-card" aria-labelledby={headingId}>
      <ReportThumbnail url={report.thumbnailUrl} />
      <div className="report-card__body">
        <h3 id={headingId} className="report-card__title">
          <a href={reportPath(report.id)}>
            {report.category.name[language]}
            <span className="report-card__code"> · {report.code}</span>
          </a>
        </h3>
        <p className="report-card__meta">
          <StatusBadge status={report.status} />
          <span>{report.ward.name}</span>
        </p>
        {report.description ? <p className="report-card__excerpt">{excerpt(report.description)}</p> : null}
        <p className="report-card__meta">
          <time dateTime={report.submittedAt}>{formatDateTime(report.submittedAt, language)}</time>
          {report.meTooCount > 0 ? (
            <span>{t('feedback.meToo.count', { total: formatNumber(report.meTooCount, language) })}</span>
          ) : null}
        </p>
      </div>
    </article>
  )
}

/** A report's first photo, small, beside its card's words (decorative: the words say what it is). */
export function ReportThumbnail({ url }: { url: string | null }) {
  if (!url) return null
  return <img className="report-card__thumb" src={url} alt="" width="80" height="80" loading="lazy" />
}

/** The first ~160 characters, cut at a word. */
export function excerpt(text: string, limit = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= limit) return flat
  const cut = flat.slice(0, limit)
  const space = cut.lastIndexOf(' ')
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}
