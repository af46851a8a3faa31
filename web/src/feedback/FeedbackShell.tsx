import type { ReactNode } from 'react'
import { ResidentShell } from '../resident/ResidentShell.tsx'
import { FeedbackNav, type FeedbackPage } from './FeedbackNav.tsx'
import './feedback.css'

/** The resident frame with the feedback pages' links under the header. */
export function FeedbackShell({
  documentTitle,
  current,
  children,
}: {
  documentTitle: string
  current?: FeedbackPage
  children: ReactNode
}) {
  return (
    <ResidentShell documentTitle={documentTitle} nav={<FeedbackNav current={current} />}>
      {children}
    </ResidentShell>
  )
}
