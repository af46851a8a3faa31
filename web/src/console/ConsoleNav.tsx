import { useTranslation } from 'react-i18next'
import { handlesFeedback } from './feedback/paths.ts'
import { isAdmin, useOfficial } from './officialSession.tsx'

/** The console's pages. */
export const consolePaths = {
  status: '/console',
  feedback: '/console/phan-anh',
  map: '/console/ban-do',
  admin: '/console/quan-tri',
  account: '/console/tai-khoan',
  signIn: '/console/dang-nhap',
} as const
export type ConsolePage = Exclude<keyof typeof consolePaths, 'signIn'>

/** Links to the console's pages, the current one marked for screen readers and by a bar. */
export function ConsoleNav({ current }: { current: ConsolePage }) {
  const { t } = useTranslation()
  const official = useOfficial()
  const label = {
    status: t('console.navStatus'),
    feedback: t('consoleFeedback.nav'),
    map: t('console.navMap'),
    admin: t('console.navAdmin'),
    account: t('console.navAccount'),
  }
  // Administration is only for agency and system administrators (the server checks it too).
  const pages: ConsolePage[] =
    official && isAdmin(official) ? ['status', 'map', 'admin', 'account'] : ['status', 'map', 'account']
  if (official && handlesFeedback(official.roles)) pages.splice(1, 0, 'feedback')
  return (
    <nav className="app-nav" aria-label={t('console.navLabel')}>
      <ul>
        {pages.map((page) => (
          <li key={page}>
            <a href={consolePaths[page]} aria-current={page === current ? 'page' : undefined}>
              {label[page]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
