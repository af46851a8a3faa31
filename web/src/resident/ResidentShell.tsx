import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ResidentHeaderAccount } from '../auth/ResidentHeaderAccount.tsx'
import { HeaderInboxLink } from '../feedback/HeaderInboxLink.tsx'
import { AppShell, type AppShellProps } from '../shell/AppShell.tsx'

/** The resident app's frame: home link, the sign-in/account area, and the link to the console. */
export function ResidentShell(props: Omit<AppShellProps, 'homeHref' | 'account' | 'footerLinks'>) {
  return <AppShell {...props} {...residentFrame()} />
}

/** The parts of the frame every resident page shares (also used by the not-found page). */
export function residentFrame(): { homeHref: string; account: ReactNode; footerLinks: ReactNode } {
  return { homeHref: '/', account: <ResidentAccountArea />, footerLinks: <ResidentFooterLinks /> }
}

/** The signed-in resident's inbox (with its unread count) next to their name, or "Đăng nhập". */
function ResidentAccountArea() {
  return (
    <>
      <HeaderInboxLink />
      <ResidentHeaderAccount />
    </>
  )
}

function ResidentFooterLinks() {
  const { t } = useTranslation()
  return (
    <li>
      <a href="/console">{t('resident.consoleLink')}</a>
    </li>
  )
}
