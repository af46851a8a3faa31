import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../api/errors.ts'
import { useLanguage } from '../i18n/useLanguage.ts'

/**
 * Says why loading failed, in the current language, with a way to try again.
 * Problem+json answers carry their own vi/en messages, so switching language re-words them too.
 */
export function FailureNotice({ failure, onRetry }: { failure: RequestFailure; onRetry: () => void }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const message =
    failure.kind === 'problem'
      ? failure.messages[language]
      : failure.kind === 'network'
        ? t('app.networkError')
        : t('app.unexpectedError')
  return (
    <div className="notice notice--error" role="alert">
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </div>
  )
}
