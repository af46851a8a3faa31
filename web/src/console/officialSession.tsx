import type { SessionInfo } from '@dc/contracts'
import { createContext, type ReactNode, useContext, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { goTo, useSession } from '../auth/useSession.ts'
import { AppShell } from '../shell/AppShell.tsx'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'

export type SignedInOfficial = Extract<SessionInfo, { kind: 'official' }>['official']

/** Roles that manage officials and API keys (the "Quản trị" page). */
export const adminRoles = ['agency_admin', 'system_admin'] as const

export function isAdmin(official: SignedInOfficial): boolean {
  return official.roles.some((role) => (adminRoles as readonly string[]).includes(role))
}

export const officialSignInPath = '/console/dang-nhap'

const OfficialContext = createContext<SignedInOfficial | null>(null)

/** The signed-in official; only inside <RequireOfficial>. */
export function useOfficial(): SignedInOfficial | null {
  return useContext(OfficialContext)
}

/**
 * Console pages are for signed-in officials only: anyone else is sent to the sign-in page (which
 * brings them back here afterwards). The page renders once the session says who is signed in.
 */
export function RequireOfficial({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const { state, reload } = useSession()
  const official = state.status === 'loaded' && state.data.signedIn && state.data.kind === 'official'
  const signedOut = state.status === 'loaded' && !official
  useEffect(() => {
    if (!signedOut) return
    const here = window.location.pathname + window.location.search
    goTo(`${officialSignInPath}?returnTo=${encodeURIComponent(here)}`, { replace: true })
  }, [signedOut])
  if (state.status === 'loaded' && state.data.signedIn && state.data.kind === 'official') {
    return <OfficialContext.Provider value={state.data.official}>{children}</OfficialContext.Provider>
  }
  return (
    <AppShell
      documentTitle={t('console.documentTitle')}
      homeHref="/console"
      subtitle={t('console.productSubtitle')}
    >
      {state.status === 'failed' ? (
        <FailureNotice failure={state.failure} onRetry={reload} />
      ) : (
        <LoadingNotice />
      )}
    </AppShell>
  )
}
