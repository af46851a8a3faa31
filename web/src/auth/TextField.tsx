import type { InputHTMLAttributes } from 'react'

/**
 * A labelled input with an optional hint and error, both tied to it with aria-describedby (the
 * error also sets aria-invalid), so a screen reader reads them when the field gets the focus.
 */
export function TextField({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; label: string; hint?: string | undefined; error?: string | undefined } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
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
      <input id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
    </div>
  )
}
