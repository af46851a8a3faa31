import { useTranslation } from 'react-i18next'
import { formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { currentPath } from '../shell/routing.ts'
import { feedbackPaths } from './paths.ts'
import { useUnreadCount } from './unreadCount.ts'
import { useResident } from './useResident.ts'
import './header-inbox.css'

/** More than this shows as "99+" on the badge (the link's name still says the exact number). */
const badgeMax = 99

/**
 * The header's link to the inbox, on every resident page, with the unread count on it. Only for a
 * signed-in resident (visitors and officials have no inbox). The name says the count in words:
 * "Hộp thư, 3 tin chưa đọc".
 */
export function HeaderInboxLink() {
  const { t } = useTranslation()
  const language = useLanguage()
  const resident = useResident()
  const unread = useUnreadCount(resident.status === 'resident')
  if (resident.status !== 'resident') return null
  const name = unread
    ? t('feedback.header.inboxUnread', { total: formatNumber(unread, language) })
    : t('feedback.header.inbox')
  const here = currentPath() === feedbackPaths.inbox
  return (
    <a
      className="header-inbox"
      href={feedbackPaths.inbox}
      aria-label={name}
      aria-current={here ? 'page' : undefined}
    >
      <EnvelopeIcon />
      <span className="header-inbox__text">{t('feedback.header.inbox')}</span>
      {unread ? (
        <span className="count-badge">
          {unread > badgeMax ? `${formatNumber(badgeMax, language)}+` : formatNumber(unread, language)}
        </span>
      ) : null}
    </a>
  )
}

function EnvelopeIcon() {
  return (
    <svg
      className="header-inbox__icon"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
        d="M3 6h18v12H3z M3 6l9 7 9-7"
      />
    </svg>
  )
}
