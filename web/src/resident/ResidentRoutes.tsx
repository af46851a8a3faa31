import { AccountPage } from '../account/AccountPage.tsx'
import { accountPath, residentSignInPath } from '../auth/ResidentHeaderAccount.tsx'
import { ResidentSignInPage } from '../auth/ResidentSignInPage.tsx'
import { NotFoundPage } from '../shell/NotFoundPage.tsx'
import { currentPath } from '../shell/routing.ts'
import { MapPage, mapPath } from './MapPage.tsx'
import { ResidentApp } from './ResidentApp.tsx'
import { residentFrame } from './ResidentShell.tsx'

/** The resident app's pages by path. */
export function ResidentRoutes() {
  switch (currentPath()) {
    case '/':
    case '/index.html':
      return <ResidentApp />
    case mapPath:
      return <MapPage />
    case residentSignInPath:
      return <ResidentSignInPage />
    case accountPath:
      return <AccountPage />
    default:
      return <NotFoundPage {...residentFrame()} />
  }
}
