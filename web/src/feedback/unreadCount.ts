import { useEffect, useSyncExternalStore } from 'react'
import { fetchInbox } from '../api/feedback.ts'

/**
 * The resident's unread inbox count, shared by the nav badge and the inbox page (which reports
 * changes here, so the badge follows "mark as read" without another request). Read once per page.
 */
let unread: number | null = null
let requested = false
const listeners = new Set<() => void>()

export function setUnreadCount(count: number): void {
  unread = count
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The count (null until known); reads the inbox once when `enabled` (a resident is signed in). */
export function useUnreadCount(enabled: boolean): number | null {
  useEffect(() => {
    if (!enabled || requested) return
    requested = true
    fetchInbox(new AbortController().signal).then(
      (inbox) => {
        // The inbox page may have reported a fresher count meanwhile.
        if (unread === null) setUnreadCount(inbox.unread)
      },
      // No badge when the inbox cannot be read; the inbox page says why.
      () => {},
    )
  }, [enabled])
  return useSyncExternalStore(subscribe, () => unread)
}
