import { type AgencyItem, API_SCOPE_NAMES, type ApiKeyIssued, type ApiKeyItem } from '@dc/contracts'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureOf } from '../account/SessionsCard.tsx'
import { createApiKey, fetchApiKeys, revokeApiKey, rotateApiKey } from '../api/admin.ts'
import type { RequestFailure } from '../api/errors.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { ErrorSummary, ProblemAlert, useFocusOnMount } from '../auth/ProblemAlert.tsx'
import { TextField } from '../auth/TextField.tsx'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResourceView } from '../shell/ResourceView.tsx'
import { AgencySelect, agencyName } from './AgencySelect.tsx'
import { useOfficial } from './officialSession.tsx'

/**
 * Scopes a key can be given. Keep in step with API_SCOPES in server/core/http/access.ts (the
 * server refuses a scope it does not know).
 */
export const apiScopes = API_SCOPE_NAMES

/** i18next reads ':' as a namespace separator, so each scope's label has a key of its own. */
const scopeLabelKeys = { 'geo:import': 'geoImport', open311: 'open311' } as const satisfies Record<
  (typeof apiScopes)[number],
  string
>

/** API keys of the agency (every agency for a system admin): list, create, rotate, revoke. */
export function ApiKeysAdmin({ agencies }: { agencies: AgencyItem[] }) {
  const { t } = useTranslation()
  const keys = useApiResource(fetchApiKeys)
  const [issued, setIssued] = useState<ApiKeyIssued | null>(null)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const [revoking, setRevoking] = useState<ApiKeyItem | null>(null)

  async function act(action: () => Promise<ApiKeyIssued | undefined>, message: string) {
    setBusy(true)
    setFailure(null)
    setDone('')
    try {
      const result = await action()
      if (result) setIssued(result)
      setDone(message)
      keys.reload()
    } catch (error) {
      setFailure(failureOf(error))
    } finally {
      setBusy(false)
      setRevoking(null)
    }
  }

  return (
    <section className="card admin-section" aria-labelledby="api-keys-heading">
      <h2 id="api-keys-heading">{t('admin.apiKeys.heading')}</h2>
      <p>{t('admin.apiKeys.intro')}</p>
      {issued ? <IssuedKey issued={issued} onDone={() => setIssued(null)} /> : null}
      {failure ? <ProblemAlert failure={failure} /> : null}
      <p className="notice notice--ok-text" role="status">
        {done}
      </p>
      {revoking ? (
        <RevokeConfirmation
          apiKey={revoking}
          busy={busy}
          onConfirm={() =>
            void act(
              () => revokeApiKey(revoking.id).then(() => undefined),
              t('admin.apiKeys.revoked', { name: revoking.name }),
            )
          }
          onCancel={() => setRevoking(null)}
        />
      ) : null}
      <ResourceView resource={keys}>
        {(data) => (
          <ApiKeysTable
            apiKeys={data.apiKeys}
            agencies={agencies}
            busy={busy}
            onRotate={(key) =>
              void act(() => rotateApiKey(key.id), t('admin.apiKeys.rotated', { name: key.name }))
            }
            onRevoke={setRevoking}
          />
        )}
      </ResourceView>
      <CreateApiKeyForm
        agencies={agencies}
        onCreate={(body) => act(() => createApiKey(body), t('admin.apiKeys.created', { name: body.name }))}
        busy={busy}
      />
    </section>
  )
}

function keyStatus(key: ApiKeyItem): 'revoked' | 'expired' | 'active' {
  if (key.revokedAt) return 'revoked'
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= Date.now()) return 'expired'
  return 'active'
}

