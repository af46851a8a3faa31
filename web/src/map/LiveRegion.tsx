/**
 * Polite announcements for screen readers (search results, what was chosen, layers switched).
 * The region is always in the page, so changes to its text are read out.
 */
export function LiveRegion({ message }: { message: string }) {
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  )
}
