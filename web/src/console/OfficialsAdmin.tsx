import type { AgencyItem, OfficialRecord, OfficialRoleName } from '@dc/contracts'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureOf } from '../account/SessionsCard.tsx'
import {
  createOfficial,
  fetchOfficials,
  resetOfficialTotp,
  unlockOfficial,
  updateOfficial,
} from '../api/admin.ts'
import type { RequestFailure } from '../api/errors.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { ErrorSummary, ProblemAlert } from '../auth/ProblemAlert.tsx'
import { TextField } from '../auth/TextField.tsx'
import { formatDateTime } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResourceView } from '../shell/ResourceView.tsx'
import { AgencySelect, agencyName } from './AgencySelect.tsx'
import { useOfficial } from './officialSession.tsx'

export const roleNames: OfficialRoleName[] = [
  'officer',
  'agency_admin',
  'alert_operator',
  'leader',
  'system_admin',
]

/** Officials of the administrator's agency (all of them for a system admin): list, create, enable, unlock. */
export function OfficialsAdmin({ agencies }: { agencies: AgencyItem[] }) {
  const { t } = useTranslation()
  const officials = useApiResource(fetchOfficials)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)

  async function act(action: () => Promise<unknown>, message: string) {
    setBusy(true)
    setFailure(null)
    setDone('')
    try {
      await action()
      setDone(message)
      officials.reload()
    } catch (error) {
      setFailure(failureOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card admin-section" aria-labelledby="officials-heading">
      <h2 id="officials-heading">{t('admin.officials.heading')}</h2>
      {failure ? <ProblemAlert failure={failure} /> : null}
      <p className="notice notice--ok-text" role="status">
        {done}
      </p>
      <ResourceView resource={officials}>
        {(data) => (
          <OfficialsTable
            officials={data.officials}
            agencies={agencies}
            busy={busy}
            onToggle={(official) =>
              void act(
                () => updateOfficial(official.id, { disabled: !official.disabled }),
                official.disabled
                  ? t('admin.officials.enabled', { name: official.fullName })
                  : t('admin.officials.disabled', { name: official.fullName }),
              )
            }
            onResetTotp={(official) =>
              void act(
                () => resetOfficialTotp(official.id),
                t('admin.officials.totpReset', { name: official.fullName }),
              )
            }
            onUnlock={(official) =>
              void act(
                () => unlockOfficial(official.id),
                t('admin.officials.unlocked', { name: official.fullName }),
              )
            }
          />
        )}
      </ResourceView>
      <CreateOfficialForm
        agencies={agencies}
        onCreated={(name) => {
          setDone(t('admin.officials.created', { name }))
          officials.reload()
        }}
      />
    </section>
  )
}

function isLocked(official: OfficialRecord): boolean {
  return official.lockedUntil !== null && new Date(official.lockedUntil).getTime() > Date.now()
}

function OfficialsTable({
  officials,
  agencies,
  busy,
  onToggle,
  onUnlock,
  onResetTotp,
}: {
  officials: OfficialRecord[]
  agencies: AgencyItem[]
  busy: boolean
  onToggle: (official: OfficialRecord) => void
  onUnlock: (official: OfficialRecord) => void
  onResetTotp: (official: OfficialRecord) => void
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const byId = new Map(agencies.map((agency) => [agency.id, agency]))
  if (!officials.length) return <p>{t('admin.officials.none')}</p>
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label={t('admin.officials.tableLabel')} tabIndex={0}>
      <table className="status-table admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.officials.username')}</th>
            <th scope="col">{t('admin.officials.fullName')}</th>
            <th scope="col">{t('admin.agency')}</th>
            <th scope="col">{t('admin.officials.roles')}</th>
            <th scope="col">{t('admin.officials.wards')}</th>
            <th scope="col">{t('admin.status')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {officials.map((official) => (
            <tr key={official.id}>
              <th scope="row">
                <code>{official.username}</code>
              </th>
              <td>{official.fullName}</td>
              <td>{agencyName(byId.get(official.agencyId), language) ?? official.agencyId}</td>
              <td>{official.roles.map((role) => t(`admin.roles.${role}`)).join(', ')}</td>
              <td>
                {official.wardCodes.length ? official.wardCodes.join(', ') : t('admin.officials.allWards')}
              </td>
              <td>
                {official.disabled
                  ? t('admin.officials.statusDisabled')
                  : isLocked(official)
                    ? t('admin.officials.statusLocked', {
                        time: formatDateTime(official.lockedUntil ?? '', language),
                      })
                    : t('admin.officials.statusActive')}
                {official.totpEnabled ? null : (
                  <span className="admin-table__aside">{t('admin.officials.noTotp')}</span>
                )}
              </td>
              <td>
                <div className="button-row button-row--tight">
                  <OfficialActions
                    official={official}
                    busy={busy}
                    onToggle={onToggle}
                    onUnlock={onUnlock}
                    onResetTotp={onResetTotp}
                  />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function OfficialActions({
  official,
  busy,
  onToggle,
  onUnlock,
  onResetTotp,
}: {
  official: OfficialRecord
  busy: boolean
  onToggle: (official: OfficialRecord) => void
  onUnlock: (official: OfficialRecord) => void
  onResetTotp: (official: OfficialRecord) => void
}) {
  const { t } = useTranslation()
  const me = useOfficial()
  return (
    <>
      {me?.id === official.id ? null : (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          aria-label={
            official.disabled
              ? t('admin.officials.enableLabel', { name: official.fullName })
              : t('admin.officials.disableLabel', { name: official.fullName })
          }
          onClick={() => onToggle(official)}
        >
          {official.disabled ? t('admin.officials.enable') : t('admin.officials.disable')}
        </button>
      )}
      {isLocked(official) || official.failedAttempts > 0 ? (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          aria-label={t('admin.officials.unlockLabel', { name: official.fullName })}
          onClick={() => onUnlock(official)}
        >
          {t('admin.officials.unlock')}
        </button>
      ) : null}
      {official.totpEnabled && me?.id !== official.id ? (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          aria-label={t('admin.officials.resetTotpLabel', { name: official.fullName })}
          onClick={() => onResetTotp(official)}
        >
          {t('admin.officials.resetTotp')}
        </button>
      ) : null}
    </>
  )
}

function CreateOfficialForm({
  agencies,
  onCreated,
}: {
  agencies: AgencyItem[]
  onCreated: (name: string) => void
}) {
  const { t } = useTranslation()
  const me = useOfficial()
  const empty = {
    username: '',
    fullName: '',
    email: '',
    agencyId: me?.agencyId ?? agencies[0]?.id ?? '',
    roles: ['officer'] as OfficialRoleName[],
    wards: '',
    password: '',
  }
  const [form, setForm] = useState(empty)
  const [errors, setErrors] = useState<{ fieldId: string; message: string }[]>([])
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [busy, setBusy] = useState(false)
  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }))
  // Only a system administrator can make another one.
  const assignable = roleNames.filter((role) => role !== 'system_admin' || me?.roles.includes('system_admin'))

  function validate(): { fieldId: string; message: string }[] {
    const found: { fieldId: string; message: string }[] = []
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(form.username.trim().toLowerCase()))
      found.push({ fieldId: 'new-username', message: t('admin.officials.usernameInvalid') })
    if (!form.fullName.trim())
      found.push({ fieldId: 'new-full-name', message: t('admin.officials.fullNameMissing') })
    if (!form.roles.length)
      found.push({ fieldId: 'new-role-officer', message: t('admin.officials.rolesMissing') })
    if (form.wards.trim() && !wardList(form.wards).every((code) => /^\d{5}$/.test(code)))
      found.push({ fieldId: 'new-wards', message: t('admin.officials.wardsInvalid') })
    if (!form.password) found.push({ fieldId: 'new-password', message: t('admin.officials.passwordMissing') })
    return found
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found = validate()
    setErrors(found)
    setFailure(null)
    if (found.length) return
    setBusy(true)
    try {
      const created = await createOfficial({
        username: form.username.trim().toLowerCase(),
        fullName: form.fullName.trim(),
        email: form.email.trim() || null,
        agencyId: form.agencyId,
        roles: form.roles,
        wardCodes: wardList(form.wards),
        password: form.password,
      })
      setForm(empty)
      onCreated(created.fullName)
    } catch (error) {
      setFailure(failureOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <details className="admin-form">
      <summary>{t('admin.officials.createHeading')}</summary>
      {errors.length ? <ErrorSummary errors={errors} heading={t('auth.errorSummary')} /> : null}
      {failure ? (
        <ProblemAlert
          failure={failure}
          fieldIds={{
            '/username': 'new-username',
            '/fullName': 'new-full-name',
            '/email': 'new-email',
            '/password': 'new-password',
            '/wardCodes': 'new-wards',
          }}
        />
      ) : null}
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id="new-username"
          label={t('admin.officials.username')}
          hint={t('admin.officials.usernameHint')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={form.username}
          error={errorFor('new-username')}
          onChange={(event) => set({ username: event.target.value })}
        />
        <TextField
          id="new-full-name"
          label={t('admin.officials.fullName')}
          autoComplete="off"
          value={form.fullName}
          error={errorFor('new-full-name')}
          onChange={(event) => set({ fullName: event.target.value })}
        />
        <TextField
          id="new-email"
          type="email"
          label={t('admin.officials.email')}
          autoComplete="off"
          value={form.email}
          onChange={(event) => set({ email: event.target.value })}
        />
        <AgencySelect
          id="new-agency"
          agencies={agencies}
          value={form.agencyId}
          onChange={(agencyId) => set({ agencyId })}
        />
        <fieldset
          className={
            errorFor('new-role-officer') ? 'field checkbox-group field--error' : 'field checkbox-group'
          }
          aria-describedby={errorFor('new-role-officer') ? 'new-roles-error' : undefined}
        >
          <legend>{t('admin.officials.roles')}</legend>
          {errorFor('new-role-officer') ? (
            <p id="new-roles-error" className="field__error">
              {errorFor('new-role-officer')}
            </p>
          ) : null}
          {assignable.map((role) => (
            <label key={role} className="checkbox">
              <input
                id={`new-role-${role}`}
                type="checkbox"
                checked={form.roles.includes(role)}
                onChange={(event) =>
                  set({
                    roles: event.target.checked
                      ? [...form.roles, role]
                      : form.roles.filter((r) => r !== role),
                  })
                }
              />
              {t(`admin.roles.${role}`)}
            </label>
          ))}
        </fieldset>
        <TextField
          id="new-wards"
          label={t('admin.officials.wards')}
          hint={t('admin.officials.wardsHint')}
          inputMode="numeric"
          autoComplete="off"
          value={form.wards}
          error={errorFor('new-wards')}
          onChange={(event) => set({ wards: event.target.value })}
        />
        <TextField
          id="new-password"
          type="password"
          label={t('admin.officials.initialPassword')}
          hint={t('admin.officials.initialPasswordHint')}
          autoComplete="new-password"
          value={form.password}
          error={errorFor('new-password')}
          onChange={(event) => set({ password: event.target.value })}
        />
        <button type="submit" className="button" disabled={busy}>
          {t('admin.officials.create')}
        </button>
      </form>
    </details>
  )
}

function wardList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((code) => code.trim())
        .filter(Boolean),
    ),
  ]
}
