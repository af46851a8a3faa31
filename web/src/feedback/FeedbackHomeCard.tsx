import { useTranslation } from 'react-i18next'
import { feedbackPaths } from './paths.ts'

/** The home page's way in to feedback: what it is for, and the link. */
export function FeedbackHomeCard() {
  const { t } = useTranslation()
  return (
    <section className="card feedback-home" aria-labelledby="feedback-home-heading">
      <h2 id="feedback-home-heading">{t('feedback.home.heading')}</h2>
      <p>{t('feedback.home.text')}</p>
      <a className="button" href={feedbackPaths.list}>
        {t('feedback.home.link')}
      </a>
    </section>
  )
}
