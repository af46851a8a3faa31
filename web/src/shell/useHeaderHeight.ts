import { useEffect } from 'react'

/**
 * Keeps `--above-main-height` on <html> equal to the height of what comes before <main> (the
 * header, which wraps on narrow screens, and the app's page links), so a page can fill exactly
 * the rest of the viewport.
 */
export function useHeaderHeight(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const main = document.querySelector<HTMLElement>('main')
    if (!main) return
    const root = document.documentElement
    const update = () => root.style.setProperty('--above-main-height', `${main.offsetTop}px`)
    update()
    const observer = new ResizeObserver(update)
    for (const element of document.querySelectorAll('.site-header, .app-nav')) observer.observe(element)
    return () => {
      observer.disconnect()
      root.style.removeProperty('--above-main-height')
    }
  }, [enabled])
}
