import type { ReactNode } from 'react'
import { SiteFooter } from './SiteFooter.tsx'
import { SiteHeader } from './SiteHeader.tsx'
import { SkipLink } from './SkipLink.tsx'
import { useDocumentTitle } from './useDocumentTitle.ts'
import { useHeaderHeight } from './useHeaderHeight.ts'

const mainContentId = 'main'

export interface AppShellProps {
  documentTitle: string
  homeHref: string
  subtitle?: string
  footerLinks?: ReactNode
  /** The app's page links, between the header and the main content. */
  nav?: ReactNode
  /** The header's account area: the sign-in link, or who is signed in. */
  account?: ReactNode
  /** `fill`: the main content fills the viewport below the header (the map); the footer follows. */
  layout?: 'page' | 'fill'
  children: ReactNode
}

/** The frame every page sits in: skip link, header with language switch, main landmark, footer. */
export function AppShell({
  documentTitle,
  homeHref,
  subtitle,
  footerLinks,
  nav,
  account,
  layout = 'page',
  children,
}: AppShellProps) {
  useDocumentTitle(documentTitle)
  useHeaderHeight(layout === 'fill')
  return (
    <>
      <SkipLink targetId={mainContentId} />
      <SiteHeader homeHref={homeHref} subtitle={subtitle} account={account} />
      {nav}
      <main id={mainContentId} tabIndex={-1} className={layout === 'fill' ? 'page page--fill' : 'page'}>
        {children}
      </main>
      <SiteFooter links={footerLinks} />
    </>
  )
}
