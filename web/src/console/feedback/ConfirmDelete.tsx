import { useEffect, useRef } from 'react'
import { ProblemAlert } from '../../auth/ProblemAlert.tsx'
import { useSubmission } from './useSubmission.ts'

/**
 * "Delete …?" before a deletion: the question takes the focus when it opens (keyboard and screen
 * reader users land on it), the server's refusal shows here, and `onDeleted` runs only once the
 * deletion went through.
 */
export function ConfirmDelete({
  id,
  question,
  confirmLabel,
  cancelLabel,
  remove,
  onDeleted,
  onCancel,
}: {
  id: string
  question: string
  confirmLabel: string
  cancelLabel: string
  remove: () => Promise<unknown>
  onDeleted: () => void
  onCancel: () => void
}) {
  const removal = useSubmission()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus()
  }, [])
  return (
    <section className="confirm" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {question}
      </h3>
      {removal.failure ? <ProblemAlert failure={removal.failure} /> : null}
      <div className="button-row button-row--tight">
        <button
          type="button"
          className="button button--danger"
          disabled={removal.busy}
          onClick={() =>
            void removal
              .run(() => remove().then(() => true))
              .then((ok) => {
                if (ok) onDeleted()
              })
          }
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </section>
  )
}
