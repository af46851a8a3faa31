import { useTranslation } from 'react-i18next'
import { useLanguage } from '../i18n/useLanguage.ts'
import type { LocateFailure } from './useLocateMe.ts'

/**
 * Why a place could not be shown ("my location" refused, outside the city …), as an alert that
 * is read out at once, worded in the current language, with a button to dismiss it.
 */
export function MapNotice({ problem, onDismiss }: { problem: LocateFailure; onDismiss: () => void }) {
  const { t } = useTranslation()
  const language = useLanguage()
  let message: string
  switch (problem.kind) {
    case 'unsupported':
      message = t('map.locate.unsupported')
      break
    case 'denied':
      message = t('map.locate.denied')
      break
    case 'unavailable':
      message = t('map.locate.unavailable')
      break
    case 'request':
      message =
        problem.failure.kind === 'problem'
          ? problem.failure.messages[language]
          : problem.failure.kind === 'network'
            ? t('app.networkError')
            : t('app.unexpectedError')
      break
  }
  return (
    <div className="map-notice notice notice--error" role="alert">
      <p>{message}</p>
      <button type="button" className="icon-button" onClick={onDismiss}>
        <span aria-hidden="true">×</span>
        <span className="visually-hidden">{t('map.close')}</span>
      </button>
    </div>
  )
}
