import type { AccessLogEntry } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { fetchMyAccessLog } from '../api/me.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { formatDateTime } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResourceView } from '../shell/ResourceView.tsx'

/** Fields of the profile an official can be shown; others are shown by their name as sent. */
const knownFields = ['fullName', 'nationalId', 'birthDate', 'phone', 'assuranceLevel'] as const
type KnownField = (typeof knownFields)[number]

/** "Ai đã xem dữ liệu của tôi": every read of the resident's personal data by an official. */
export function AccessLogCard() {
  const { t } = useTranslation()
  const log = useApiResource(fetchMyAccessLog)
  return (
    <section className="card account-card" aria-labelledby="access-log-heading">
      <h2 id="access-log-heading">{t('account.accessLog.heading')}</h2>
      <p>{t('account.accessLog.intro')}</p>
      <ResourceView resource={log}>
        {(data) =>
          data.entries.length === 0 ? (
            <p className="notice">{t('account.accessLog.none')}</p>
          ) : (
            <AccessLogTable entries={data.entries} />
          )
        }
      </ResourceView>
    </section>
  )
}

function AccessLogTable({ entries }: { entries: AccessLogEntry[] }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const fieldName = (field: string) =>
    (knownFields as readonly string[]).includes(field)
      ? t(`account.accessLog.fields.${field as KnownField}`)
      : field
  return (
    // A wide table scrolls inside its own box on a phone; the page itself does not.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-labelledby="access-log-heading" tabIndex={0}>
      <table className="status-table">
        <thead>
          <tr>
            <th scope="col">{t('account.accessLog.when')}</th>
            <th scope="col">{t('account.accessLog.official')}</th>
            <th scope="col">{t('account.accessLog.agency')}</th>
            <th scope="col">{t('account.accessLog.what')}</th>
            <th scope="col">{t('account.accessLog.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            // Entries have no id of their own; the log is append-only, so the order is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={index}>
              <td>
                <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
              </td>
              <td>{entry.officialName ?? t('account.accessLog.unknown')}</td>
              <td>{entry.agencyName ?? t('account.accessLog.unknown')}</td>
              <td>
                {entry.action === 'lookup' || entry.action === 'view'
                  ? t(`account.accessLog.actions.${entry.action}`)
                  : entry.action}
                {entry.fields.length ? `: ${entry.fields.map(fieldName).join(', ')}` : null}
              </td>
              <td>{entry.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
