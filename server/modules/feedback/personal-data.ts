import { type Kysely, sql } from 'kysely'
import type { DB } from '../../core/db/schema.ts'
import type { PersonalDataAnonymiser, PersonalDataExporter } from '../identity/privacy/personal-data.ts'

/** The resident's "download my data" section: their reports, what they follow, their areas and inbox. */
export const feedbackExporter: PersonalDataExporter = {
  section: 'feedback',
  async export(db: Kysely<DB>, residentId: string) {
    const reports = await sql<Record<string, unknown>>`
      SELECT r.code, r.category_id AS "categoryId", r.description, r.address, r.status, r.is_public AS "public",
        r.anonymous, r.submitted_at AS "submittedAt", r.rating,
        ST_X(r.location::geometry) AS lon, ST_Y(r.location::geometry) AS lat
      FROM feedback.reports r WHERE r.reporter_id = ${residentId} ORDER BY r.submitted_at`.execute(db)
    const following = await db
      .selectFrom('feedback.followers as f')
      .innerJoin('feedback.reports as r', 'r.id', 'f.report_id')
      .select(['r.code', 'f.reason', 'f.created_at as since'])
      .where('f.resident_id', '=', residentId)
      .where('f.reason', '!=', 'reporter')
      .execute()
    const areas = await sql<Record<string, unknown>>`
      SELECT ward_code AS "wardCode", ST_X(center::geometry) AS lon, ST_Y(center::geometry) AS lat,
        radius_meters AS "radiusMeters", label, created_at AS "createdAt"
      FROM feedback.area_follows WHERE resident_id = ${residentId} ORDER BY created_at`.execute(db)
    const inbox = await db
      .selectFrom('notify.inbox')
      .select(['title', 'body', 'link', 'created_at as at', 'read_at as readAt'])
      .where('resident_id', '=', residentId)
      .orderBy('created_at')
      .execute()
    return { reports: reports.rows, following, areaFollows: areas.rows, inbox }
  },
}

/**
 * Contact details given through Open311 (name, e-mail, phone of a caller without an account) are
 * kept while the report is worked on, and removed RETENTION_DAYS after it closed.
 */
export const feedbackContactRetention: PersonalDataAnonymiser = {
  name: 'feedback.closed-report-contacts',
  async anonymise(db, { now, retentionDays }) {
    const before = new Date(now.getTime() - retentionDays * 86_400_000)
    const result = await db
      .updateTable('feedback.reports')
      .set({ contact_name: null, contact_email_enc: null, contact_phone_enc: null })
      .where('closed_at', '<', before)
      .where((eb) =>
        eb.or([
          eb('contact_name', 'is not', null),
          eb('contact_email_enc', 'is not', null),
          eb('contact_phone_enc', 'is not', null),
        ]),
      )
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  },
}
