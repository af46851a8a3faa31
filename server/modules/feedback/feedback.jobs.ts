import Type from 'typebox'
import { defineJob } from '../../core/jobs/definition.ts'

/**
 * Every 5 minutes: reminders, escalations, closing after the rating window, expired uploads, and
 * (a safety net for the dispatcher) any timeline event still waiting to be told.
 */
export const feedbackSweepJob = defineJob({
  name: 'feedback.sweep',
  version: 1,
  payload: Type.Object({}),
  retry: { limit: 2, delaySeconds: 30, backoff: false },
  async handler(_payload, { services }) {
    await services.feedback.sweep()
    await services.feedback.photos.removeUnattached()
    await services.feedback.tellPending()
  },
})

export const FEEDBACK_SWEEP_SCHEDULE = { job: feedbackSweepJob, cron: '*/5 * * * *', payload: {} }
