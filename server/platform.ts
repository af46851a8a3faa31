import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { buildApp } from './app.ts'
import type { Config } from './config.ts'
import { openDatabase } from './core/db/database.ts'
import { migrate } from './core/db/migrate.ts'
import type { JobDefinition } from './core/jobs/definition.ts'
import { JobQueue } from './core/jobs/queue.ts'
import type { Platform } from './core/platform.ts'
import { runSeeds, type SeedDefinition } from './core/seed.ts'
import { NotificationDispatcher } from './modules/feedback/dispatcher.ts'
import { ensureDemoOfficials } from './modules/identity/officials/demo-officials.ts'
import { assertOfficialSignInConfig } from './modules/identity/officials/official-oidc.ts'
import { assertResidentSignInConfig } from './modules/identity/residents/oidc-client.ts'
import { JOBS, SCHEDULES, SEEDS } from './modules/index.ts'
import { createServices } from './modules/services.ts'

export const VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version

export interface RunningPlatform extends Platform {
  app?: FastifyInstance
  /** The port the API listens on (api role). */
  port?: number
  /** Graceful stop: stop accepting, finish in-flight requests and jobs, close the database. */
  stop(): Promise<void>
}

export interface StartOptions {
  logger: Logger
  seeds?: readonly SeedDefinition[]
  jobs?: readonly JobDefinition[]
}

/**
 * Starts the roles the configuration asks for, in one process, on one database:
 * - every role: open the database, apply migrations, load missing seed data, start the job queue;
 * - api: the HTTP server (API, OpenAPI, web app);
 * - worker: consume the registered jobs and run pg-boss maintenance and schedules;
 * - ingest: the sensor ingestion consumers (MQTT) that the sensing module registers.
 */
export async function startPlatform(config: Config, options: StartOptions): Promise<RunningPlatform> {
  const { logger } = options
  const seeds = options.seeds ?? SEEDS
  const jobDefinitions = options.jobs ?? JOBS
  const started = Date.now()
  // Production needs the real e-ID provider (and https providers): refuse before touching the database.
  if (config.roles.includes('api')) {
    assertResidentSignInConfig(config)
    assertOfficialSignInConfig(config)
  }
  const database = await openDatabase({
    url: config.databaseUrl,
    embeddedDir: config.embeddedDbDir,
    poolMax: config.databasePoolMax,
  })
  logger.info(
    { engine: database.engine, dir: database.url ? undefined : config.embeddedDbDir },
    'database open',
  )
  let jobs: JobQueue | undefined
  let app: FastifyInstance | undefined
  let devIdentityProvider: { close(): Promise<void> } | undefined
  let dispatcher: NotificationDispatcher | undefined
  try {
    const applied = await migrate(database)
    logger.info({ applied }, 'migrations up to date')
    if (config.seed) {
      for (const outcome of await runSeeds(database, seeds)) logger.info(outcome, 'seed')
    }
    // Demo officials (quantri, canbo.phuongsaigon, lanhdao) so a developer can sign in to the console.
    if (config.env === 'development') await ensureDemoOfficials(database.db, logger)

    const isWorker = config.roles.includes('worker')
    jobs = new JobQueue(database, {
      supervise: isWorker,
      onError: (error) => logger.error({ err: error }, 'job queue error'),
    })
    await jobs.start()
    await jobs.register(jobDefinitions)

    // The modules' services: the same instances serve the routes and the job handlers.
    const services = await createServices(database, config, logger)
    if (isWorker) {
      await jobs.work({ services })
      // Followers hear of report events soon after they commit (the outbox in feedback.report_events).
      dispatcher = new NotificationDispatcher(services.feedback, logger)
      dispatcher.start()
      // Timetabled jobs (e.g. the daily personal-data retention); scheduling again is a no-op.
      for (const { job, cron, payload } of SCHEDULES.filter((entry) => jobDefinitions.includes(entry.job))) {
        await jobs.schedule(job, cron, payload)
      }
    }

    if (config.roles.includes('ingest')) {
      // The sensing module registers its MQTT consumers here; until it exists there is nothing to ingest.
      logger.info('ingest role: no ingestion sources registered yet')
    }

    const platform: Platform = {
      config,
      database,
      jobs,
      version: VERSION,
      seedNames: config.seed ? seeds.map((seed) => seed.name) : [],
      lifecycle: { draining: false },
      services,
    }
    let port: number | undefined
    if (config.roles.includes('api')) {
      app = await buildApp(platform, { logger })
      await app.listen({ host: config.host, port: config.port })
      const address = app.server.address()
      port = typeof address === 'object' && address ? address.port : config.port
      if (!config.identity.oidcIssuer && config.env !== 'production') {
        // After listen: the provider registers the platform's callback URL, which needs the port.
        const { startDevSignIn } = await import('./modules/identity/residents/dev-sign-in.ts')
        devIdentityProvider = await startDevSignIn(config, port, platform.services.identity, logger)
      }
    }
    logger.info(
      {
        roles: config.roles,
        url: port === undefined ? undefined : `http://${config.host}:${port}`,
        ms: Date.now() - started,
      },
      'platform started',
    )
    return {
      ...platform,
      app,
      port,
      stop: stopper(platform, jobs, app, logger, devIdentityProvider, dispatcher),
    }
  } catch (error) {
    await app?.close().catch(() => {})
    await devIdentityProvider?.close().catch(() => {})
    await dispatcher?.stop().catch(() => {})
    await jobs?.stop(1000).catch(() => {})
    await database.close().catch(() => {})
    throw error
  }
}

function stopper(
  platform: Platform,
  jobs: JobQueue,
  app: FastifyInstance | undefined,
  logger: Logger,
  devIdentityProvider?: { close(): Promise<void> },
  dispatcher?: NotificationDispatcher,
): () => Promise<void> {
  const { config, database } = platform
  let stopping: Promise<void> | undefined
  return () => {
    stopping ??= (async () => {
      const began = Date.now()
      // 1. Drain: /ready turns 503 so the load balancer stops sending, while everything already sent
      //    (including connections the kernel accepted but we have not read yet) is still served.
      platform.lifecycle.draining = true
      if (app && config.shutdownDrainMs > 0) await sleep(config.shutdownDrainMs)
      // 2. HTTP: stop listening, answer requests arriving on open connections with 503, finish the
      //    in-flight ones, close idle connections.
      await app?.close()
      // The development e-ID provider after the callbacks that were still talking to it.
      await devIdentityProvider?.close()
      // 3. Jobs and the notification dispatcher: stop fetching, wait for running work.
      await dispatcher?.stop()
      await jobs.stop(config.shutdownTimeoutMs)
      // 4. The database last: everything above may still have been writing.
      await database.close()
      logger.info({ ms: Date.now() - began }, 'platform stopped')
    })()
    return stopping
  }
}
