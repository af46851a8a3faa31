import { type ReactNode, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { setupI18n } from '../i18n/setup.ts'
import { registerServiceWorker } from '../pwa/registerServiceWorker.ts'
import './shell.css'

/** Entry point shared by both apps: languages, styles, offline support, then render into #root. */
export function mountApp(app: ReactNode): void {
  const i18n = setupI18n()
  const container = document.getElementById('root')
  if (!container) throw new Error('The page has no #root element to render into')
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>{app}</I18nextProvider>
    </StrictMode>,
  )
  registerServiceWorker()
}
