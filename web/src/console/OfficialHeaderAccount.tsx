import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { signOut } from '../api/auth.ts'
import '../auth/identity.css'
import { goTo } from '../auth/useSession.ts'
import { officialSignInPath, useOfficial } from './officialSession.tsx'

/** The console header's account area: who is signed in, their agency, and "Đăng xuất". */
export function OfficialHeaderAccount() {
  const { t } = useTranslation()
  const official = useOfficial()
  const [busy, setBusy] = useState(false)
  if (!official) return null
  async function leave() {
    setBusy(true)
    try {
      await signOut()
    } finally {
      // Signed out, or the session was gone already: either way, back to the sign-in page.
      goTo(officialSignInPath)
    }
  }
  return (
    <div className="header-official">
      <p className="header-official__who">
        <span className="visually-hidden">{t('auth.header.signedInAs')} </span>
        <span className="header-official__name">{official.fullName}</span>
        <span className="header-official__agency">{official.agencyName}</span>
      </p>
      <button type="button" className="header-button" disabled={busy} onClick={() => void leave()}>
        {t('auth.header.signOut')}
      </button>
    </div>
  )
}
