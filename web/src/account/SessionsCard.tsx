import type { ActiveSessionList } from '@dc/contracts'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { endAllSessions, endSession, fetchActiveSessions, signOut } from '../api/auth.ts'
import { RequestFailedError, type RequestFailure } from '../api/errors.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { ProblemAlert } from '../auth/ProblemAlert.tsx'
import { goTo } from '../auth/useSession.ts'
import { formatDateTime } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResourceView } from '../shell/ResourceView.tsx'

type Session = ActiveSessionList['sessions'][number]

/** A failure as the UI shows it (a thrown non-request error is "unexpected"). */
export function failureOf(error: unknown): RequestFailure {
  return error instanceof RequestFailedError ? error.failure : { kind: 'unexpected', status: 0 }
}

/**
 * The devices signed in to the account, each one endable; sign out here or everywhere. Residents and
 * officials both use it: `signedOutPath` is where signing out leads (the app's home, or the console's
 * sign-in page).
 */
export function SessionsCard({ signedOutPath = '/' }: { signedOutPath?: string } = {}) {
  const { t } = useTranslation()
  const sessions = useApiResource(fetchActiveSessions)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [busy, setBusy] = useState(false)

  async function run(action: () => Promise<unknown>, after: () => void) {
    setBusy(true)
    setFailure(null)
    try {
      await action()
      after()
    } catch (error) {
      setFailure(failureOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card account-card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('account.sessions.heading')}</h2>
      <p>{t('account.sessions.intro')}</p>
      {failure ? <ProblemAlert failure={failure} /> : null}
      <ResourceView resource={sessions}>
        {(data) => (
          <ul className="session-list">
            {data.sessions.map((session) => (
              <SessionItem
                key={session.id}
                session={session}
                busy={busy}
                onEnd={() => void run(() => endSession(session.id), sessions.reload)}
              />
            ))}
          </ul>
        )}
      </ResourceView>
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void run(signOut, () => goTo(signedOutPath))}
        >
          {t('account.sessions.signOut')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => void run(endAllSessions, () => goTo(signedOutPath))}
        >
          {t('account.sessions.signOutEverywhere')}
        </button>
      </div>
    </section>
  )
}

function SessionItem({ session, busy, onEnd }: { session: Session; busy: boolean; onEnd: () => void }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const device = describeDevice(session.userAgent) ?? t('account.sessions.unknownDevice')
  return (
    <li className="session-list__item">
      <p className="session-list__device">
        {device}
        {session.current ? (
          <span className="badge badge--inline">{t('account.sessions.thisDevice')}</span>
        ) : null}
      </p>
      <p className="session-list__times">
        {t('account.sessions.signedInAt', { time: formatDateTime(session.createdAt, language) })}
        <br />
        {t('account.sessions.lastSeenAt', { time: formatDateTime(session.lastSeenAt, language) })}
      </p>
      {session.current ? null : (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          onClick={onEnd}
          aria-label={t('account.sessions.endLabel', { device })}
        >
          {t('account.sessions.end')}
        </button>
      )}
    </li>
  )
}

/** "Chrome · Android" from a user-agent string; undefined when nothing is recognisable. */
export function describeDevice(userAgent: string | null): string | undefined {
  if (!userAgent) return undefined
  const browser = [
    ['Edg/', 'Edge'],
    ['OPR/', 'Opera'],
    ['CocCoc', 'Cốc Cốc'],
    ['Zalo', 'Zalo'],
    ['Firefox/', 'Firefox'],
    ['Chrome/', 'Chrome'],
    ['Safari/', 'Safari'],
  ].find(([marker]) => userAgent.includes(marker as string))?.[1]
  const system = [
    ['Android', 'Android'],
    ['iPhone', 'iPhone'],
    ['iPad', 'iPad'],
    ['Windows', 'Windows'],
    ['Mac OS X', 'macOS'],
    ['Linux', 'Linux'],
  ].find(([marker]) => userAgent.includes(marker as string))?.[1]
  const parts = [browser, system].filter(Boolean)
  return parts.length ? parts.join(' · ') : undefined
}
