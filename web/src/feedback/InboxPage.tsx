import type { InboxItem, InboxList } from '@dc/contracts'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../api/errors.ts'
import { fetchInbox, markAllInboxRead, markInboxRead } from '../api/feedback.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { ProblemAlert } from '../auth/ProblemAlert.tsx'
import { safeReturnTo } from '../auth/ResidentSignInPage.tsx'
import { goTo } from '../auth/useSession.ts'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResourceView } from '../shell/ResourceView.tsx'
import { failureOf } from './failure.ts'
import { ResidentOnlyPage } from './ResidentOnlyPage.tsx'
import { setUnreadCount } from './unreadCount.ts'

/** `/hop-thu`: the resident's notifications (report updates), unread ones marked, newest first. */
export function InboxPage() {
  const { t } = useTranslation()
  return (
    <ResidentOnlyPage
      page="inbox"
      documentTitle={t('feedback.inbox.documentTitle')}
      heading={t('feedback.inbox.heading')}
      intro={t('feedback.inbox.intro')}
      signInReason={t('feedback.signIn.toSeeInbox')}
    >
      <Inbox />
    </ResidentOnlyPage>
  )
}

function Inbox() {
  const inbox = useApiResource(fetchInbox)
  return <ResourceView resource={inbox}>{(data) => <InboxItems initial={data} />}</ResourceView>
}

function InboxItems({ initial }: { initial: InboxList }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [items, setItems] = useState(initial.items)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const unread = items.filter((item) => item.readAt === null).length
  useEffect(() => setUnreadCount(unread), [unread])

  const markRead = (ids: readonly string[]) => {
    const at = new Date().toISOString()
    setItems((current) =>
      current.map((item) => (ids.includes(item.id) ? { ...item, readAt: item.readAt ?? at } : item)),
    )
  }

  const run = async (action: () => Promise<unknown>, ids: readonly string[], done: string) => {
    setBusy(true)
    setFailure(null)
    try {
      await action()
      markRead(ids)
      setMessage(done)
    } catch (error) {
      setFailure(failureOf(error))
    } finally {
      setBusy(false)
    }
  }

  /** Following a notification's link marks it read first (the next page would cancel the request). */
  const open = async (item: InboxItem, link: string) => {
    if (item.readAt === null) await markInboxRead(item.id).catch(() => {})
    goTo(link)
  }

  if (items.length === 0) return <p className="card">{t('feedback.inbox.empty')}</p>
  const sorted = [...items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  return (
    <section className="inbox" aria-labelledby="inbox-list-heading">
      <div className="inbox__header">
        <h2 id="inbox-list-heading">
          {t('feedback.inbox.listHeading', { unread: formatNumber(unread, language) })}
        </h2>
        {unread > 0 ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() =>
              void run(
                markAllInboxRead,
                items.map((item) => item.id),
                t('feedback.inbox.allRead'),
              )
            }
          >
            {t('feedback.inbox.markAll')}
          </button>
        ) : null}
      </div>
      {failure ? <ProblemAlert failure={failure} /> : null}
      <p role="status" className="notice--ok-text">
        {message}
      </p>
      <ul className="inbox__list">
        {sorted.map((item) => (
          <InboxEntry
            key={item.id}
            item={item}
            busy={busy}
            onOpen={(link) => void open(item, link)}
            onRead={() => void run(() => markInboxRead(item.id), [item.id], t('feedback.inbox.oneRead'))}
          />
        ))}
      </ul>
    </section>
  )
}

function InboxEntry({
  item,
  busy,
  onOpen,
  onRead,
}: {
  item: InboxItem
  busy: boolean
  onOpen: (link: string) => void
  onRead: () => void
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const unread = item.readAt === null
  const headingId = `inbox-${item.id}`
  // Only a path of this site is followed (a notification must not send anyone elsewhere).
  const link = item.link ? safeReturnTo(item.link, '') : ''
  return (
    <li>
      <article
        className={unread ? 'inbox-item inbox-item--unread' : 'inbox-item'}
        aria-labelledby={headingId}
      >
        <h3 id={headingId} className="inbox-item__title">
          {unread ? (
            <span className="badge badge--inline inbox-item__badge">{t('feedback.inbox.unread')}</span>
          ) : null}
          {item.title[language]}
        </h3>
        <p className="inbox-item__meta">
          <time dateTime={item.at}>{formatDateTime(item.at, language)}</time>
        </p>
        <p>{item.body[language]}</p>
        <div className="button-row button-row--tight">
          {link ? (
            <a
              className="button button--small"
              href={link}
              aria-describedby={headingId}
              onClick={(event) => {
                event.preventDefault()
                onOpen(link)
              }}
            >
              {t('feedback.inbox.open')}
            </a>
          ) : null}
          {unread ? (
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={busy}
              aria-describedby={headingId}
              onClick={onRead}
            >
              {t('feedback.inbox.markRead')}
            </button>
          ) : null}
        </div>
      </article>
    </li>
  )
}
