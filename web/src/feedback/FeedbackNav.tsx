import { useTranslation } from 'react-i18next'
import { formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import './header-inbox.css'
import { feedbackPaths } from './paths.ts'
import { useUnreadCount } from './unreadCount.ts'
import { useResident } from './useResident.ts'

export type FeedbackPage = keyof typeof feedbackPaths

/** Links between the feedback pages; the inbox link carries the unread count when there is one. */
export function FeedbackNav({ current }: { current: FeedbackPage | undefined }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const resident = useResident()
  const unread = useUnreadCount(resident.status === 'resident')
  const label: Record<FeedbackPage, string> = {
    list: t('feedback.nav.list'),
    submit: t('feedback.nav.submit'),
    mine: t('feedback.nav.mine'),
    inbox: t('feedback.nav.inbox'),
  }
  const pages: FeedbackPage[] = ['list', 'submit', 'mine', 'inbox']
  return (
    <nav className="app-nav" aria-label={t('feedback.nav.label')}>
      <ul>
        {pages.map((page) => (
          <li key={page}>
            <a href={feedbackPaths[page]} aria-current={page === current ? 'page' : undefined}>
              {label[page]}
              {page === 'inbox' && unread ? (
                <span className="count-badge">
                  <span aria-hidden="true">{formatNumber(unread, language)}</span>
                  <span className="visually-hidden">
                    {t('feedback.nav.unread', { total: formatNumber(unread, language) })}
                  </span>
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
