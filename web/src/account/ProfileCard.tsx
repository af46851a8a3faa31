import type { ResidentProfile } from '@dc/contracts'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchMyProfile } from '../api/me.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { formatDate, formatDateTime } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResourceView } from '../shell/ResourceView.tsx'

/** "********1234": enough to recognise one's number on a shared screen, not enough to read it. */
export function maskNationalId(value: string): string {
  return value.length <= 4 ? value : '•'.repeat(value.length - 4) + value.slice(-4)
}

/** What the platform holds about the resident, from the e-ID sign-in. */
export function ProfileCard() {
  const { t } = useTranslation()
  const profile = useApiResource(fetchMyProfile)
  return (
    <section className="card account-card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('account.profile.heading')}</h2>
      <ResourceView resource={profile}>{(data) => <Profile profile={data} />}</ResourceView>
    </section>
  )
}

function Profile({ profile }: { profile: ResidentProfile }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [revealed, setRevealed] = useState(false)
  const missing = t('account.profile.notProvided')
  return (
    <>
      <dl className="info-list">
        <div>
          <dt>{t('account.profile.fullName')}</dt>
          <dd>{profile.fullName ?? missing}</dd>
        </div>
        <div>
          <dt id="national-id-term">{t('account.profile.nationalId')}</dt>
          <dd className="account-card__reveal">
            {profile.nationalId ? (
              <>
                <span className="account-card__number" id="national-id-value">
                  {revealed ? profile.nationalId : maskNationalId(profile.nationalId)}
                </span>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-pressed={revealed}
                  aria-controls="national-id-value"
                  onClick={() => setRevealed((shown) => !shown)}
                >
                  {t('account.profile.showNumber')}
                </button>
              </>
            ) : (
              missing
            )}
          </dd>
        </div>
        <div>
          <dt>{t('account.profile.birthDate')}</dt>
          <dd>{profile.birthDate ? formatDate(profile.birthDate, language) : missing}</dd>
        </div>
        <div>
          <dt>{t('account.profile.phone')}</dt>
          <dd>{profile.phone ?? missing}</dd>
        </div>
        <div>
          <dt>{t('account.profile.assurance')}</dt>
          <dd>{assuranceText(profile.assuranceLevel, t, missing)}</dd>
        </div>
        <div>
          <dt>{t('account.profile.lastSignIn')}</dt>
          <dd>
            <time dateTime={profile.lastSignInAt}>{formatDateTime(profile.lastSignInAt, language)}</time>
          </dd>
        </div>
      </dl>
      <p className="account-card__note">{t('account.profile.source')}</p>
    </>
  )
}

/** VNeID levels are written "2", "level2", "vneid:2"…: the last digit says which level. */
function assuranceText(
  level: string | null,
  // TFunction rather than useTranslation's own type: with many keys the latter is too deep for tsc.
  t: TFunction,
  missing: string,
): string {
  if (!level) return missing
  const digit = level.match(/(\d)\D*$/)?.[1]
  return digit ? t('account.profile.assuranceLevel', { level: digit }) : level
}
