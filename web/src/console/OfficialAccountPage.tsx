import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SessionsCard } from '../account/SessionsCard.tsx'
import '../auth/identity.css'
import { AppShell } from '../shell/AppShell.tsx'
import { ChangePasswordCard } from './ChangePasswordCard.tsx'
import { ConsoleNav } from './ConsoleNav.tsx'
import { OfficialHeaderAccount } from './OfficialHeaderAccount.tsx'
import { officialSignInPath, type SignedInOfficial, useOfficial } from './officialSession.tsx'

/** `/console/tai-khoan`: the signed-in official's own account — who they are, password, devices. */
export function OfficialAccountPage() {
  const { t } = useTranslation()
  const official = useOfficial()
  // A password change ends the other sessions: a new key remounts the list so it shows that.
  const [passwordChanges, setPasswordChanges] = useState(0)
  return (
    <AppShell
      documentTitle={t('officialAccount.documentTitle')}
      homeHref="/console"
      subtitle={t('console.productSubtitle')}
      nav={<ConsoleNav current="account" />}
      account={<OfficialHeaderAccount />}
      footerLinks={
        <li>
          <a href="/">{t('console.residentLink')}</a>
        </li>
      }
    >
      <section className="welcome" aria-labelledby="official-account-heading">
        <h1 id="official-account-heading">{t('officialAccount.heading')}</h1>
        <p className="lead">{t('officialAccount.intro')}</p>
      </section>
      {official ? <OfficialProfileCard official={official} /> : null}
      <ChangePasswordCard onChanged={() => setPasswordChanges((n) => n + 1)} />
      <SessionsCard key={passwordChanges} signedOutPath={officialSignInPath} />
    </AppShell>
  )
}

/** What the session says about the official: enough to check the account is set up right. */
function OfficialProfileCard({ official }: { official: SignedInOfficial }) {
  const { t } = useTranslation()
  return (
    <section className="card account-card" aria-labelledby="official-profile-heading">
      <h2 id="official-profile-heading">{t('officialAccount.profile.heading')}</h2>
      <dl className="info-list">
        <div>
          <dt>{t('officialAccount.profile.fullName')}</dt>
          <dd>{official.fullName}</dd>
        </div>
        <div>
          <dt>{t('officialAccount.profile.username')}</dt>
          <dd>
            <code>{official.username}</code>
          </dd>
        </div>
        <div>
          <dt>{t('officialAccount.profile.agency')}</dt>
          <dd>{official.agencyName}</dd>
        </div>
        <div>
          <dt>{t('officialAccount.profile.roles')}</dt>
          <dd>
            {official.roles.length
              ? official.roles.map((role) => t(`admin.roles.${role}`)).join(', ')
              : t('officialAccount.profile.noRoles')}
          </dd>
        </div>
        <div>
          <dt>{t('officialAccount.profile.wards')}</dt>
          <dd>
            {official.wardCodes.length
              ? official.wardCodes.join(', ')
              : t('officialAccount.profile.allWards')}
          </dd>
        </div>
        <div>
          <dt>{t('officialAccount.profile.totp')}</dt>
          <dd>
            {official.totpEnabled
              ? t('officialAccount.profile.totpOn')
              : t('officialAccount.profile.totpOff')}
          </dd>
        </div>
      </dl>
      <p className="account-card__note">{t('officialAccount.profile.note')}</p>
    </section>
  )
}
