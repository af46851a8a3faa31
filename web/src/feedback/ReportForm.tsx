import type { Category } from '@dc/contracts'
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../api/errors.ts'
import { needsNewIdempotencyKey, newIdempotencyKey, submitReport } from '../api/feedback.ts'
import { locateWard } from '../api/geo.ts'
import { ErrorSummary, ProblemAlert } from '../auth/ProblemAlert.tsx'
import { TextAreaField } from '../auth/TextField.tsx'
import { goTo } from '../auth/useSession.ts'
import { formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { CategoryFields } from './CategoryFields.tsx'
import { categoryGroups } from './categories.ts'
import { failureOf } from './failure.ts'
import { CheckboxField } from './fields.tsx'
import { NearbyReports } from './NearbyReports.tsx'
import { PhotoFields } from './PhotoFields.tsx'
import type { LngLat } from './PinMap.tsx'
import { PlaceFields } from './PlaceFields.tsx'
import { reportPath } from './paths.ts'
import {
  descriptionLimits,
  emptyDraft,
  type FieldError,
  fieldIds,
  type ReportDraft,
  serverFieldIds,
  submitBody,
  validateDraft,
} from './reportForm.ts'
import { usePhotoUploads } from './usePhotoUploads.ts'

/**
 * The report form, in four steps (what, where, what happened + photos, who may see it), with the
 * similar reports nearby offered before sending. Sending carries an Idempotency-Key made once for
 * this form, so pressing "Gửi phản ánh" again after a lost answer never files it twice.
 */
export function ReportForm({ categories }: { categories: readonly Category[] }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const groups = useMemo(() => categoryGroups(categories), [categories])
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft)
  const uploads = usePhotoUploads()
  const [summary, setSummary] = useState<FieldError[] | null>(null)
  const [attempted, setAttempted] = useState(false)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [sending, setSending] = useState(false)
  const idempotencyKey = useRef(newIdempotencyKey())

  const category = categories.find((entry) => entry.id === draft.categoryId && entry.selectable)
  const photoSummary = {
    uploading: uploads.photos.filter((photo) => photo.status === 'uploading').length,
    failed: uploads.photos.filter((photo) => photo.status === 'failed').length,
  }
  // After the first attempt, field messages follow the resident's fixes as they type.
  const liveErrors = attempted ? validateDraft(draft, category, photoSummary) : []
  const errorText = (error: FieldError) =>
    t(`feedback.form.errors.${error.problem}`, {
      question: error.question?.label[language] ?? '',
      min: formatNumber(descriptionLimits.min, language),
      max: formatNumber(descriptionLimits.max, language),
    })
  // One array per failed attempt (and language): ErrorSummary takes the focus whenever it changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: errorText only depends on t and language
  const summaryLinks = useMemo(
    () => (summary ?? []).map((error) => ({ fieldId: error.fieldId, message: errorText(error) })),
    [summary, t, language],
  )
  const errorFor = (fieldId: string) => {
    const error = liveErrors.find((entry) => entry.fieldId === fieldId)
    return error ? errorText(error) : undefined
  }

  const change = (patch: Partial<ReportDraft>) => setDraft((current) => ({ ...current, ...patch }))
  const onPin = useCallback(
    (pin: LngLat | null) =>
      setDraft((current) => ({
        ...current,
        pin,
        pinWard: { status: 'unknown' },
        ward: pin ? '' : current.ward,
      })),
    [],
  )

  // Which ward the pin is in (said under the map), and whether it is in the city at all.
  const pinLon = draft.pin?.lon
  const pinLat = draft.pin?.lat
  useEffect(() => {
    if (pinLon === undefined || pinLat === undefined) return
    const controller = new AbortController()
    const setPinWard = (pinWard: ReportDraft['pinWard']) => setDraft((current) => ({ ...current, pinWard }))
    locateWard(pinLon, pinLat, controller.signal).then(
      (result) =>
        setPinWard({
          status: 'found',
          name: language === 'en' ? result.ward.fullNameEn : result.ward.fullName,
        }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        const lookup = failureOf(error)
        if (lookup.kind === 'problem' && lookup.code === 'outside_city') setPinWard({ status: 'outside' })
      },
    )
    return () => controller.abort()
  }, [pinLon, pinLat, language])

  const send = async (event: FormEvent) => {
    event.preventDefault()
    if (sending) return
    const problems = validateDraft(draft, category, photoSummary)
    setAttempted(true)
    setFailure(null)
    if (problems.length > 0 || !category) {
      setSummary(problems)
      return
    }
    setSummary(null)
    setSending(true)
    const photoIds = uploads.photos.flatMap((photo) => (photo.status === 'done' ? [photo.uploaded.id] : []))
    try {
      const report = await submitReport(submitBody(draft, category, photoIds), idempotencyKey.current)
      goTo(reportPath(report.id))
    } catch (error) {
      const refused = failureOf(error)
      if (needsNewIdempotencyKey(refused)) idempotencyKey.current = newIdempotencyKey()
      setFailure(refused)
      setSending(false)
    }
  }

  const mayRetrySafely =
    failure?.kind === 'network' || (failure?.kind === 'unexpected' && failure.status >= 500)
  return (
    <form className="report-form" onSubmit={(event) => void send(event)} noValidate aria-busy={sending}>
      {summaryLinks.length > 0 ? (
        <ErrorSummary heading={t('feedback.form.errorHeading')} errors={summaryLinks} />
      ) : null}
      {failure ? (
        <div className="report-form__failure">
          <ProblemAlert
            failure={failure}
            heading={t('feedback.form.failedHeading')}
            fieldIds={serverFieldIds(category)}
          />
          {mayRetrySafely ? <p>{t('feedback.form.retrySafe')}</p> : null}
        </div>
      ) : null}
      <CategoryFields
        groups={groups}
        groupId={draft.groupId}
        categoryId={draft.categoryId}
        answers={draft.answers}
        errorFor={errorFor}
        onGroup={(groupId) => {
          const leaves = groups.find((entry) => entry.group.id === groupId)?.leaves ?? []
          // A group with one kind only: that kind is the choice.
          change({ groupId, categoryId: leaves.length === 1 && leaves[0] ? leaves[0].id : '', answers: {} })
        }}
        onCategory={(categoryId) => change({ categoryId, answers: {} })}
        onAnswer={(code, value) =>
          setDraft((current) => ({ ...current, answers: { ...current.answers, [code]: value } }))
        }
      />
      <PlaceFields
        draft={draft}
        errorFor={errorFor}
        onPin={onPin}
        onAddress={(address) => change({ address })}
        onWard={(ward) => change({ ward })}
      />
      <NearbyReports pin={draft.pin} categoryId={category?.id ?? ''} />
      <fieldset className="form-step">
        <legend>
          <span className="form-step__number">3</span> {t('feedback.form.contentLegend')}
        </legend>
        <TextAreaField
          id={fieldIds.description}
          label={t('feedback.form.description')}
          hint={t('feedback.form.descriptionHint', { min: formatNumber(descriptionLimits.min, language) })}
          error={errorFor(fieldIds.description)}
          value={draft.description}
          rows={6}
          maxLength={descriptionLimits.max}
          onChange={(event) => change({ description: event.target.value })}
        />
        <p className="field__hint report-form__counter">
          {t('feedback.form.counter', {
            chars: formatNumber(draft.description.trim().length, language),
            max: formatNumber(descriptionLimits.max, language),
          })}
        </p>
        <PhotoFields
          photos={uploads.photos}
          error={errorFor(fieldIds.photos)}
          onAdd={(files) => uploads.add(files, uploads.photos.length)}
          onRetry={uploads.retry}
          onRemove={uploads.remove}
        />
      </fieldset>
      <fieldset className="form-step">
        <legend>
          <span className="form-step__number">4</span> {t('feedback.form.privacyLegend')}
        </legend>
        <CheckboxField
          id="report-public"
          label={t('feedback.form.public')}
          hint={t('feedback.form.publicHint')}
          checked={draft.public}
          onChange={(checked) => change({ public: checked })}
        />
        <CheckboxField
          id="report-anonymous"
          label={t('feedback.form.anonymous')}
          hint={t('feedback.form.anonymousHint')}
          checked={draft.anonymous}
          onChange={(checked) => change({ anonymous: checked })}
        />
      </fieldset>
      <button type="submit" className="button button--large" disabled={sending} aria-busy={sending}>
        {sending ? t('feedback.form.sending') : t('feedback.form.submit')}
      </button>
    </form>
  )
}
