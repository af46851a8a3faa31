import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import type { Database } from '../core/db/database.ts'
import type { Platform } from '../core/platform.ts'
import { FeedbackService } from './feedback/feedback.service.ts'
import { GeoService } from './geo/geo.service.ts'
import { createIdentity } from './identity/identity.ts'
import { Inbox } from './notify/inbox.ts'

/**
 * The modules' services, built once per process: the same instances serve the routes and the job
 * handlers. Order follows the dependencies (feedback asks geo, identity and notify).
 */
export async function createServices(
  database: Database,
  config: Config,
  logger?: Logger,
): Promise<Platform['services']> {
  const geo = new GeoService(database.db)
  const identity = await createIdentity(database, config, logger)
  const notify = { inbox: new Inbox(database.db) }
  const feedback = new FeedbackService(database.db, geo, identity, notify.inbox)
  return { geo, identity, notify, feedback }
}
