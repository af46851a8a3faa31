import type { Category, ConsoleReport } from '@dc/contracts'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchConsoleReport } from '../../api/console-feedback.ts'
import { fetchCategories } from '../../api/feedback.ts'
import { useApiResource } from '../../api/useApiResource.ts'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { ResourceView } from '../../shell/ResourceView.tsx'
import { DoneNotice, useDone } from './DoneNotice.tsx'
import { FeedbackPage } from './FeedbackPage.tsx'
import { feedbackPaths } from './paths.ts'
import { ReportActions } from './ReportActions.tsx'
import { ReportDetails, ReporterCard } from './ReportDetails.tsx'
import { ReportPhotos } from './ReportPhotos.tsx'
import { ReportTimeline } from './ReportTimeline.tsx'
import { formatShortDateTime } from './reportFacts.ts'
import { StatusChip } from './StatusChip.tsx'

/** `/console/phan-anh/<id>`: one report, everything officials may know of it, and what they can do. */
export function ReportPage({ id }: { id: string }) {
  const { t } = useTranslation()
  const load = useCallback(
    (signal: AbortSignal) =>
      Promise.all([fetchConsoleReport(id, signal), fetchCategories(signal)]).then(([report, list]) => ({
        report,
        categories: list.categories,
      })),
    [id],
  )
  const resource = useApiResource(load)
  const code = resource.state.status === 'loaded' ? resource.state.data.report.code : ''
  return (
    <FeedbackPage
      documentTitle={
        code ? t('consoleFeedback.report.documentTitle', { code }) : t('consoleFeedback.queue.documentTitle')
      }
      current={null}
    >
      <p className="cf-back">
        <a href={feedbackPaths.queue}>
          <span aria-hidden="true">← </span>
          {t('consoleFeedback.report.back')}
        </a>
      </p>
      <ResourceView resource={resource}>
        {(data) => <ReportView initial={data.report} categories={data.categories} />}
      </ResourceView>
    </FeedbackPage>
  )
}

/** Stands in for the code in the translated heading, so the code itself can be kept on one line. */
const codeMark = '\u0000'

/** "Phản ánh PA-2026-000123" with the code unbroken (a line may otherwise end after "PA-2026-"). */
function WithCode({ text, code }: { text: string; code: string }) {
  const [before = '', after = ''] = text.split(codeMark)
  return (
    <>
      {before}
      <span className="cf-nowrap">{code}</span>
      {after}
    </>
  )
}

function ReportView({ initial, categories }: { initial: ConsoleReport; categories: Category[] }) {
  const { t } = useTranslation()
  const language = useLanguage()
  // Every write answers with the report as it now is: that replaces what was loaded.
  const [report, setReport] = useState(initial)
  const [done, announce] = useDone()
  return (
    <>
      <section className="cf-report-head" aria-labelledby="cf-report-heading">
        <h1 id="cf-report-heading">
          <WithCode text={t('consoleFeedback.report.heading', { code: codeMark })} code={report.code} />
        </h1>
        <p className="cf-report-status">
          {t('consoleFeedback.report.status')}: <StatusChip status={report.status} />
        </p>
        <p className={report.overdue ? 'cf-deadline cf-deadline--overdue' : 'cf-deadline'}>
          {t('consoleFeedback.report.deadline')}:{' '}
          {report.deadlineAt
            ? formatShortDateTime(report.deadlineAt, language)
            : t('consoleFeedback.queue.noDeadline')}
          {report.overdue ? (
            <strong className="cf-overdue-mark">{t('consoleFeedback.queue.overdueMark')}</strong>
          ) : null}
        </p>
      </section>
      <DoneNotice done={done} />
      <ReportActions
        report={report}
        categories={categories}
        onChanged={(updated, message) => {
          setReport(updated)
          announce(message)
        }}
      />
      <ReportDetails report={report} categories={categories} />
      <ReporterCard report={report} />
      <ReportPhotos report={report} />
      <ReportTimeline report={report} />
    </>
  )
}
