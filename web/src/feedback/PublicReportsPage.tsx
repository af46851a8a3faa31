import { type PublicReportSummary, REPORT_STATUSES } from '@dc/contracts'
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../api/errors.ts'
import {
  fetchCategories,
  fetchPublicReports,
  fetchReportsGeoJson,
  fetchWards,
  filterQuery,
  type ReportFilters,
} from '../api/feedback.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { SelectField, TextField } from '../auth/TextField.tsx'
import { goTo } from '../auth/useSession.ts'
import { formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'
import { ResourceView } from '../shell/ResourceView.tsx'
import { categoryGroups } from './categories.ts'
import { FeedbackShell } from './FeedbackShell.tsx'
import { failureOf } from './failure.ts'
import { filtersFromSearch, hasFilters } from './filters.ts'
import { LazyReportsMap } from './LazyMaps.tsx'
import { feedbackPaths } from './paths.ts'
import { ReportSummaryList } from './ReportSummaryList.tsx'

const pageSize = 20

/** `/phan-anh`: public reports with filters (kept in the address), a map of them, and "Gửi phản ánh". */
export function PublicReportsPage() {
  const { t } = useTranslation()
  const filters = filtersFromSearch(window.location.search)
  return (
    <FeedbackShell documentTitle={t('feedback.list.documentTitle')} current="list">
      <section className="welcome feedback-intro" aria-labelledby="feedback-heading">
        <h1 id="feedback-heading">{t('feedback.list.heading')}</h1>
        <p className="lead">{t('feedback.list.intro')}</p>
        <a className="button button--large" href={feedbackPaths.submit}>
          {t('feedback.list.submitButton')}
        </a>
      </section>
      <ReportFiltersForm filters={filters} />
      <ReportsMapSection filters={filters} />
      <ReportsListSection filters={filters} />
    </FeedbackShell>
  )
}

/** Goes to the list with the chosen filters in the address, leaving out the empty ones. */
function applyFilters(event: FormEvent<HTMLFormElement>) {
  event.preventDefault()
  const form = new FormData(event.currentTarget)
  const value = (name: string) => {
    const entry = form.get(name)
    return typeof entry === 'string' ? entry : undefined
  }
  const filters = filtersFromSearch(
    `?${new URLSearchParams({
      status: value('status') ?? '',
      categoryId: value('categoryId') ?? '',
      wardCode: value('wardCode') ?? '',
      q: value('q') ?? '',
    })}`,
  )
  goTo(feedbackPaths.list + filterQuery(filters))
}

/** A GET form to this page: the filters become the address, and the page reads them back. */
function ReportFiltersForm({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const categories = useApiResource(fetchCategories)
  const wards = useApiResource(fetchWards)
  const groups = categories.state.status === 'loaded' ? categoryGroups(categories.state.data.categories) : []
  const wardList =
    wards.state.status === 'loaded'
      ? [...wards.state.data.wards].sort((a, b) => a.name.localeCompare(b.name, 'vi'))
      : []
  return (
    <search className="card report-filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t('feedback.filters.heading')}</h2>
      <form method="get" action={feedbackPaths.list} className="report-filters__form" onSubmit={applyFilters}>
        <SelectField
          id="filter-category"
          name="categoryId"
          label={t('feedback.filters.category')}
          defaultValue={filters.categoryId ?? ''}
        >
          <option value="">{t('feedback.filters.all')}</option>
          {groups.map(({ group, leaves }) => (
            <optgroup key={group.id} label={group.name[language]}>
              {leaves.map((leaf) => (
                <option key={leaf.id} value={leaf.id}>
                  {leaf.name[language]}
                </option>
              ))}
            </optgroup>
          ))}
          {/* Until the list is in, keep the chosen value so the form does not drop it. */}
          {groups.length === 0 && filters.categoryId ? (
            <option value={filters.categoryId}>{filters.categoryId}</option>
          ) : null}
        </SelectField>
        <SelectField
          id="filter-status"
          name="status"
          label={t('feedback.filters.status')}
          defaultValue={filters.status ?? ''}
        >
          <option value="">{t('feedback.filters.all')}</option>
          {REPORT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`feedback.status.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="filter-ward"
          name="wardCode"
          label={t('feedback.filters.ward')}
          defaultValue={filters.wardCode ?? ''}
        >
          <option value="">{t('feedback.filters.allWards')}</option>
          {wardList.map((ward) => (
            <option key={ward.code} value={ward.code}>
              {language === 'en' ? ward.fullNameEn : ward.fullName}
            </option>
          ))}
          {wardList.length === 0 && filters.wardCode ? (
            <option value={filters.wardCode}>{filters.wardCode}</option>
          ) : null}
        </SelectField>
        <TextField
          id="filter-q"
          name="q"
          type="search"
          label={t('feedback.filters.text')}
          hint={t('feedback.filters.textHint')}
          defaultValue={filters.q ?? ''}
          maxLength={100}
        />
        <div className="button-row">
          <button type="submit" className="button">
            {t('feedback.filters.apply')}
          </button>
          {hasFilters(filters) ? (
            <a className="button button--secondary" href={feedbackPaths.list}>
              {t('feedback.filters.clear')}
            </a>
          ) : null}
        </div>
      </form>
    </search>
  )
}

function ReportsMapSection({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation()
  const { status, categoryId } = filters
  const load = useCallback(
    (signal: AbortSignal) => fetchReportsGeoJson({ status, categoryId }, signal),
    [status, categoryId],
  )
  const geojson = useApiResource(load)
  return (
    <section className="report-map-section" aria-labelledby="reports-map-heading">
      <h2 id="reports-map-heading">{t('feedback.list.mapHeading')}</h2>
      <p className="field__hint">
        {filters.wardCode || filters.q ? t('feedback.list.mapFilterNote') : t('feedback.list.mapNote')}
      </p>
      <ResourceView resource={geojson}>{(data) => <LazyReportsMap reports={data} />}</ResourceView>
    </section>
  )
}

type ListState =
  | { status: 'loading' }
  | { status: 'failed'; failure: RequestFailure }
  | {
      status: 'loaded'
      reports: PublicReportSummary[]
      total: number
      more: 'idle' | 'loading' | RequestFailure
    }

/** The list, 20 at a time with "Xem thêm"; the total is said in a status region. */
function ReportsListSection({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [state, setState] = useState<ListState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const { status, categoryId, wardCode, q } = filters

  useEffect(() => {
    void attempt
    const controller = new AbortController()
    setState({ status: 'loading' })
    fetchPublicReports(
      { status, categoryId, wardCode, q },
      { limit: pageSize, offset: 0 },
      controller.signal,
    ).then(
      (list) => setState({ status: 'loaded', reports: list.reports, total: list.total, more: 'idle' }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', failure: failureOf(error) })
      },
    )
    return () => controller.abort()
  }, [status, categoryId, wardCode, q, attempt])

  const loadMore = async () => {
    if (state.status !== 'loaded') return
    setState({ ...state, more: 'loading' })
    try {
      const next = await fetchPublicReports(
        { status, categoryId, wardCode, q },
        { limit: pageSize, offset: state.reports.length },
        new AbortController().signal,
      )
      setState({
        status: 'loaded',
        reports: [...state.reports, ...next.reports],
        total: next.total,
        more: 'idle',
      })
    } catch (error) {
      setState({ ...state, more: failureOf(error) })
    }
  }

  return (
    <section className="report-list-section" aria-labelledby="reports-list-heading">
      <h2 id="reports-list-heading">{t('feedback.list.listHeading')}</h2>
      {state.status === 'loading' ? <LoadingNotice /> : null}
      {state.status === 'failed' ? (
        <FailureNotice failure={state.failure} onRetry={() => setAttempt((n) => n + 1)} />
      ) : null}
      {state.status === 'loaded' ? (
        <>
          <p role="status" className="report-list__total">
            {state.total === 0
              ? hasFilters(filters)
                ? t('feedback.list.noneFiltered')
                : t('feedback.list.none')
              : t('feedback.list.total', {
                  shown: formatNumber(state.reports.length, language),
                  total: formatNumber(state.total, language),
                })}
          </p>
          <ReportSummaryList reports={state.reports} />
          {typeof state.more === 'object' ? (
            <FailureNotice failure={state.more} onRetry={() => void loadMore()} />
          ) : state.reports.length < state.total ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void loadMore()}
              aria-busy={state.more === 'loading'}
              disabled={state.more === 'loading'}
            >
              {t('feedback.list.more')}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
