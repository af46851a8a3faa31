import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../api/errors.ts'
import { closeMyAccount } from '../api/me.ts'
import { ProblemAlert, useFocusOnMount } from '../auth/ProblemAlert.tsx'
import { goTo } from '../auth/useSession.ts'
import { failureOf } from './SessionsCard.tsx'

/** Closing the account, behind a confirmation that says what it does. */
export function CloseAccountCard({ name }: { name: string | null }) {
  const { t } = useTranslation()
  const [confirming, setConfirming] = useState(false)
  return (
    <section className="card account-card account-card--danger" aria-labelledby="close-account-heading">
      <h2 id="close-account-heading">{t('account.close.heading')}</h2>
      <p>{t('account.close.intro')}</p>
      {confirming ? (
        <CloseConfirmation name={name} onCancel={() => setConfirming(false)} />
      ) : (
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          {t('account.close.start')}
        </button>
      )}
    </section>
  )
}

function CloseConfirmation({ name, onCancel }: { name: string | null; onCancel: () => void }) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [busy, setBusy] = useState(false)
  async function close() {
    setBusy(true)
    setFailure(null)
    try {
      await closeMyAccount()
      goTo('/')
    } catch (error) {
      setFailure(failureOf(error))
      setBusy(false)
    }
  }
  return (
    <section className="confirm" aria-labelledby="close-confirm-heading">
      <h3 id="close-confirm-heading" ref={heading} tabIndex={-1}>
        {t('account.close.confirmHeading', { name: name ?? t('auth.header.myAccount') })}
      </h3>
      <ul>
        <li>{t('account.close.consequenceSessions')}</li>
        <li>{t('account.close.consequenceData')}</li>
        <li>{t('account.close.consequenceLog')}</li>
        <li>{t('account.close.consequenceReopen')}</li>
      </ul>
      {failure ? <ProblemAlert failure={failure} /> : null}
      <div className="button-row">
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void close()}>
          {t('account.close.confirm')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          {t('account.close.cancel')}
        </button>
      </div>
    </section>
  )
}
