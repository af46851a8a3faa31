import type { AgencyItem, Category, ConsoleReport } from '@dc/contracts'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  addReportCoordinator,
  changeReportCategory,
  moderateReport,
  reassignReport,
} from '../../api/console-feedback.ts'
import { SelectField } from '../../auth/TextField.tsx'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { agencyName } from '../AgencySelect.tsx'
import { ActionForm, ReasonField, tooShort, useActionForm } from './ActionForm.tsx'
import { AgencyPicker } from './AgencyPicker.tsx'
import { CategoryOptions } from './CategoryOptions.tsx'
import type { FieldError } from './FormAlerts.tsx'
import type { OnChanged } from './ReportActions.tsx'

/**
 * The forms that change who handles a report, or what it is, or what the public sees of it:
 * reassign, add a coordinating agency, change the category, hide content. Each checks what it
 * can before sending (a summary linking to the fields), then shows the server's refusal if any.
 */

export function ReassignForm({ report, onChanged }: { report: ConsoleReport; onChanged: OnChanged }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [agency, setAgency] = useState<AgencyItem | null>(null)
  const [reason, setReason] = useState('')
  const form = useActionForm()

  async function submit() {
    const found: FieldError[] = []
    if (!agency)
      found.push({ fieldId: 'cf-reassign-agency', message: t('consoleFeedback.bulk.agencyMissing') })
    if (tooShort(reason))
      found.push({ fieldId: 'cf-reassign-reason', message: t('consoleFeedback.bulk.reasonMissing') })
    form.setErrors(found)
    if (found.length || !agency) return
    const updated = await form.run(() =>
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
    <ActionForm
      form={form}
      fieldIds={{ '/agencyId': 'cf-reassign-agency', '/reason': 'cf-reassign-reason' }}
      submitLabel={t('consoleFeedback.actions.reassignSubmit')}
      onSubmit={submit}
    >
      <AgencyPicker
        id="cf-reassign-agency"
        label={t('consoleFeedback.agencyPicker.choose')}
        value={agency}
        onChange={setAgency}
        error={form.errorFor('cf-reassign-agency')}
        excludeIds={[report.agency.id]}
      />
      <ReasonField
        id="cf-reassign-reason"
        label={t('consoleFeedback.actions.reassignReason')}
        error={form.errorFor('cf-reassign-reason')}
        value={reason}
        onChange={setReason}
      />
    </ActionForm>
  )
}

export function CoordinatorForm({ report, onChanged }: { report: ConsoleReport; onChanged: OnChanged }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [agency, setAgency] = useState<AgencyItem | null>(null)
  const form = useActionForm()

  async function submit() {
    const found: FieldError[] = agency
      ? []
      : [{ fieldId: 'cf-coordinator-agency', message: t('consoleFeedback.bulk.agencyMissing') }]
    form.setErrors(found)
    if (!agency) return
    const updated = await form.run(() => addReportCoordinator(report.id, { agencyId: agency.id }))
    if (updated) {
      onChanged(
        updated,
        t('consoleFeedback.actions.coordinatorAdded', { agency: agencyName(agency, language) ?? agency.id }),
      )
    }
  }

  return (
    <ActionForm
      form={form}
      fieldIds={{ '/agencyId': 'cf-coordinator-agency' }}
      submitLabel={t('consoleFeedback.actions.coordinatorSubmit')}
      onSubmit={submit}
    >
      <p className="field__hint">{t('consoleFeedback.actions.coordinatorHint')}</p>
      <AgencyPicker
        id="cf-coordinator-agency"
        label={t('consoleFeedback.agencyPicker.chooseCoordinator')}
        value={agency}
        onChange={setAgency}
        error={form.errorFor('cf-coordinator-agency')}
        excludeIds={[report.agency.id, ...report.coordinators.map((coordinator) => coordinator.id)]}
      />
    </ActionForm>
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
  const form = useActionForm()
  // Reports take leaves only, and moving to the same category is no change.
  const choices = categories.filter((category) => category.selectable && category.id !== report.category.id)
  const parents = categories.filter((category) => choices.some((choice) => choice.parentId === category.id))

  async function submit() {
    const found: FieldError[] = []
    if (!categoryId)
      found.push({ fieldId: 'cf-category-new', message: t('consoleFeedback.actions.categoryMissing') })
    if (tooShort(reason))
      found.push({ fieldId: 'cf-category-reason', message: t('consoleFeedback.actions.messageMissing') })
    form.setErrors(found)
    if (found.length) return
    const updated = await form.run(() =>
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
    <ActionForm
      form={form}
      fieldIds={{ '/categoryId': 'cf-category-new', '/reason': 'cf-category-reason' }}
      submitLabel={t('consoleFeedback.actions.changeCategorySubmit')}
      onSubmit={submit}
    >
      <SelectField
        id="cf-category-new"
        label={t('consoleFeedback.actions.newCategory')}
        error={form.errorFor('cf-category-new')}
        value={categoryId}
        onChange={(event) => setCategoryId(event.target.value)}
      >
        <option value="">{t('consoleFeedback.rules.categoryPlaceholder')}</option>
        <CategoryOptions categories={[...parents, ...choices]} />
      </SelectField>
      <ReasonField
        id="cf-category-reason"
        label={t('consoleFeedback.actions.categoryReason')}
        error={form.errorFor('cf-category-reason')}
        value={reason}
        onChange={setReason}
      />
    </ActionForm>
  )
}

export function ModerationForm({ report, onChanged }: { report: ConsoleReport; onChanged: OnChanged }) {
  const { t } = useTranslation()
  const [hideDescription, setHideDescription] = useState(false)
  const [photoIds, setPhotoIds] = useState<ReadonlySet<string>>(new Set())
  const [reason, setReason] = useState('')
  const form = useActionForm()
  const alreadyHidden = new Set(report.hiddenPhotos.map((photo) => photo.id))
  const photos = report.photos
    .map((photo, index) => ({ photo, position: index + 1 }))
    .filter(({ photo }) => !alreadyHidden.has(photo.id))
  const firstChoiceId = report.descriptionHidden
    ? `cf-hide-photo-${photos[0]?.photo.id}`
    : 'cf-hide-description'

  async function submit() {
    const found: FieldError[] = []
    if (!hideDescription && photoIds.size === 0)
      found.push({ fieldId: firstChoiceId, message: t('consoleFeedback.actions.moderationNothing') })
    if (tooShort(reason))
      found.push({ fieldId: 'cf-moderation-reason', message: t('consoleFeedback.actions.messageMissing') })
    form.setErrors(found)
    if (found.length) return
    const updated = await form.run(() =>
      moderateReport(report.id, {
        ...(hideDescription ? { hideDescription: true } : {}),
        ...(photoIds.size ? { hidePhotoIds: [...photoIds] } : {}),
        reason: reason.trim(),
      }),
    )
    if (updated) onChanged(updated, t('consoleFeedback.actions.moderated'))
  }

  return (
    <ActionForm
      form={form}
      fieldIds={{ '/reason': 'cf-moderation-reason' }}
      submitLabel={t('consoleFeedback.actions.moderationSubmit')}
      danger
      onSubmit={submit}
    >
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
      <ReasonField
        id="cf-moderation-reason"
        label={t('consoleFeedback.actions.moderationReason')}
        error={form.errorFor('cf-moderation-reason')}
        value={reason}
        onChange={setReason}
      />
    </ActionForm>
  )
}
