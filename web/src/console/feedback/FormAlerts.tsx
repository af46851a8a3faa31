import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../../api/errors.ts'
import { ErrorSummary, ProblemAlert } from '../../auth/ProblemAlert.tsx'

/** A field's problem found before sending: the field's id (the summary links to it) and what to fix. */
export type FieldError = { fieldId: string; message: string }

/** The problems a form found in itself before sending, and each field's own message. */
export function useFormErrors() {
  const [errors, setErrors] = useState<FieldError[]>([])
  return {
    errors,
    setErrors,
    errorFor: (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message,
  }
}

/**
 * The top of a console form: the summary of what it found before sending (links to the fields),
 * then the server's refusal if any, its field errors linked through `fieldIds`.
 */
export function FormAlerts({
  errors,
  failure,
  failureHeading,
  fieldIds,
}: {
  errors: FieldError[]
  failure: RequestFailure | null
  failureHeading?: string
  fieldIds: Record<string, string>
}) {
  const { t } = useTranslation()
  return (
    <>
      {errors.length ? <ErrorSummary errors={errors} heading={t('consoleFeedback.errorSummary')} /> : null}
      {failure ? <ProblemAlert failure={failure} heading={failureHeading} fieldIds={fieldIds} /> : null}
    </>
  )
}
