import type { TextareaHTMLAttributes } from 'react'

/** A labelled textarea with an optional hint and error, read with it (aria-describedby), like TextField. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  ...textarea
}: { id: string; label: string; hint?: string | undefined; error?: string | undefined } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id'
>) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={4}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...textarea}
      />
    </div>
  )
}
