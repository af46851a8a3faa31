import { rmSync } from 'node:fs'
import pino from 'pino'
import { loggerOptions } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { startPlatform } from '../../server/platform.ts'
import { copyEmbeddedTemplate, prepareEmbeddedTemplate } from '../../tests/support/templates.ts'
import { platformDatabaseUrl } from '../lib/pg.ts'
import type { StartOptions } from '../lib/server-process.ts'

/**
 * The platform's own API, started as production starts it (startPlatform, role api), for scenarios
 * that measure real routes. By default on the embedded engine, on a private copy of the migrated and
 * seeded test template (built once under var/test-templates), so a run never touches var/pglite and
 * skips the seed; on PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL is set (migrated and seeded
 * there on first start, like any instance).
 */
export async function start({ host, port }: StartOptions) {
  const url = platformDatabaseUrl()
  let dir: string | undefined
  if (!url) {
    await prepareEmbeddedTemplate()
    dir = copyEmbeddedTemplate('bench')
  }
  const config = loadConfig({
    ...process.env,
    PORT: String(port),
    HOST: host,
    ROLE: 'api',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url ?? '',
    ...(dir ? { EMBEDDED_DB_DIR: dir } : {}),
    // Nothing balances load onto this instance: stop at once instead of draining for a second.
    SHUTDOWN_DRAIN_MS: '0',
  })
  const platform = await startPlatform(config, { logger: pino(loggerOptions(config.logLevel)) })
  return {
    port: platform.port,
    async close() {
      await platform.stop()
      if (dir) rmSync(dir, { recursive: true, force: true })
    },
  }
}
