import type { ConsoleReportList } from '@dc/contracts'
import { lazy, Suspense, useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchQueue } from '../../api/console-feedback.ts'
import { useApiResource } from '../../api/useApiResource.ts'
import { LazyBoundary } from '../../feedback/LazyBoundary.tsx'
import { formatNumber } from '../../i18n/format.ts'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { FailureNotice } from '../../shell/FailureNotice.tsx'
import { LoadingNotice } from '../../shell/LoadingNotice.tsx'
import { ResourceView } from '../../shell/ResourceView.tsx'
import { BulkReassign, selectPageId } from './BulkReassign.tsx'
import { DoneNotice, useDone } from './DoneNotice.tsx'
import { FeedbackPage } from './FeedbackPage.tsx'
import { loadLookups } from './lookups.ts'
import { feedbackPaths } from './paths.ts'
import { QueueFilterForm } from './QueueFilterForm.tsx'
import { QueueList } from './QueueList.tsx'
import { apiQuery, filtersFromSearch, pageInfo, pageSearch, type QueueFilters } from './queueFilters.ts'

/** The map's code (and MapLibre, ~1 MB) is only fetched when the official opens the map. */
const QueueMap = lazy(() => import('./QueueMap.tsx').then((module) => ({ default: module.QueueMap })))

/** `/console/phan-anh`: the agency's queue with filters, a map, bulk reassignment and pages. */
export function QueuePage() {
  const { t } = useTranslation()
  const filters = useMemo(() => filtersFromSearch(window.location.search), [])
  const lookups = useApiResource(loadLookups)
  const loadQueue = useCallback(
    (signal: AbortSignal) => fetchQueue(apiQuery(filters, { paged: true }), signal),
    [filters],
  )
  const queue = useApiResource(loadQueue)
  const [mapOpen, setMapOpen] = useState(false)
  const [done, announce] = useDone()

  return (
    <FeedbackPage documentTitle={t('consoleFeedback.queue.documentTitle')} current="queue">
      <section className="welcome" aria-labelledby="cf-queue-heading">
        <h1 id="cf-queue-heading">{t('consoleFeedback.queue.heading')}</h1>
        <p className="lead">{t('consoleFeedback.queue.intro')}</p>
      </section>
      <ResourceView resource={lookups}>
        {(data) => <QueueFilterForm filters={filters} categories={data.categories} wards={data.wards} />}
      </ResourceView>
      <div className="cf-map-toggle">
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={mapOpen}
          onClick={() => setMapOpen(!mapOpen)}
        >
          {mapOpen ? t('consoleFeedback.queue.hideMap') : t('consoleFeedback.queue.showMap')}
        </button>
      </div>
      {mapOpen ? (
        <LazyBoundary
          fallback={<FailureNotice failure={{ kind: 'network' }} onRetry={() => window.location.reload()} />}
        >
          <Suspense fallback={<LoadingNotice />}>
            <QueueMap query={apiQuery(filters, { paged: false })} />
          </Suspense>
        </LazyBoundary>
      ) : null}
      <DoneNotice done={done} />
      <ResourceView resource={queue}>
        {(data) => (
          <QueueResults
            list={data}
            filters={filters}
            onReassigned={(message) => {
              announce(message)
              queue.reload()
            }}
          />
        )}
      </ResourceView>
    </FeedbackPage>
  )
}

function QueueResults({
  list,
  filters,
  onReassigned,
}: {
  list: ConsoleReportList
  filters: QueueFilters
  onReassigned: (message: string) => void
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const info = pageInfo(list.total, filters.offset, list.reports.length)
  const onPage = list.reports.filter((report) => selected.has(report.id)).map((report) => report.id)
  const allSelected = list.reports.length > 0 && onPage.length === list.reports.length
  const select = (reportId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current)
      if (on) next.add(reportId)
      else next.delete(reportId)
      return next
    })

  return (
    <section className="cf-results" aria-labelledby="cf-results-heading">
      <h2 id="cf-results-heading" className="visually-hidden">
        {t('consoleFeedback.queue.listLabel')}
      </h2>
      {list.reports.length ? (
        <p className="cf-results__summary">
          {t('consoleFeedback.queue.showing', {
            from: formatNumber(info.from, language),
            to: formatNumber(info.to, language),
            total: formatNumber(list.total, language),
          })}
        </p>
      ) : (
        <p className="notice cf-results__none">{t('consoleFeedback.queue.none')}</p>
      )}
      {list.reports.length ? (
        <>
          <div className="cf-toolbar">
            <label className="checkbox">
              <input
                id={selectPageId}
                type="checkbox"
                checked={allSelected}
                onChange={(event) =>
                  setSelected(
                    event.target.checked ? new Set(list.reports.map((report) => report.id)) : new Set(),
                  )
                }
              />
              {t('consoleFeedback.queue.selectPage')}
            </label>
            <p className="cf-toolbar__count" role="status">
              {onPage.length ? t('consoleFeedback.queue.selectedCount', { selected: onPage.length }) : ''}
            </p>
            <BulkReassign selectedIds={onPage} onDone={onReassigned} />
          </div>
          <QueueList reports={list.reports} selected={selected} onSelect={select} />
        </>
      ) : null}
      {info.pages > 1 || info.previousOffset !== null ? (
        <nav className="cf-pagination" aria-label={t('consoleFeedback.queue.pagination')}>
          {info.previousOffset !== null ? (
            <a href={feedbackPaths.queue + pageSearch(filters, info.previousOffset)} rel="prev">
              {t('consoleFeedback.queue.previous')}
            </a>
          ) : null}
          <span>{t('consoleFeedback.queue.pageOf', { page: info.page, pages: info.pages })}</span>
          {info.nextOffset !== null ? (
            <a href={feedbackPaths.queue + pageSearch(filters, info.nextOffset)} rel="next">
              {t('consoleFeedback.queue.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </section>
  )
}
