import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from './LanguageSwitch.tsx'

export interface SiteHeaderProps {
  /** Where the product name links to: the home of the current app. */
  homeHref: string
  /** Shown after the product name, e.g. "Cổng cán bộ" on the console. */
  subtitle?: string | undefined
  /** Who is signed in (or the sign-in link), after the language switch. */
  account?: ReactNode
}

export function SiteHeader({ homeHref, subtitle, account }: SiteHeaderProps) {
  const { t } = useTranslation()
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="brand" href={homeHref}>
          <img className="brand__logo" src="/icons/icon.svg" alt="" width="32" height="32" />
          <span className="brand__name">{t('app.productName')}</span>
          {subtitle ? <span className="brand__subtitle">{subtitle}</span> : null}
        </a>
        <div className="site-header__tools">
          <LanguageSwitch />
          {account}
        </div>
      </div>
    </header>
  )
}
