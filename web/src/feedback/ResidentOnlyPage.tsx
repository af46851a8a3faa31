import type { ReactNode } from 'react'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'
import type { FeedbackPage } from './FeedbackNav.tsx'
import { FeedbackShell } from './FeedbackShell.tsx'
import { feedbackPaths } from './paths.ts'
import { SignInPrompt } from './SignInPrompt.tsx'
import { useResident } from './useResident.ts'

/**
 * A feedback page for signed-in residents only: its heading and intro for everyone, then the
 * content for a resident, or why and how to sign in (coming back to this page) for anyone else.
 */
export function ResidentOnlyPage({
  page,
  documentTitle,
  heading,
  intro,
  signInReason,
  children,
}: {
  page: Exclude<FeedbackPage, 'list'>
  documentTitle: string
  heading: string
  intro: string
  signInReason: string
  /** Drawn only once a resident is signed in, so it may load what needs a session. */
  children: ReactNode
}) {
  const resident = useResident()
  const headingId = `${page}-heading`
  return (
    <FeedbackShell documentTitle={documentTitle} current={page}>
      <section className="welcome" aria-labelledby={headingId}>
        <h1 id={headingId}>{heading}</h1>
        <p className="lead">{intro}</p>
      </section>
      {resident.status === 'loading' ? <LoadingNotice /> : null}
      {resident.status === 'failed' ? (
        <FailureNotice failure={resident.failure} onRetry={resident.reload} />
      ) : null}
      {resident.status === 'visitor' ? (
        <SignInPrompt reason={signInReason} returnTo={feedbackPaths[page]} />
      ) : null}
      {resident.status === 'resident' ? children : null}
    </FeedbackShell>
  )
}
