import { useEffect, useRef, useState } from 'react'

type Done = { message: string; stamp: number }

/**
 * What a write achieved, as a status message that takes the focus: the control that did it often
 * goes away (a form closes, "start" is no longer allowed), and the focus must land somewhere
 * that says what happened. `stamp` changes with every write, so the same words are focused again.
 */
export function DoneNotice({ done }: { done: Done }) {
  const ref = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    void done.stamp
    ref.current?.focus()
  }, [done.stamp])
  if (!done.message) return null
  return (
    <p ref={ref} className="notice notice--ok cf-done" role="status" tabIndex={-1}>
      {done.message}
    </p>
  )
}

/** The page's last "done" message for DoneNotice, and `announce` to say a new one (a new stamp). */
export function useDone(): [Done, (message: string) => void] {
  const [done, setDone] = useState<Done>({ message: '', stamp: 0 })
  const announce = (message: string) => setDone((previous) => ({ message, stamp: previous.stamp + 1 }))
  return [done, announce]
}
