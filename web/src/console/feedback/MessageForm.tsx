import type { ConsoleReport, PhotoUploaded, ResponseTemplate } from '@dc/contracts'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnReport, respondToReport } from '../../api/console-feedback.ts'
import { TextAreaField } from '../../auth/TextField.tsx'
import { ActionForm, tooShort, useActionForm } from './ActionForm.tsx'
import { AfterPhotos, afterPhotosId } from './AfterPhotos.tsx'
import type { FieldError } from './FormAlerts.tsx'
import type { OnChanged } from './ReportActions.tsx'

type Kind = 'respond' | 'resolve' | 'reject'

/**
 * The three forms whose heart is a message to the resident: an answer (status unchanged), the
 * result (resolved; after-photos, required by some categories) and the reason for rejecting.
 * A response template fills the text, which stays editable.
 */
export function MessageForm({
  kind,
  report,
  templates,
  requiresAfterPhoto = false,
  onChanged,
}: {
  kind: Kind
  report: ConsoleReport
  templates: ResponseTemplate[]
  requiresAfterPhoto?: boolean
  onChanged: OnChanged
}) {
  const { t } = useTranslation()
  const words = {
    respond: {
      label: t('consoleFeedback.actions.respondText'),
      hint: t('consoleFeedback.actions.respondHint'),
      submit: t('consoleFeedback.actions.respondSubmit'),
      done: t('consoleFeedback.actions.responded'),
    },
    resolve: {
      label: t('consoleFeedback.actions.resolveText'),
      hint: t('consoleFeedback.actions.resolveHint'),
      submit: t('consoleFeedback.actions.resolveSubmit'),
      done: t('consoleFeedback.actions.resolved'),
    },
    reject: {
      label: t('consoleFeedback.actions.rejectText'),
      hint: t('consoleFeedback.actions.rejectHint'),
      submit: t('consoleFeedback.actions.rejectSubmit'),
      done: t('consoleFeedback.actions.rejected'),
    },
  }[kind]
  const textId = `cf-${kind}-text`
  const templateId = `cf-${kind}-template`
  const [text, setText] = useState('')
  const [template, setTemplate] = useState('')
  const [filledFrom, setFilledFrom] = useState('')
  const [photos, setPhotos] = useState<PhotoUploaded[]>([])
  const [uploading, setUploading] = useState(false)
  const form = useActionForm()

  function chooseTemplate(id: string) {
    setTemplate(id)
    const chosen = templates.find((candidate) => candidate.id === id)
    if (!chosen) return
    setText(chosen.body)
    setFilledFrom(t('consoleFeedback.actions.templateFilled', { title: chosen.title }))
  }

  async function submit() {
    const found: FieldError[] = []
    if (tooShort(text)) found.push({ fieldId: textId, message: t('consoleFeedback.actions.messageMissing') })
    if (kind === 'resolve' && requiresAfterPhoto && photos.length === 0)
      found.push({ fieldId: afterPhotosId, message: t('consoleFeedback.actions.afterPhotosRequired') })
    form.setErrors(found)
    if (found.length) return
    const message = text.trim()
    const updated = await form.run(() =>
      kind === 'respond'
        ? respondToReport(report.id, { message })
        : kind === 'resolve'
          ? actOnReport(report.id, {
              action: 'resolve',
              message,
              ...(photos.length ? { photoIds: photos.map((photo) => photo.id) } : {}),
            })
          : actOnReport(report.id, { action: 'reject', message }),
    )
    if (updated) onChanged(updated, words.done)
  }

  return (
    <ActionForm
      form={form}
      fieldIds={{ '/message': textId, '/photoIds': afterPhotosId }}
      submitLabel={words.submit}
      danger={kind === 'reject'}
      disabled={uploading}
      onSubmit={submit}
    >
      {templates.length ? (
        <div className="field">
          <label htmlFor={templateId}>{t('consoleFeedback.actions.template')}</label>
          <p id={`${templateId}-hint`} className="field__hint">
            {t('consoleFeedback.actions.templateHint')}
          </p>
          <select
            id={templateId}
            value={template}
            aria-describedby={`${templateId}-hint`}
            onChange={(event) => chooseTemplate(event.target.value)}
          >
            <option value="">{t('consoleFeedback.actions.templateNone')}</option>
            {templates.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.title}
              </option>
            ))}
          </select>
          <p className="notice--ok-text" role="status">
            {filledFrom}
          </p>
        </div>
      ) : null}
      <TextAreaField
        id={textId}
        label={words.label}
        hint={words.hint}
        error={form.errorFor(textId)}
        rows={6}
        maxLength={4000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {kind === 'resolve' ? (
        <AfterPhotos
          photos={photos}
          onChange={setPhotos}
          onBusy={setUploading}
          required={requiresAfterPhoto}
          error={form.errorFor(afterPhotosId)}
        />
      ) : null}
    </ActionForm>
  )
}
