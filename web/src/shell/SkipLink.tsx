import { useTranslation } from 'react-i18next'

/** First focusable element of every page: jumps keyboard and screen-reader users past the header. */
export function SkipLink({ targetId }: { targetId: string }) {
  const { t } = useTranslation()
  return (
    <a className="skip-link" href={`#${targetId}`}>
      {t('app.skipToContent')}
    </a>
  )
}
