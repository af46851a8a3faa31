import type { LocalizedText } from '@dc/contracts'
import { sql } from 'kysely'
import Type from 'typebox'
import { defineJob } from '../../core/jobs/definition.ts'
import type { InboxMessage } from '../notify/inbox.ts'
import { STATUS_NAMES } from './lifecycle.ts'
import { findEvent, findReport, followersOf } from './report.repository.ts'

/**
 * Tells the reporter and followers of a report about one event of its timeline (and, for a new
 * public report, the residents following its area). Enqueued in the transaction that wrote the
 * event; the inbox's delivery key makes a retried run deliver nothing twice.
 */
export const feedbackNotifyJob = defineJob({
  name: 'feedback.notify',
  version: 1,
  payload: Type.Object({ reportId: Type.String({ format: 'uuid' }), eventId: Type.Integer() }),
  async handler({ reportId, eventId }, { services }) {
    const { feedback, notify, identity } = services
    const [report, event] = await Promise.all([
      findReport(feedback.db, reportId),
      findEvent(feedback.db, eventId),
    ])
    if (!report || !event) return
    const agencyName = (id: string | null) => (id ? (identity.agencies.get(id)?.name ?? id) : '')
    const text = describe(event, report.code, agencyName(event.agency_id))
    if (!text) return
    const link = `/phan-anh/${report.id}`
    // Nobody is told about their own action.
    const recipients = (await followersOf(feedback.db, reportId)).filter(
      (id) => !(event.actor_kind === 'resident' && event.actor_id === id),
    )
    const messages: InboxMessage[] = recipients.map((residentId) => ({
      residentId,
      deliveryKey: `feedback:${eventId}:${residentId}`,
      title: text.title,
      body: text.body,
      link,
    }))
    if (event.kind === 'forwarded' && report.is_public) {
      const category = (await feedback.categories()).get(report.category_id)
      const neighbours = await areaFollowersOf(feedback, reportId)
      for (const residentId of neighbours) {
        if (residentId === report.reporter_id) continue
        messages.push({
          residentId,
          deliveryKey: `feedback-area:${reportId}:${residentId}`,
          title: { vi: 'Phản ánh mới trong khu vực bạn theo dõi', en: 'A new report in an area you follow' },
          body: {
            vi: `${report.code}: ${category?.name.vi ?? report.category_id}.`,
            en: `${report.code}: ${category?.name.en ?? report.category_id}.`,
          },
          link,
        })
      }
    }
    await notify.inbox.deliver(messages)
  },
})

async function areaFollowersOf(
  feedback: { db: import('kysely').Kysely<import('../../core/db/schema.ts').DB> },
  reportId: string,
) {
  const result = await sql<{ resident_id: string }>`
    SELECT DISTINCT a.resident_id FROM feedback.area_follows a, feedback.reports r
    WHERE r.id = ${reportId}
      AND (a.ward_code = r.ward_code OR ST_DWithin(a.center, r.location, a.radius_meters))`.execute(
    feedback.db,
  )
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

/** Every 5 minutes: reminders, escalations, closing after the rating window, expired uploads. */
export const feedbackSweepJob = defineJob({
  name: 'feedback.sweep',
  version: 1,
  payload: Type.Object({}),
  retry: { limit: 2, delaySeconds: 30, backoff: false },
  async handler(_payload, { services }) {
    await services.feedback.sweep()
    await services.feedback.photos.removeUnattached()
  },
})

export const FEEDBACK_SWEEP_SCHEDULE = { job: feedbackSweepJob, cron: '*/5 * * * *', payload: {} }
