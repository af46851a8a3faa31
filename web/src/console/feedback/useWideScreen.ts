import { useEffect, useState } from 'react'

/** Where the queue turns from cards (phones) into a table: 48rem, as in console-feedback.css. */
const wideQuery = '(min-width: 48rem)'

/**
 * Whether the screen is wide enough for the table. One layout is rendered at a time (not both
 * hidden by CSS), so every checkbox and link exists once and keeps its id.
 */
export function useWideScreen(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(wideQuery).matches)
  useEffect(() => {
    const query = window.matchMedia(wideQuery)
    const update = () => setWide(query.matches)
    update()
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])
  return wide
}
