import type { AgencyItem, Category, ConsoleReport } from '@dc/contracts'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  addReportCoordinator,
  changeReportCategory,
  moderateReport,
  reassignReport,
} from '../../api/console-feedback.ts'
import { ErrorSummary, ProblemAlert } from '../../auth/ProblemAlert.tsx'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { agencyName } from '../AgencySelect.tsx'
import { AgencyPicker } from './AgencyPicker.tsx'
import { CategoryOptions } from './CategoryOptions.tsx'
import type { OnChanged } from './ReportActions.tsx'
import { TextAreaField } from './TextAreaField.tsx'
import { useSubmission } from './useSubmission.ts'

/**
 * The forms that change who handles a report, or what it is, or what the public sees of it:
 * reassign, add a coordinating agency, change the category, hide content. Each checks what it
 * can before sending (a summary linking to the fields), then shows the server's refusal if any.
 */

type FieldError = { fieldId: string; message: string }

function useFormErrors() {
  const [errors, setErrors] = useState<FieldError[]>([])
  return {
    errors,
    setErrors,
    errorFor: (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message,
  }
}

function FormAlerts({
  errors,
  submission,
  fieldIds,
}: {
  errors: FieldError[]
  submission: ReturnType<typeof useSubmission>
  fieldIds: Record<string, string>
}) {
  const { t } = useTranslation()
  return (
    <>
      {errors.length ? <ErrorSummary errors={errors} heading={t('consoleFeedback.errorSummary')} /> : null}
      {submission.failure ? (
        <ProblemAlert
          failure={submission.failure}
          heading={t('consoleFeedback.actions.failed')}
          fieldIds={fieldIds}
        />
      ) : null}
    </>
  )
}

const reasonIsShort = (reason: string) => reason.trim().length < 5

export function ReassignForm({ report, onChanged }: { report: ConsoleReport; onChanged: OnChanged }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [agency, setAgency] = useState<AgencyItem | null>(null)
  const [reason, setReason] = useState('')
  const { errors, setErrors, errorFor } = useFormErrors()
  const submission = useSubmission()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: FieldError[] = []
    if (!agency)
      found.push({ fieldId: 'cf-reassign-agency', message: t('consoleFeedback.bulk.agencyMissing') })
    if (reasonIsShort(reason))
      found.push({ fieldId: 'cf-reassign-reason', message: t('consoleFeedback.bulk.reasonMissing') })
    setErrors(found)
    if (found.length || !agency) return
    const updated = await submission.run(() =>
      reassignReport(report.id, { agencyId: agency.id, reason: reason.trim() }),
    )
    if (updated) {
      onChanged(
        updated,
        t('consoleFeedback.actions.reassigned', { agency: agencyName(agency, language) ?? agency.id }),
      )
    }
  }

  return (
    <form className="form cf-form" noValidate onSubmit={(event) => void submit(event)}>
      <FormAlerts
        errors={errors}
        submission={submission}
        fieldIds={{ '/agencyId': 'cf-reassign-agency', '/reason': 'cf-reassign-reason' }}
      />
      <AgencyPicker
        id="cf-reassign-agency"
        label={t('consoleFeedback.agencyPicker.choose')}
        value={agency}
        onChange={setAgency}
        error={errorFor('cf-reassign-agency')}
        excludeIds={[report.agency.id]}
      />
      <TextAreaField
        id="cf-reassign-reason"
        label={t('consoleFeedback.actions.reassignReason')}
        hint={t('consoleFeedback.bulk.reasonHint')}
        error={errorFor('cf-reassign-reason')}
        maxLength={1000}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit" className="button" disabled={submission.busy}>
        {t('consoleFeedback.actions.reassignSubmit')}
      </button>
    </form>
  )
}

export function CoordinatorForm({ report, onChanged }: { report: ConsoleReport; onChanged: OnChanged }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [agency, setAgency] = useState<AgencyItem | null>(null)
  const { errors, setErrors, errorFor } = useFormErrors()
  const submission = useSubmission()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: FieldError[] = agency
      ? []
      : [{ fieldId: 'cf-coordinator-agency', message: t('consoleFeedback.bulk.agencyMissing') }]
    setErrors(found)
    if (!agency) return
    const updated = await submission.run(() => addReportCoordinator(report.id, { agencyId: agency.id }))
    if (updated) {
      onChanged(
        updated,
        t('consoleFeedback.actions.coordinatorAdded', { agency: agencyName(agency, language) ?? agency.id }),
      )
    }
  }

  return (
    <form className="form cf-form" noValidate onSubmit={(event) => void submit(event)}>
      <FormAlerts
        errors={errors}
        submission={submission}
        fieldIds={{ '/agencyId': 'cf-coordinator-agency' }}
      />
      <p className="field__hint">{t('consoleFeedback.actions.coordinatorHint')}</p>
      <AgencyPicker
        id="cf-coordinator-agency"
        label={t('consoleFeedback.agencyPicker.chooseCoordinator')}
        value={agency}
        onChange={setAgency}
        error={errorFor('cf-coordinator-agency')}
        excludeIds={[report.agency.id, ...report.coordinators.map((coordinator) => coordinator.id)]}
      />
      <button type="submit" className="button" disabled={submission.busy}>
        {t('consoleFeedback.actions.coordinatorSubmit')}
      </button>
    </form>
  )
}

