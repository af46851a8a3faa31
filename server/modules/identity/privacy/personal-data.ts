import type { Kysely } from 'kysely'
import type { DB } from '../../../core/db/schema.ts'
import { feedbackContactRetention, feedbackExporter } from '../../feedback/personal-data.ts'

/**
 * What other modules hold about a resident, and how they let go of it. A module that stores
 * personal data (feedback reports, dossiers…) adds one exporter (its section of the resident's
 * "download my data") and one anonymiser (run by the retention job) to the lists below.
 */

export interface PersonalDataExporter {
  /** The section's key in the export, e.g. 'feedback'. */
  section: string
  /** Everything the module holds about this resident (JSON-serialisable), or null for nothing. */
  export(db: Kysely<DB>, residentId: string): Promise<unknown>
}

export interface PersonalDataAnonymiser {
  /** Named in the retention job's summary, e.g. 'feedback.closed-reports'. */
  name: string
  /**
   * Removes or anonymises personal data that is past its retention period at `now` (for example
   * a closed report's reporter name); returns how many records changed. `retentionDays` is the
   * configured RETENTION_DAYS.
   */
  anonymise(db: Kysely<DB>, context: { now: Date; retentionDays: number }): Promise<number>
}

/** Sections of GET /api/v1/me/export contributed by other modules. */
export const PERSONAL_DATA_EXPORTERS: readonly PersonalDataExporter[] = [feedbackExporter]

/** Anonymisers the daily retention job runs after the identity module's own. */
export const PERSONAL_DATA_RETENTION: readonly PersonalDataAnonymiser[] = [feedbackContactRetention]
