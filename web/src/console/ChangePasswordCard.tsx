import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureOf } from '../account/SessionsCard.tsx'
import { changeOfficialPassword } from '../api/auth.ts'
import type { RequestFailure } from '../api/errors.ts'
import { ErrorSummary, ProblemAlert } from '../auth/ProblemAlert.tsx'
import { TextField } from '../auth/TextField.tsx'
import { useLanguage } from '../i18n/useLanguage.ts'
import { useOfficial } from './officialSession.tsx'

const fieldIds = {
  current: 'account-current-password',
  next: 'account-new-password',
  confirm: 'account-confirm-password',
} as const

/** The server's JSON pointers → the inputs they are about. */
const serverFieldIds: Record<string, string> = {
  '/currentPassword': fieldIds.current,
  '/newPassword': fieldIds.next,
}

type FieldError = { fieldId: string; message: string }

const empty = { current: '', next: '', confirm: '' }

/**
 * Change one's password: the current one, the new one twice. The server checks the policy (and
 * the current password, counting wrong ones towards the lockout) and ends the other sessions.
 */
export function ChangePasswordCard({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const official = useOfficial()
  const [form, setForm] = useState(empty)
  const [errors, setErrors] = useState<FieldError[]>([])
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const statusRef = useRef<HTMLParagraphElement>(null)
  const set = (patch: Partial<typeof form>) => setForm((now) => ({ ...now, ...patch }))
  // The submit button was disabled while sending (which drops the focus): put it on the news.
  useEffect(() => {
    if (done) statusRef.current?.focus()
  }, [done])

  // A field's message: ours (not sent yet), else the server's about that field.
  const serverErrors = failure?.kind === 'problem' ? (failure.errors ?? []) : []
  function errorFor(fieldId: string): string | undefined {
    const local = errors.find((error) => error.fieldId === fieldId)?.message
    if (local) return local
    const pointer = Object.keys(serverFieldIds).find((key) => serverFieldIds[key] === fieldId)
    return serverErrors.find((error) => error.pointer === pointer)?.message[language]
  }

  function validate(): FieldError[] {
    const found: FieldError[] = []
    if (!form.current)
      found.push({ fieldId: fieldIds.current, message: t('officialAccount.password.currentMissing') })
    if (!form.next) found.push({ fieldId: fieldIds.next, message: t('officialAccount.password.newMissing') })
    else if (form.confirm !== form.next)
      found.push({ fieldId: fieldIds.confirm, message: t('officialAccount.password.confirmMismatch') })
    return found
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found = validate()
    setErrors(found)
    setFailure(null)
    setDone('')
    if (found.length) return
    setBusy(true)
    try {
      await changeOfficialPassword(form.current, form.next)
      setForm(empty)
      setDone(t('officialAccount.password.changed'))
      onChanged()
    } catch (error) {
      setFailure(failureOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card account-card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('officialAccount.password.heading')}</h2>
      <p>{t('officialAccount.password.intro')}</p>
      {errors.length ? <ErrorSummary errors={errors} heading={t('auth.errorSummary')} /> : null}
      {failure ? (
        <ProblemAlert
          failure={failure}
          heading={t('officialAccount.password.failedHeading')}
          fieldIds={serverFieldIds}
        />
      ) : null}
      <p ref={statusRef} className="notice notice--ok-text" role="status" tabIndex={-1}>
        {done}
      </p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        {/* Lets password managers know whose password is being changed. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={official?.username ?? ''}
          readOnly
          hidden
        />
        <TextField
          id={fieldIds.current}
          type="password"
          label={t('officialAccount.password.current')}
          autoComplete="current-password"
          value={form.current}
          error={errorFor(fieldIds.current)}
          onChange={(event) => set({ current: event.target.value })}
        />
        <TextField
          id={fieldIds.next}
          type="password"
          label={t('officialAccount.password.new')}
          hint={t('officialAccount.password.newHint')}
          autoComplete="new-password"
          value={form.next}
          error={errorFor(fieldIds.next)}
          onChange={(event) => set({ next: event.target.value })}
        />
        <TextField
          id={fieldIds.confirm}
          type="password"
          label={t('officialAccount.password.confirm')}
          autoComplete="new-password"
          value={form.confirm}
          error={errorFor(fieldIds.confirm)}
          onChange={(event) => set({ confirm: event.target.value })}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('officialAccount.password.saving') : t('officialAccount.password.submit')}
        </button>
      </form>
    </section>
  )
}
