import type { JobDefinition } from '../core/jobs/definition.ts'
import type { SeedDefinition } from '../core/seed.ts'
import { feedbackCategorySeed } from './feedback/category.seed.ts'
import { FEEDBACK_SWEEP_SCHEDULE, feedbackSweepJob } from './feedback/feedback.jobs.ts'
import { cameraSeed, floodPointSeed } from './geo/layer.seed.ts'
import { wardSeed } from './geo/ward.seed.ts'
import { agencySeed } from './identity/agencies/agency.seed.ts'
import { RETENTION_SCHEDULE, retentionJob } from './identity/privacy/retention.job.ts'

/**
 * What each module contributes to a running platform. New modules add their seeds, jobs and
 * (in app.ts) routes here; nothing else needs to know about them.
 */
export const SEEDS: readonly SeedDefinition[] = [
  wardSeed,
  cameraSeed,
  floodPointSeed,
  agencySeed,
  feedbackCategorySeed,
]

export const JOBS: readonly JobDefinition[] = [retentionJob, feedbackSweepJob]

/** Jobs run on a timetable (cron in Asia/Ho_Chi_Minh), scheduled by worker instances. */
export const SCHEDULES: readonly { job: JobDefinition; cron: string; payload: unknown }[] = [
  RETENTION_SCHEDULE,
  FEEDBACK_SWEEP_SCHEDULE,
]
