import type { Config } from '../config.ts'
import { type Database, openDatabase } from './db/database.ts'
import { migrate } from './db/migrate.ts'
import type { AppError } from './errors.ts'
import { PROBLEMS } from './messages.ts'

/**
 * For command-line tools (`npm run geo:import`, `audit:verify`, `keys:rotate`, `official:create`):
 * the configured database, migrated, closed when `work` ends, whether it succeeds or throws. On the
 * embedded engine the server must be stopped first (the engine's lock file says so if it is not).
 */
export async function withCliDatabase<T>(
  config: Config,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({
    url: config.databaseUrl,
    embeddedDir: config.embeddedDbDir,
    poolMax: 2,
  })
  try {
    await migrate(database)
    return await work(database)
  } finally {
    await database.close()
  }
}

/** A refused operation, as the API would say it, in Vietnamese then English, with per-field problems. */
export function printProblem(error: AppError): void {
  const entry = PROBLEMS[error.code]
  const detail = error.options.detail ?? entry.detail
  console.error(`${entry.title.vi} / ${entry.title.en}\n${detail.vi}\n${detail.en}`)
  for (const problem of error.options.errors ?? []) {
    console.error(`  ${problem.pointer}: ${problem.message.vi} / ${problem.message.en}`)
  }
}
