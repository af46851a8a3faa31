import type { LocalizedText } from '@dc/contracts'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../core/db/schema.ts'
import type { Identity } from '../identity/identity.ts'
import type { Inbox, InboxMessage } from '../notify/inbox.ts'
import type { CategoryRecord } from './feedback.service.ts'
import { STATUS_NAMES } from './lifecycle.ts'
import {
  claimPendingEvents,
  findReport,
  followersOf,
  markTold,
  type PendingEvent,
} from './report.repository.ts'

/** Events followers hear of (the rest — me too, reminders, moderation — stay in the timeline only). */
export const TOLD_KINDS = new Set([
  'forwarded',
  'status_changed',
  'response',
  'reassigned',
  'reopened',
  'closed',
])

interface Deps {
  db: Kysely<DB>
  inbox: Inbox
  identity: Identity
  categories: () => Promise<Map<string, CategoryRecord>>
}

/**
 * Tells followers about pending timeline events (the outbox in feedback.report_events), a batch
 * per transaction: the inbox items and the "told" mark commit together, events are locked so two
 * dispatchers never take the same one, and inbox delivery keys make a repeat harmless.
 * Returns how many events were told.
 */
export async function tellPendingEvents(deps: Deps, batch = 200): Promise<number> {
  let told = 0
  for (;;) {
    const count = await deps.db.transaction().execute(async (trx) => {
      const events = await claimPendingEvents(trx, batch)
      const messages: InboxMessage[] = []
      for (const event of events) messages.push(...(await messagesFor(deps, trx, event)))
      await deps.inbox.deliver(messages, trx)
      await markTold(
        trx,
        events.map((event) => event.id),
      )
      return events.length
    })
    told += count
    if (count < batch) return told
  }
}

async function messagesFor(deps: Deps, trx: Transaction<DB>, event: PendingEvent): Promise<InboxMessage[]> {
  const report = await findReport(trx, event.report_id)
  if (!report) return []
  const agencyName = event.agency_id
    ? (deps.identity.agencies.get(event.agency_id)?.name ?? event.agency_id)
    : ''
  const text = describe(event, report.code, agencyName)
  if (!text) return []
  const link = `/phan-anh/${report.id}`
  // Nobody is told about their own action.
  const recipients = (await followersOf(trx, report.id)).filter(
    (id) => !(event.actor_kind === 'resident' && event.actor_id === id),
  )
  const messages: InboxMessage[] = recipients.map((residentId) => ({
    residentId,
    deliveryKey: `feedback:${event.id}:${residentId}`,
    title: text.title,
    body: text.body,
    link,
  }))
  if (event.kind === 'forwarded' && report.is_public) {
    const category = (await deps.categories()).get(report.category_id)
    for (const residentId of await areaFollowersOf(trx, report.id)) {
      if (residentId === report.reporter_id) continue
      messages.push({
        residentId,
        deliveryKey: `feedback-area:${report.id}:${residentId}`,
        title: { vi: 'Phản ánh mới trong khu vực bạn theo dõi', en: 'A new report in an area you follow' },
        body: {
          vi: `${report.code}: ${category?.name.vi ?? report.category_id}.`,
          en: `${report.code}: ${category?.name.en ?? report.category_id}.`,
        },
        link,
      })
    }
  }
  return messages
}

async function areaFollowersOf(trx: Transaction<DB>, reportId: string): Promise<string[]> {
  const result = await sql<{ resident_id: string }>`
    SELECT DISTINCT a.resident_id FROM feedback.area_follows a, feedback.reports r
    WHERE r.id = ${reportId}
      AND (a.ward_code = r.ward_code OR ST_DWithin(a.center, r.location, a.radius_meters))`.execute(trx)
  return result.rows.map((row) => row.resident_id)
}

function describe(
  event: { kind: string; to_status: string | null; message: string | null },
  code: string,
  agency: string,
): { title: LocalizedText; body: LocalizedText } | undefined {
  const status = event.to_status ? STATUS_NAMES[event.to_status as keyof typeof STATUS_NAMES] : undefined
  switch (event.kind) {
    case 'forwarded':
      return {
        title: { vi: `Đã tiếp nhận phản ánh ${code}`, en: `Report ${code} received` },
        body: { vi: `Phản ánh đã được chuyển đến ${agency}.`, en: `It has been forwarded to ${agency}.` },
      }
    case 'status_changed':
    case 'reopened':
    case 'closed':
      if (!status) return undefined
      return {
        title: { vi: `Phản ánh ${code}: ${status.vi}`, en: `Report ${code}: ${status.en}` },
        body: {
          vi: event.message ?? `Trạng thái mới: ${status.vi}.`,
          en: event.message ?? `New status: ${status.en}.`,
        },
      }
    case 'response':
      return {
        title: { vi: `${agency} đã trả lời phản ánh ${code}`, en: `${agency} answered report ${code}` },
        body: { vi: event.message ?? '', en: event.message ?? '' },
      }
    case 'reassigned':
      return {
        title: { vi: `Phản ánh ${code} được chuyển đơn vị`, en: `Report ${code} moved to another agency` },
        body: { vi: `Đơn vị xử lý mới: ${agency}.`, en: `Now handled by ${agency}.` },
      }
    default:
      return undefined
  }
}
