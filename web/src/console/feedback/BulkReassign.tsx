import type { AgencyItem } from '@dc/contracts'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { reassignReports } from '../../api/console-feedback.ts'
import { ErrorSummary, ProblemAlert } from '../../auth/ProblemAlert.tsx'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { agencyName } from '../AgencySelect.tsx'
import { AgencyPicker } from './AgencyPicker.tsx'
import { TextAreaField } from './TextAreaField.tsx'
import { useSubmission } from './useSubmission.ts'

type FieldError = { fieldId: string; message: string }

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
  const [errors, setErrors] = useState<FieldError[]>([])
  const { busy, failure, run } = useSubmission()
  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: FieldError[] = []
    if (!selectedIds.length)
      found.push({ fieldId: selectPageId, message: t('consoleFeedback.bulk.noneSelected') })
    if (!agency) found.push({ fieldId: 'cf-bulk-agency', message: t('consoleFeedback.bulk.agencyMissing') })
    if (reason.trim().length < 5)
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
          {errors.length ? (
            <ErrorSummary errors={errors} heading={t('consoleFeedback.errorSummary')} />
          ) : null}
          {failure ? (
            <ProblemAlert
              failure={failure}
              heading={t('consoleFeedback.bulk.failed')}
              fieldIds={{ '/reason': 'cf-bulk-reason', '/agencyId': 'cf-bulk-agency' }}
            />
          ) : null}
          <AgencyPicker
            id="cf-bulk-agency"
            label={t('consoleFeedback.agencyPicker.choose')}
            value={agency}
            onChange={setAgency}
            error={errorFor('cf-bulk-agency')}
          />
          <TextAreaField
            id="cf-bulk-reason"
            label={t('consoleFeedback.bulk.reason')}
            hint={t('consoleFeedback.bulk.reasonHint')}
            error={errorFor('cf-bulk-reason')}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <button type="submit" className="button" disabled={busy}>
            {t('consoleFeedback.bulk.submit', { selected: selectedIds.length })}
          </button>
        </form>
      ) : null}
    </div>
  )
}
