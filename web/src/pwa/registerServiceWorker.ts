/**
 * Registers `/sw.js` (web/public/sw.js) for offline support, in production builds only:
 * in development a cached shell would hide the changes being made.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('Service worker registration failed; the app still works online.', error)
    })
  })
}
