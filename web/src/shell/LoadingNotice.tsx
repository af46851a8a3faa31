import { useTranslation } from 'react-i18next'

/** Polite "loading…" line, announced by screen readers without stealing focus. */
export function LoadingNotice() {
  const { t } = useTranslation()
  return (
    <p className="notice notice--loading" role="status">
      {t('app.loading')}
    </p>
  )
}
