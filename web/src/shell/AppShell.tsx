import type { ReactNode } from 'react'
import { SiteFooter } from './SiteFooter.tsx'
import { SiteHeader } from './SiteHeader.tsx'
import { SkipLink } from './SkipLink.tsx'
import { useDocumentTitle } from './useDocumentTitle.ts'

const mainContentId = 'main'

export interface AppShellProps {
  documentTitle: string
  homeHref: string
  subtitle?: string
  footerLinks?: ReactNode
  children: ReactNode
}

/** The frame every page sits in: skip link, header with language switch, main landmark, footer. */
export function AppShell({ documentTitle, homeHref, subtitle, footerLinks, children }: AppShellProps) {
  useDocumentTitle(documentTitle)
  return (
    <>
      <SkipLink targetId={mainContentId} />
      <SiteHeader homeHref={homeHref} subtitle={subtitle} />
      <main id={mainContentId} tabIndex={-1} className="page">
        {children}
      </main>
      <SiteFooter links={footerLinks} />
    </>
  )
}
