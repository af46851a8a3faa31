import type { SessionInfo } from '@dc/contracts'
import { type ReactNode, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { accountPath, residentSignInPath } from '../auth/ResidentHeaderAccount.tsx'
import { goTo, useSession } from '../auth/useSession.ts'
import { ResidentShell } from '../resident/ResidentShell.tsx'
import '../auth/identity.css'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'
import { AccessLogCard } from './AccessLogCard.tsx'
import { CloseAccountCard } from './CloseAccountCard.tsx'
import { MyDataCard } from './MyDataCard.tsx'
import { ProfileCard } from './ProfileCard.tsx'
import { SessionsCard } from './SessionsCard.tsx'

type ResidentSession = Extract<SessionInfo, { kind: 'resident' }>

/** `/tai-khoan`: the resident's own account. Not signed in → the sign-in page. */
export function AccountPage() {
  const { t } = useTranslation()
  const session = useSession()
  const { state } = session
  const resident = state.status === 'loaded' && state.data.signedIn && state.data.kind === 'resident'
  const signedOut = state.status === 'loaded' && !resident
  useEffect(() => {
    if (signedOut)
      goTo(`${residentSignInPath}?returnTo=${encodeURIComponent(accountPath)}`, { replace: true })
  }, [signedOut])
  let content: ReactNode
  if (state.status === 'failed') content = <FailureNotice failure={state.failure} onRetry={session.reload} />
  else if (state.status === 'loaded' && state.data.signedIn && state.data.kind === 'resident')
    content = <Account session={state.data} />
  else content = <LoadingNotice />
  return (
    <ResidentShell documentTitle={t('account.documentTitle')}>
      <section className="welcome" aria-labelledby="account-heading">
        <h1 id="account-heading">{t('account.heading')}</h1>
        <p className="lead">{t('account.intro')}</p>
      </section>
      {content}
    </ResidentShell>
  )
}

function Account({ session }: { session: ResidentSession }) {
  return (
    <>
      <ProfileCard />
      <SessionsCard />
      <AccessLogCard />
      <MyDataCard />
      <CloseAccountCard name={session.resident.fullName} />
    </>
  )
}
