import type { ConsoleReportSummary } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../i18n/format.ts'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { reportPath } from './paths.ts'
import { formatShortDateTime } from './reportFacts.ts'
import { StatusChip } from './StatusChip.tsx'
import { useWideScreen } from './useWideScreen.ts'

export interface QueueListProps {
  reports: ConsoleReportSummary[]
  selected: ReadonlySet<string>
  onSelect: (reportId: string, selected: boolean) => void
}

/**
 * The queue: a table on wide screens, a card per report on phones. Either way each report's code
 * is its link and each has a "Select …" checkbox for reassigning several at once.
 */
export function QueueList(props: QueueListProps) {
  return useWideScreen() ? <QueueTable {...props} /> : <QueueCards {...props} />
}

function SelectBox({
  report,
  selected,
  onSelect,
}: { report: ConsoleReportSummary } & Omit<QueueListProps, 'reports'>) {
  const { t } = useTranslation()
  return (
    <label className="checkbox cf-select">
      <input
        type="checkbox"
        checked={selected.has(report.id)}
        onChange={(event) => onSelect(report.id, event.target.checked)}
      />
      <span className="visually-hidden">{t('consoleFeedback.queue.select', { code: report.code })}</span>
    </label>
  )
}

function Deadline({ report }: { report: ConsoleReportSummary }) {
  const { t } = useTranslation()
  const language = useLanguage()
  if (!report.deadlineAt) return <>{t('consoleFeedback.queue.noDeadline')}</>
  return (
    <>
      {formatShortDateTime(report.deadlineAt, language)}
      {report.overdue ? (
        <strong className="cf-overdue-mark">{t('consoleFeedback.queue.overdueMark')}</strong>
      ) : null}
    </>
  )
}

/** Escalation and reopenings: why a report needs a second look. */
function Flags({ report }: { report: ConsoleReportSummary }) {
  const { t } = useTranslation()
  const flags = [
    report.escalatedTo ? t('consoleFeedback.queue.escalatedTo', { agency: report.escalatedTo.name }) : '',
    report.reopenCount > 0 ? t('consoleFeedback.queue.reopened', { times: report.reopenCount }) : '',
  ].filter(Boolean)
  if (!flags.length) return null
  return (
    <span className="cf-flags">
      {flags.map((flag) => (
        <span key={flag} className="cf-flag">
          {flag}
        </span>
      ))}
    </span>
  )
}

function QueueTable({ reports, selected, onSelect }: QueueListProps) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label={t('consoleFeedback.queue.listLabel')} tabIndex={0}>
      <table className="status-table cf-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t('consoleFeedback.queue.selectColumn')}</span>
            </th>
            <th scope="col">{t('consoleFeedback.queue.code')}</th>
            <th scope="col">{t('consoleFeedback.queue.category')}</th>
            <th scope="col">{t('consoleFeedback.queue.ward')}</th>
            <th scope="col">{t('consoleFeedback.queue.submitted')}</th>
            <th scope="col">{t('consoleFeedback.queue.deadline')}</th>
            <th scope="col">{t('consoleFeedback.queue.meToo')}</th>
            <th scope="col">{t('consoleFeedback.queue.status')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.id} className={report.overdue ? 'cf-row--overdue' : undefined}>
              <td>
                <SelectBox report={report} selected={selected} onSelect={onSelect} />
              </td>
              <th scope="row">
                <a href={reportPath(report.id)} className="cf-code">
                  {report.code}
                </a>
                <Flags report={report} />
              </th>
              <td>{report.category.name[language]}</td>
              <td>{report.ward.name}</td>
              <td>{formatShortDateTime(report.submittedAt, language)}</td>
              <td className={report.overdue ? 'cf-deadline cf-deadline--overdue' : 'cf-deadline'}>
                <Deadline report={report} />
              </td>
              <td className="cf-number">{formatNumber(report.meTooCount, language)}</td>
              <td>
                <StatusChip status={report.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function QueueCards({ reports, selected, onSelect }: QueueListProps) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <ul className="cf-cards" aria-label={t('consoleFeedback.queue.listLabel')}>
      {reports.map((report) => (
        <li key={report.id} className={report.overdue ? 'cf-card cf-card--overdue' : 'cf-card'}>
          <div className="cf-card__head">
            <SelectBox report={report} selected={selected} onSelect={onSelect} />
            <h3 className="cf-card__title">
              <a href={reportPath(report.id)} className="cf-code">
                {report.code}
              </a>
            </h3>
            <StatusChip status={report.status} />
          </div>
          <p className="cf-card__category">{report.category.name[language]}</p>
          <Flags report={report} />
          <dl className="cf-facts">
            <div>
              <dt>{t('consoleFeedback.queue.ward')}</dt>
              <dd>{report.ward.name}</dd>
            </div>
            <div>
              <dt>{t('consoleFeedback.queue.submitted')}</dt>
              <dd>{formatShortDateTime(report.submittedAt, language)}</dd>
            </div>
            <div>
              <dt>{t('consoleFeedback.queue.deadline')}</dt>
              <dd className={report.overdue ? 'cf-deadline cf-deadline--overdue' : 'cf-deadline'}>
                <Deadline report={report} />
              </dd>
            </div>
            <div>
              <dt>{t('consoleFeedback.queue.meToo')}</dt>
              <dd>{formatNumber(report.meTooCount, language)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  )
}
