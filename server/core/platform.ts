import type { Config } from '../config.ts'
import type { FeedbackService } from '../modules/feedback/feedback.service.ts'
import type { GeoService } from '../modules/geo/geo.service.ts'
import type { Identity } from '../modules/identity/identity.ts'
import type { Inbox } from '../modules/notify/inbox.ts'
import type { Database } from './db/database.ts'
import type { JobQueue } from './jobs/queue.ts'

/** What every module's routes and services are given: configuration and the shared engines. */
export interface Platform {
  config: Config
  database: Database
  /** Absent in processes that do not enqueue (none today; kept optional for tools and tests). */
  jobs?: JobQueue
  version: string
  /** Seeds /ready waits for. */
  seedNames: readonly string[]
  /** The modules' service interfaces: what other modules call (never each other's tables). */
  services: { geo: GeoService; identity: Identity; notify: { inbox: Inbox }; feedback: FeedbackService }
  /** Shared run state: `draining` turns /ready to 503 before a graceful stop. */
  lifecycle: { draining: boolean }
}
