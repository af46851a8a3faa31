import { AccountPage } from '../account/AccountPage.tsx'
import { accountPath, residentSignInPath } from '../auth/ResidentHeaderAccount.tsx'
import { ResidentSignInPage } from '../auth/ResidentSignInPage.tsx'
import { InboxPage } from '../feedback/InboxPage.tsx'
import { MyReportsPage } from '../feedback/MyReportsPage.tsx'
import { PublicReportsPage } from '../feedback/PublicReportsPage.tsx'
import { feedbackPaths, reportIdFromPath } from '../feedback/paths.ts'
import { ReportPage } from '../feedback/ReportPage.tsx'
import { SubmitReportPage } from '../feedback/SubmitReportPage.tsx'
import { NotFoundPage } from '../shell/NotFoundPage.tsx'
import { currentPath } from '../shell/routing.ts'
import { MapPage, mapPath } from './MapPage.tsx'
import { ResidentApp } from './ResidentApp.tsx'
import { residentFrame } from './ResidentShell.tsx'

/** The resident app's pages by path. */
export function ResidentRoutes() {
  const path = currentPath()
  switch (path) {
    case '/':
    case '/index.html':
      return <ResidentApp />
    case mapPath:
      return <MapPage />
    case residentSignInPath:
      return <ResidentSignInPage />
    case accountPath:
      return <AccountPage />
    case feedbackPaths.list:
      return <PublicReportsPage />
    case feedbackPaths.submit:
      return <SubmitReportPage />
    case feedbackPaths.mine:
      return <MyReportsPage />
    case feedbackPaths.inbox:
      return <InboxPage />
    default: {
      const reportId = reportIdFromPath(path)
      if (reportId) return <ReportPage reportId={reportId} />
      return <NotFoundPage {...residentFrame()} />
    }
  }
}
