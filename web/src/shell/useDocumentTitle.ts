import { useEffect } from 'react'

/** Keeps the tab title in the current language. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title
  }, [title])
}