function ApiKeysTable({
  apiKeys,
  agencies,
  busy,
  onRotate,
  onRevoke,
}: {
  apiKeys: ApiKeyItem[]
  agencies: AgencyItem[]
  busy: boolean
  onRotate: (key: ApiKeyItem) => void
  onRevoke: (key: ApiKeyItem) => void
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const byId = new Map(agencies.map((agency) => [agency.id, agency]))
  if (!apiKeys.length) return <p>{t('admin.apiKeys.none')}</p>
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label={t('admin.apiKeys.tableLabel')} tabIndex={0}>
      <table className="status-table admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.apiKeys.name')}</th>
            <th scope="col">{t('admin.apiKeys.prefix')}</th>
            <th scope="col">{t('admin.agency')}</th>
            <th scope="col">{t('admin.apiKeys.scopes')}</th>
            <th scope="col">{t('admin.apiKeys.limit')}</th>
            <th scope="col">{t('admin.apiKeys.createdAt')}</th>
            <th scope="col">{t('admin.apiKeys.lastUsedAt')}</th>
            <th scope="col">{t('admin.status')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {apiKeys.map((key) => {
            const status = keyStatus(key)
            return (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>
                  <code>{key.prefix}</code>
                </td>
                <td>{agencyName(byId.get(key.agencyId), language) ?? key.agencyId}</td>
                <td>
                  {key.scopes.map((scope) => (
                    <code key={scope} className="tag">
                      {scope}
                    </code>
                  ))}
                </td>
                <td>
                  {t('admin.apiKeys.perMinute', { count: formatNumber(key.rateLimitPerMinute, language) })}
                </td>
                <td>
                  <time dateTime={key.createdAt}>{formatDateTime(key.createdAt, language)}</time>
                </td>
                <td>
                  {key.lastUsedAt ? (
                    <time dateTime={key.lastUsedAt}>{formatDateTime(key.lastUsedAt, language)}</time>
                  ) : (
                    t('admin.apiKeys.neverUsed')
                  )}
                </td>
                <td>{t(`admin.apiKeys.status.${status}`)}</td>
                <td>
                  {status === 'active' ? (
                    <div className="button-row button-row--tight">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        disabled={busy}
                        aria-label={t('admin.apiKeys.rotateLabel', { name: key.name })}
                        onClick={() => onRotate(key)}
                      >
                        {t('admin.apiKeys.rotate')}
                      </button>
                      <button
                        type="button"
                        className="button button--danger button--small"
                        disabled={busy}
                        aria-label={t('admin.apiKeys.revokeLabel', { name: key.name })}
                        onClick={() => onRevoke(key)}
                      >
                        {t('admin.apiKeys.revoke')}
                      </button>
                    </div>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

/** The full key, this once: a read-only field to copy from, with a warning that it will not be shown again. */
function IssuedKey({ issued, onDone }: { issued: ApiKeyIssued; onDone: () => void }) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const [copied, setCopied] = useState(false)
  async function copy() {
    try {
      await navigator.clipboard.writeText(issued.key)
      setCopied(true)
    } catch {
      // No clipboard permission: the field stays selectable for copying by hand.
      setCopied(false)
    }
  }
  return (
    <section className="issued-key" aria-labelledby="issued-key-heading">
      <h3 id="issued-key-heading" ref={heading} tabIndex={-1}>
        {t('admin.apiKeys.issuedHeading', { name: issued.apiKey.name })}
      </h3>
      <p className="issued-key__warning">
        <strong>{t('admin.apiKeys.issuedWarning')}</strong>
      </p>
      <div className="field">
        <label htmlFor="issued-key-value">{t('admin.apiKeys.issuedLabel')}</label>
        <input
          id="issued-key-value"
          className="input--key"
          readOnly
          value={issued.key}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy()}>
          {t('admin.apiKeys.copy')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('admin.apiKeys.issuedDone')}
        </button>
      </div>
      <p role="status">{copied ? t('admin.apiKeys.copied') : ''}</p>
    </section>
  )
}

function RevokeConfirmation({
  apiKey,
  busy,
  onConfirm,
  onCancel,
}: {
  apiKey: ApiKeyItem
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  return (
    <section className="confirm" aria-labelledby="revoke-heading">
      <h3 id="revoke-heading" ref={heading} tabIndex={-1}>
        {t('admin.apiKeys.revokeHeading', { name: apiKey.name })}
      </h3>
      <p>{t('admin.apiKeys.revokeText')}</p>
      <div className="button-row">
        <button type="button" className="button button--danger" disabled={busy} onClick={onConfirm}>
          {t('admin.apiKeys.revokeConfirm')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          {t('admin.apiKeys.cancel')}
        </button>
      </div>
    </section>
  )
}

function CreateApiKeyForm({
  agencies,
  busy,
  onCreate,
}: {
  agencies: AgencyItem[]
  busy: boolean
  onCreate: (body: {
    name: string
    agencyId: string
    scopes: string[]
    rateLimitPerMinute: number
  }) => Promise<void>
}) {
  const { t } = useTranslation()
  const me = useOfficial()
  const empty = {
    name: '',
    agencyId: me?.agencyId ?? agencies[0]?.id ?? '',
    scopes: [] as string[],
    limit: '600',
  }
  const [form, setForm] = useState(empty)
  const [errors, setErrors] = useState<{ fieldId: string; message: string }[]>([])
  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    const limit = Number(form.limit)
    const found = [
      ...(form.name.trim() ? [] : [{ fieldId: 'key-name', message: t('admin.apiKeys.nameMissing') }]),
      ...(Number.isInteger(limit) && limit >= 1 && limit <= 10_000
        ? []
        : [{ fieldId: 'key-limit', message: t('admin.apiKeys.limitInvalid') }]),
    ]
    setErrors(found)
    if (found.length) return
    await onCreate({
      name: form.name.trim(),
      agencyId: form.agencyId,
      scopes: form.scopes,
      rateLimitPerMinute: limit,
    })
    setForm(empty)
  }

  return (
    <details className="admin-form">
      <summary>{t('admin.apiKeys.createHeading')}</summary>
      {errors.length ? <ErrorSummary errors={errors} heading={t('auth.errorSummary')} /> : null}
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id="key-name"
          label={t('admin.apiKeys.name')}
          hint={t('admin.apiKeys.nameHint')}
          autoComplete="off"
          value={form.name}
          error={errorFor('key-name')}
          onChange={(event) => set({ name: event.target.value })}
        />
        <AgencySelect
          id="key-agency"
          agencies={agencies}
          value={form.agencyId}
          onChange={(agencyId) => set({ agencyId })}
        />
        <fieldset className="field checkbox-group">
          <legend>{t('admin.apiKeys.scopes')}</legend>
          {apiScopes.map((scope) => (
            <label key={scope} className="checkbox">
              <input
                type="checkbox"
                checked={form.scopes.includes(scope)}
                onChange={(event) =>
                  set({
                    scopes: event.target.checked
                      ? [...form.scopes, scope]
                      : form.scopes.filter((s) => s !== scope),
                  })
                }
              />
              <code>{scope}</code> — {t(`admin.apiKeys.scopeNames.${scopeLabelKeys[scope]}`)}
            </label>
          ))}
        </fieldset>
        <TextField
          id="key-limit"
          type="number"
          inputMode="numeric"
          min={1}
          max={10_000}
          label={t('admin.apiKeys.limitLabel')}
          value={form.limit}
          error={errorFor('key-limit')}
          onChange={(event) => set({ limit: event.target.value })}
        />
        <button type="submit" className="button" disabled={busy}>
          {t('admin.apiKeys.create')}
        </button>
      </form>
    </details>
  )
}
