import type { ChangeEvent, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { TextAreaField } from '../../auth/TextField.tsx'
import { FormAlerts, useFormErrors } from './FormAlerts.tsx'
import { useSubmission } from './useSubmission.ts'

/** What an action form keeps: the problems it found itself, and its one write (busy, refusal). */
export function useActionForm() {
  return { ...useFormErrors(), ...useSubmission() }
}

type ActionFormState = ReturnType<typeof useActionForm>

/**
 * A form that acts on a report (answer, reassign, hide…): what it found before sending and the
 * server's refusal at the top, its fields, then the one button that sends it.
 */
export function ActionForm({
  form,
  fieldIds,
  submitLabel,
  danger = false,
  disabled = false,
  onSubmit,
  children,
}: {
  form: ActionFormState
  /** JSON pointer of a field the server may refuse → the id of its control. */
  fieldIds: Record<string, string>
  submitLabel: string
  /** The button in the danger colour: the action takes something away (reject, hide). */
  danger?: boolean
  /** Not yet: something the form waits for (photos still uploading). */
  disabled?: boolean
  onSubmit: () => Promise<void>
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <form
      className="form cf-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void onSubmit()
      }}
    >
      <FormAlerts
        errors={form.errors}
        failure={form.failure}
        failureHeading={t('consoleFeedback.actions.failed')}
        fieldIds={fieldIds}
      />
      {children}
      <button
        type="submit"
        className={danger ? 'button button--danger' : 'button'}
        disabled={form.busy || disabled}
      >
        {submitLabel}
      </button>
    </form>
  )
}

/** Why the official does it: required, at least 5 characters, read by the resident in the timeline. */
export function ReasonField({
  id,
  label,
  error,
  value,
  onChange,
}: {
  id: string
  label: string
  error: string | undefined
  value: string
  onChange: (reason: string) => void
}) {
  const { t } = useTranslation()
  return (
    <TextAreaField
      id={id}
      label={label}
      hint={t('consoleFeedback.bulk.reasonHint')}
      error={error}
      maxLength={1000}
      value={value}
      onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
    />
  )
}

/** Shorter than the 5 characters a reason, or a message to the resident, needs. */
export const tooShort = (reason: string) => reason.trim().length < 5
