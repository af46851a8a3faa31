import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import Type from 'typebox'
import type { DB } from '../../../core/db/schema.ts'
import { defineJob } from '../../../core/jobs/definition.ts'
import type { SessionService } from '../sessions.ts'
import { PERSONAL_DATA_RETENTION, type PersonalDataAnonymiser } from './personal-data.ts'

const DAY_MS = 86_400_000
/** Ended sessions (expired or signed out) are kept this long for the resident's device history. */
export const ENDED_SESSION_DAYS = 30

export interface RetentionDeps {
  db: Kysely<DB>
  sessions: SessionService
  /** RETENTION_DAYS: how long a closed account's personal data is kept before it is anonymised. */
  retentionDays: number
  anonymisers?: readonly PersonalDataAnonymiser[]
}

export interface RetentionSummary {
  residentsAnonymised: number
  sessionsDeleted: number
  pendingSignInsDeleted: number
  /** Records changed by each module's anonymiser. */
  modules: Record<string, number>
}

/**
 * The retention rules, run daily: residents who closed their account more than RETENTION_DAYS
 * ago lose every piece of personal data (name, encrypted national ID, phone, date of birth, the
 * lookup hash, the e-ID subject that linked the row to a person, their sessions' IPs and
 * browsers); the row itself stays so that records pointing at it (access log, reports) keep
 * their integrity. Sessions that ended over 30 days ago and expired sign-ins in progress are
 * deleted. Then each module's anonymiser runs.
 */
export async function runRetention(deps: RetentionDeps, now: Date = new Date()): Promise<RetentionSummary> {
  const { db } = deps
  const closedBefore = new Date(now.getTime() - deps.retentionDays * DAY_MS)
  const residentsAnonymised = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('identity.residents')
      .select('id')
      .where('closed_at', '<', closedBefore)
      .where('anonymised_at', 'is', null)
      .forUpdate()
      .execute()
    if (due.length === 0) return 0
    const ids = due.map((row) => row.id)
    await trx.deleteFrom('identity.sessions').where('resident_id', 'in', ids).execute()
    await trx
      .updateTable('identity.residents')
      .set({
        full_name: null,
        national_id_enc: null,
        national_id_hash: null,
        phone_enc: null,
        birth_date_enc: null,
        assurance_level: null,
        oidc_subject: sql<string>`'anonymised:' || id::text`,
        anonymised_at: now,
      })
      .where('id', 'in', ids)
      .execute()
    return ids.length
  })
  const sessionsDeleted = await deps.sessions.deleteEnded(
    new Date(now.getTime() - ENDED_SESSION_DAYS * DAY_MS),
  )
  const pending = await db
    .deleteFrom('identity.pending_sign_ins')
    .where('expires_at', '<', now)
    .executeTakeFirst()
  const modules: Record<string, number> = {}
  for (const anonymiser of deps.anonymisers ?? PERSONAL_DATA_RETENTION) {
    modules[anonymiser.name] = await anonymiser.anonymise(db, { now, retentionDays: deps.retentionDays })
  }
  return {
    residentsAnonymised,
    sessionsDeleted,
    pendingSignInsDeleted: Number(pending.numDeletedRows),
    modules,
  }
}

export const retentionJob = defineJob({
  name: 'identity.retention',
  version: 1,
  payload: Type.Object({}),
  retry: { limit: 3, delaySeconds: 600, backoff: true },
  expireInSeconds: 60 * 60,
  async handler(_payload, { services }) {
    await runRetention(services.identity.retention)
  },
})

/** Every day at 03:00 in the city (the queue schedules in Asia/Ho_Chi_Minh). */
export const RETENTION_SCHEDULE = { job: retentionJob, cron: '0 3 * * *', payload: {} } as const
