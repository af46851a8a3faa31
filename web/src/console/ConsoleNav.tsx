import { useTranslation } from 'react-i18next'

/** The console's pages. */
export const consolePaths = { status: '/console', map: '/console/ban-do' } as const
export type ConsolePage = keyof typeof consolePaths

/** Links to the console's pages, the current one marked for screen readers and by a bar. */
export function ConsoleNav({ current }: { current: ConsolePage }) {
  const { t } = useTranslation()
  const label = { status: t('console.navStatus'), map: t('console.navMap') }
  return (
    <nav className="app-nav" aria-label={t('console.navLabel')}>
      <ul>
        {(Object.keys(consolePaths) as ConsolePage[]).map((page) => (
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