export function CategoryForm({
  report,
  categories,
  onChanged,
}: {
  report: ConsoleReport
  categories: Category[]
  onChanged: OnChanged
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [categoryId, setCategoryId] = useState('')
  const [reason, setReason] = useState('')
  const { errors, setErrors, errorFor } = useFormErrors()
  const submission = useSubmission()
  // Reports take leaves only, and moving to the same category is no change.
  const choices = categories.filter((category) => category.selectable && category.id !== report.category.id)
  const parents = categories.filter((category) => choices.some((choice) => choice.parentId === category.id))

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: FieldError[] = []
    if (!categoryId)
      found.push({ fieldId: 'cf-category-new', message: t('consoleFeedback.actions.categoryMissing') })
    if (reasonIsShort(reason))
      found.push({ fieldId: 'cf-category-reason', message: t('consoleFeedback.actions.messageMissing') })
    setErrors(found)
    if (found.length) return
    const updated = await submission.run(() =>
      changeReportCategory(report.id, { categoryId, reason: reason.trim() }),
    )
    if (updated) {
      onChanged(
        updated,
        t('consoleFeedback.actions.categoryChanged', { category: updated.category.name[language] }),
      )
    }
  }

  return (
    <form className="form cf-form" noValidate onSubmit={(event) => void submit(event)}>
      <FormAlerts
        errors={errors}
        submission={submission}
        fieldIds={{ '/categoryId': 'cf-category-new', '/reason': 'cf-category-reason' }}
      />
      <div className={errorFor('cf-category-new') ? 'field field--error' : 'field'}>
        <label htmlFor="cf-category-new">{t('consoleFeedback.actions.newCategory')}</label>
        {errorFor('cf-category-new') ? (
          <p id="cf-category-new-error" className="field__error">
            {errorFor('cf-category-new')}
          </p>
        ) : null}
        <select
          id="cf-category-new"
          value={categoryId}
          aria-describedby={errorFor('cf-category-new') ? 'cf-category-new-error' : undefined}
          aria-invalid={errorFor('cf-category-new') ? true : undefined}
          onChange={(event) => setCategoryId(event.target.value)}
        >
          <option value="">{t('consoleFeedback.rules.categoryPlaceholder')}</option>
          <CategoryOptions categories={[...parents, ...choices]} />
        </select>
      </div>
      <TextAreaField
        id="cf-category-reason"
        label={t('consoleFeedback.actions.categoryReason')}
        hint={t('consoleFeedback.bulk.reasonHint')}
        error={errorFor('cf-category-reason')}
        maxLength={1000}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit" className="button" disabled={submission.busy}>
        {t('consoleFeedback.actions.changeCategorySubmit')}
      </button>
    </form>
  )
}

export function ModerationForm({ report, onChanged }: { report: ConsoleReport; onChanged: OnChanged }) {
  const { t } = useTranslation()
  const [hideDescription, setHideDescription] = useState(false)
  const [photoIds, setPhotoIds] = useState<ReadonlySet<string>>(new Set())
  const [reason, setReason] = useState('')
  const { errors, setErrors, errorFor } = useFormErrors()
  const submission = useSubmission()
  const alreadyHidden = new Set(report.hiddenPhotos.map((photo) => photo.id))
  const photos = report.photos
    .map((photo, index) => ({ photo, position: index + 1 }))
    .filter(({ photo }) => !alreadyHidden.has(photo.id))
  const firstChoiceId = report.descriptionHidden
    ? `cf-hide-photo-${photos[0]?.photo.id}`
    : 'cf-hide-description'

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: FieldError[] = []
    if (!hideDescription && photoIds.size === 0)
      found.push({ fieldId: firstChoiceId, message: t('consoleFeedback.actions.moderationNothing') })
    if (reasonIsShort(reason))
      found.push({ fieldId: 'cf-moderation-reason', message: t('consoleFeedback.actions.messageMissing') })
    setErrors(found)
    if (found.length) return
    const updated = await submission.run(() =>
      moderateReport(report.id, {
        ...(hideDescription ? { hideDescription: true } : {}),
        ...(photoIds.size ? { hidePhotoIds: [...photoIds] } : {}),
        reason: reason.trim(),
      }),
    )
    if (updated) onChanged(updated, t('consoleFeedback.actions.moderated'))
  }

  return (
    <form className="form cf-form" noValidate onSubmit={(event) => void submit(event)}>
      <FormAlerts errors={errors} submission={submission} fieldIds={{ '/reason': 'cf-moderation-reason' }} />
      <p className="field__hint">{t('consoleFeedback.actions.moderateHint')}</p>
      <fieldset className="field checkbox-group">
        <legend>{t('consoleFeedback.actions.hideWhat')}</legend>
        {report.descriptionHidden ? null : (
          <label className="checkbox">
            <input
              id="cf-hide-description"
              type="checkbox"
              checked={hideDescription}
              onChange={(event) => setHideDescription(event.target.checked)}
            />
            {t('consoleFeedback.actions.hideDescription')}
          </label>
        )}
        {photos.map(({ photo, position }) => (
          <label key={photo.id} className="checkbox cf-hide-photo">
            <input
              id={`cf-hide-photo-${photo.id}`}
              type="checkbox"
              checked={photoIds.has(photo.id)}
              onChange={(event) =>
                setPhotoIds((current) => {
                  const next = new Set(current)
                  if (event.target.checked) next.add(photo.id)
                  else next.delete(photo.id)
                  return next
                })
              }
            />
            <img src={photo.thumbnailUrl} alt="" width={48} height={48} />
            {t('consoleFeedback.actions.hidePhoto', { position })}
          </label>
        ))}
      </fieldset>
      <TextAreaField
        id="cf-moderation-reason"
        label={t('consoleFeedback.actions.moderationReason')}
        hint={t('consoleFeedback.bulk.reasonHint')}
        error={errorFor('cf-moderation-reason')}
        maxLength={1000}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit" className="button button--danger" disabled={submission.busy}>
        {t('consoleFeedback.actions.moderationSubmit')}
      </button>
    </form>
  )
}
