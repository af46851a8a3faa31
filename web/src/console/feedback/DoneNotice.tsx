import { useEffect, useRef } from 'react'

/**
 * What a write achieved, as a status message that takes the focus: the control that did it often
 * goes away (a form closes, "start" is no longer allowed), and the focus must land somewhere
 * that says what happened. `stamp` changes with every write, so the same words are focused again.
 */
export function DoneNotice({ message, stamp }: { message: string; stamp: number }) {
  const ref = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    void stamp
    ref.current?.focus()
  }, [stamp])
  if (!message) return null
  return (
    <p ref={ref} className="notice notice--ok cf-done" role="status" tabIndex={-1}>
      {message}
    </p>
  )
}
