import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import './fields.css'

/**
 * The labelled form fields: an input, a textarea or a native select, each with an optional hint and
 * error tied to it with aria-describedby (the error also sets aria-invalid), so a screen reader
 * reads them when the field gets the focus.
 */
interface FieldProps {
  id: string
  label: string
  hint?: ReactNode
  error?: string | undefined
}

/** aria-describedby for a field's hint and error (the error also makes the field aria-invalid). */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return (
    [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') ||
    undefined
  )
}

/** The hint and error paragraphs `describedBy` points at, for fields drawn by hand (choice groups). */
export function HintAndError({ id, hint, error }: Omit<FieldProps, 'label'>) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </>
  )
}

/** The label, hint and error around one control, which gets the aria attributes that tie them to it. */
function Field({
  id,
  label,
  hint,
  error,
  control,
}: FieldProps & {
  control: (aria: { 'aria-describedby': string | undefined; 'aria-invalid': true | undefined }) => ReactNode
}) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      {control({
        'aria-describedby': describedBy(id, hint, error),
        'aria-invalid': error ? true : undefined,
      })}
    </div>
  )
}

/** The Field part of a field's props, and the rest for its control. */
function splitField<P extends FieldProps>({ id, label, hint, error, ...control }: P) {
  return [{ id, label, hint, error }, control] as const
}

export function TextField(props: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const [field, input] = splitField(props)
  return <Field {...field} control={(aria) => <input id={field.id} {...aria} {...input} />} />
}

export function TextAreaField(props: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const [field, textarea] = splitField(props)
  return <Field {...field} control={(aria) => <textarea id={field.id} rows={4} {...aria} {...textarea} />} />
}

export function SelectField(
  props: FieldProps & { children: ReactNode } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>,
) {
  const [field, { children, ...select }] = splitField(props)
  return (
    <Field
      {...field}
      control={(aria) => (
        <select id={field.id} {...aria} {...select}>
          {children}
        </select>
      )}
    />
  )
}
