import { rmSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { type Database, openDatabase } from '../../server/core/db/database.ts'
import type { Platform } from '../../server/core/platform.ts'
import { SEEDS } from '../../server/modules/index.ts'
import { createServices } from '../../server/modules/services.ts'
import { VERSION } from '../../server/platform.ts'
import { copyEmbeddedTemplate, createPostgresWorkerDatabase, dropPostgresDatabase } from './templates.ts'

export type TestEngine = 'embedded' | 'postgresql'

export const testEngine = (): TestEngine =>
  process.env.TEST_ENGINE === 'postgresql' ? 'postgresql' : 'embedded'

/**
 * This worker's own database, migrated and seeded (copied from the prepared template). Opened once
 * per worker process and shared by its test files: tests create their own rows and never assume an
 * empty table.
 */
let shared: Promise<Database> | undefined
export function workerDatabase(): Promise<Database> {
  shared ??= openWorkerDatabase()
  return shared
}

export async function openWorkerDatabase(label = 'w'): Promise<Database> {
  if (testEngine() === 'postgresql') {
    const url = await createPostgresWorkerDatabase(label)
    const database = await openDatabase({ url, embeddedDir: '', poolMax: 5 })
    return withCleanup(database, () => dropPostgresDatabase(url))
  }
  const dir = copyEmbeddedTemplate(label)
  const database = await openDatabase({ embeddedDir: dir, poolMax: 1 })
  return withCleanup(database, async () => rmSync(dir, { recursive: true, force: true }))
}

function withCleanup(database: Database, cleanup: () => Promise<void>): Database {
  return {
    ...database,
    async close() {
      await database.close()
      await cleanup()
    },
  }
}

/** A fixed master key for tests (never used outside them). */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64')

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_MASTER_KEY: TEST_MASTER_KEY, ...env })
}

export async function testPlatform(database: Database, overrides: Partial<Platform> = {}): Promise<Platform> {
  const config = { ...testConfig(), ...overrides.config }
  return {
    config,
    database,
    version: VERSION,
    seedNames: SEEDS.map((seed) => seed.name),
    lifecycle: { draining: false },
    services: await createServices(database, config),
    ...overrides,
  }
}

/** The HTTP app on this worker's database, not listening: drive it with app.inject(). */
export async function testApp(
  configure?: (app: FastifyInstance) => void | Promise<void>,
  overrides: Partial<Platform> = {},
): Promise<FastifyInstance> {
  return (await testAppAndPlatform(configure, overrides)).app
}

/** testApp, and the platform behind it (its services make test callers: see principals.ts). */
export async function testAppAndPlatform(
  configure?: (app: FastifyInstance) => void | Promise<void>,
  overrides: Partial<Platform> = {},
): Promise<{ app: FastifyInstance; platform: Platform }> {
  const database = await workerDatabase()
  const platform = await testPlatform(database, overrides)
  const app = await buildApp(platform, { logger: false, serveWeb: false })
  await configure?.(app)
  await app.ready()
  return { app, platform }
}
