import { type Category, REPORT_STATUSES, type WardSummary } from '@dc/contracts'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { SelectField } from '../../auth/TextField.tsx'
import { CategoryOptions } from './CategoryOptions.tsx'
import { feedbackPaths } from './paths.ts'
import { filtersFromSearch, hasActiveFilters, pageSearch, type QueueFilters } from './queueFilters.ts'
import { WardOptions } from './WardOptions.tsx'

/**
 * The queue's filters as a plain GET form: submitting loads `/console/phan-anh?…` (page 1), so
 * the filters are in the URL like everything else that chose this list.
 */
export function QueueFilterForm({
  filters,
  categories,
  wards,
}: {
  filters: QueueFilters
  categories: Category[]
  wards: WardSummary[]
}) {
  const { t } = useTranslation()
  /** The same GET, without the empty fields a form sends: `?status=all&wardCode=26740`, not `…&categoryId=&…`. */
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const sent = new URLSearchParams()
    for (const [name, value] of new FormData(event.currentTarget))
      if (typeof value === 'string') sent.append(name, value)
    window.location.assign(feedbackPaths.queue + pageSearch(filtersFromSearch(sent.toString()), 0))
  }

  return (
    <section className="card cf-filters" aria-labelledby="cf-filters-heading">
      <h2 id="cf-filters-heading">{t('consoleFeedback.queue.filtersHeading')}</h2>
      <form method="get" action={feedbackPaths.queue} className="cf-filters__form" onSubmit={submit}>
        <SelectField
          id="cf-filter-status"
          label={t('consoleFeedback.queue.status')}
          name="status"
          defaultValue={filters.status}
        >
          <option value="open">{t('consoleFeedback.queue.statusOpen')}</option>
          <option value="all">{t('consoleFeedback.queue.statusAll')}</option>
          {REPORT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`consoleFeedback.statuses.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="cf-filter-category"
          label={t('consoleFeedback.queue.category')}
          name="categoryId"
          defaultValue={filters.categoryId}
        >
          <option value="">{t('consoleFeedback.queue.categoryAll')}</option>
          {/* A group covers its sub-categories (the API filters by the subtree). */}
          <CategoryOptions categories={categories} groupsSelectable />
        </SelectField>
        <SelectField
          id="cf-filter-ward"
          label={t('consoleFeedback.queue.ward')}
          name="wardCode"
          defaultValue={filters.wardCode}
        >
          <option value="">{t('consoleFeedback.queue.wardAll')}</option>
          <WardOptions wards={wards} />
        </SelectField>
        {/* Kept when set from elsewhere (a leader's link to one agency's queue); there is no picker for it here. */}
        {filters.agencyId ? <input type="hidden" name="agencyId" value={filters.agencyId} /> : null}
        <div className="cf-filters__checks">
          <label className="checkbox">
            <input type="checkbox" name="overdue" value="true" defaultChecked={filters.overdue} />
            {t('consoleFeedback.queue.overdue')}
          </label>
          <label className="checkbox">
            <input type="checkbox" name="escalated" value="true" defaultChecked={filters.escalated} />
            {t('consoleFeedback.queue.escalated')}
          </label>
        </div>
        <div className="button-row button-row--tight cf-filters__buttons">
          <button type="submit" className="button">
            {t('consoleFeedback.queue.apply')}
          </button>
          {hasActiveFilters(filters) ? (
            <a href={feedbackPaths.queue} className="button button--secondary">
              {t('consoleFeedback.queue.clear')}
            </a>
          ) : null}
        </div>
      </form>
    </section>
  )
}
