import type { AgencyItem } from '@dc/contracts'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { reassignReports } from '../../api/console-feedback.ts'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { agencyName } from '../AgencySelect.tsx'
import { ReasonField, tooShort } from './ActionForm.tsx'
import { AgencyPicker } from './AgencyPicker.tsx'
import { type FieldError, FormAlerts, useFormErrors } from './FormAlerts.tsx'
import { useSubmission } from './useSubmission.ts'

/** The id of the queue's "select every report on this page" box: where "select some first" points. */
export const selectPageId = 'cf-select-page'

/**
 * "Chuyển đơn vị": sends the selected reports to another agency with one reason (required, the
 * residents read it). The form opens from a button; the result is reported by `onDone`.
 */
export function BulkReassign({
  selectedIds,
  onDone,
}: {
  selectedIds: readonly string[]
  onDone: (message: string) => void
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [open, setOpen] = useState(false)
  const [agency, setAgency] = useState<AgencyItem | null>(null)
  const [reason, setReason] = useState('')
  const { errors, setErrors, errorFor } = useFormErrors()
  const { busy, failure, run } = useSubmission()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: FieldError[] = []
    if (!selectedIds.length)
      found.push({ fieldId: selectPageId, message: t('consoleFeedback.bulk.noneSelected') })
    if (!agency) found.push({ fieldId: 'cf-bulk-agency', message: t('consoleFeedback.bulk.agencyMissing') })
    if (tooShort(reason))
      found.push({ fieldId: 'cf-bulk-reason', message: t('consoleFeedback.bulk.reasonMissing') })
    setErrors(found)
    if (found.length || !agency) return
    const result = await run(() =>
      reassignReports({ reportIds: [...selectedIds], agencyId: agency.id, reason: reason.trim() }),
    )
    if (!result) return
    setOpen(false)
    setAgency(null)
    setReason('')
    onDone(
      t('consoleFeedback.bulk.done', {
        reassigned: result.reassigned,
        agency: agencyName(agency, language) ?? agency.id,
      }),
    )
  }

  return (
    <div className="cf-bulk">
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls="cf-bulk-form"
        onClick={() => setOpen(!open)}
      >
        {t('consoleFeedback.bulk.toggle')}
      </button>
      {open ? (
        <form id="cf-bulk-form" className="form cf-panel" noValidate onSubmit={(event) => void submit(event)}>
          <h3>{t('consoleFeedback.bulk.heading')}</h3>
          <p className="field__hint">{t('consoleFeedback.bulk.intro')}</p>
          <FormAlerts
            errors={errors}
            failure={failure}
            failureHeading={t('consoleFeedback.bulk.failed')}
            fieldIds={{ '/reason': 'cf-bulk-reason', '/agencyId': 'cf-bulk-agency' }}
          />
          <AgencyPicker
            id="cf-bulk-agency"
            label={t('consoleFeedback.agencyPicker.choose')}
            value={agency}
            onChange={setAgency}
            error={errorFor('cf-bulk-agency')}
          />
          <ReasonField
            id="cf-bulk-reason"
            label={t('consoleFeedback.bulk.reason')}
            error={errorFor('cf-bulk-reason')}
            value={reason}
            onChange={setReason}
          />
          <button type="submit" className="button" disabled={busy}>
            {t('consoleFeedback.bulk.submit', { selected: selectedIds.length })}
          </button>
        </form>
      ) : null}
    </div>
  )
}
