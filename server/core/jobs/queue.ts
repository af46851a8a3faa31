import type { Kysely, Transaction } from 'kysely'
import { fromKysely, fromPglite, PgBoss } from 'pg-boss'
import type { Static, TSchema } from 'typebox'
import Value from 'typebox/value'
import { v5 as uuidv5 } from 'uuid'
import type { Database } from '../db/database.ts'
import type { DB } from '../db/schema.ts'
import type { Platform } from '../platform.ts'
import type { EventDefinition, JobDefinition, JobEnvelope } from './definition.ts'

/** Namespace for idempotency-key job ids: the same key for the same queue is the same job id. */
const IDEMPOTENCY_NAMESPACE = '5b0e3a52-7c1e-4f0a-9a43-3c6f1de0c8a1'

export const TIME_ZONE = 'Asia/Ho_Chi_Minh'

export interface SendOptions {
  /** A retried request with the same key never enqueues a second job (while the job is kept). */
  idempotencyKey?: string
  startAfter?: Date | number
  /** Enqueue inside this transaction: the job exists if and only if the transaction commits. */
  tx?: Transaction<DB> | Kysely<DB>
}

export class InvalidJobPayloadError extends Error {
  constructor(
    readonly jobName: string,
    readonly problems: string[],
  ) {
    super(`invalid payload for ${jobName}: ${problems.join('; ')}`)
  }
}

export interface JobQueueOptions {
  /** Run pg-boss maintenance (expiry, retention, schedules) here: worker instances do. */
  supervise: boolean
  schema?: string
  onError?: (error: Error) => void
}

/**
 * The platform's one durable job and event mechanism: pg-boss on whichever engine is in use.
 * Definitions are typed; payloads are validated on send and on receive; an idempotency key maps to
 * a deterministic job id, so a retried send is a no-op.
 */
export class JobQueue {
  readonly #boss: PgBoss
  readonly #definitions = new Map<string, JobDefinition>()
  #started = false

  constructor(database: Database, options: JobQueueOptions) {
    const common = {
      schema: options.schema ?? 'pgboss',
      supervise: options.supervise,
      schedule: options.supervise,
      migrate: true,
    }
    this.#boss = database.embedded
      ? new PgBoss({ ...common, db: fromPglite(database.embedded), backend: 'pglite' })
      : new PgBoss({ ...common, connectionString: database.url, max: 4 })
    this.#boss.on('error', (error) => options.onError?.(error))
  }

  async start(): Promise<void> {
    await this.#boss.start()
    this.#started = true
  }

  /** Creates the queue of each definition (idempotent) and remembers its policy. */
  async register(definitions: readonly JobDefinition[]): Promise<void> {
    const existing = new Set((await this.#boss.getQueues()).map((queue) => queue.name))
    for (const definition of definitions) {
      this.#definitions.set(definition.name, definition)
      const policy = {
        retryLimit: definition.retry.limit,
        retryDelay: definition.retry.delaySeconds,
        retryBackoff: definition.retry.backoff,
        expireInSeconds: definition.expireInSeconds,
      }
      if (existing.has(definition.name)) await this.#boss.updateQueue(definition.name, policy)
      else await this.#boss.createQueue(definition.name, policy)
    }
  }

  async send<S extends TSchema>(
    definition: JobDefinition<S>,
    payload: Static<S>,
    options: SendOptions = {},
  ): Promise<string | null> {
    const envelope = this.#envelope(definition.name, definition.version, definition.payload, payload)
    return this.#boss.send(definition.name, envelope as object, {
      ...(options.idempotencyKey ? { id: idempotentId(definition.name, options.idempotencyKey) } : {}),
      ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
      ...(options.tx ? { db: fromKysely(options.tx) } : {}),
    })
  }

  /** Runs `definition` at each cron tick (Asia/Ho_Chi_Minh), from whichever worker claims it. */
  async schedule<S extends TSchema>(
    definition: JobDefinition<S>,
    cron: string,
    payload: Static<S>,
  ): Promise<void> {
    const envelope = this.#envelope(definition.name, definition.version, definition.payload, payload)
    await this.#boss.schedule(definition.name, cron, envelope as object, { tz: TIME_ZONE })
  }

  async subscribe<S extends TSchema>(event: EventDefinition<S>, subscriber: JobDefinition<S>): Promise<void> {
    if (subscriber.version !== event.version) {
      throw new Error(
        `${subscriber.name} (v${subscriber.version}) cannot subscribe to ${event.name} v${event.version}`,
      )
    }
    await this.#boss.subscribe(event.name, subscriber.name)
  }

  /** Delivers the event to every subscribed queue; the idempotency key makes a retried publish a no-op. */
  async publish<S extends TSchema>(
    event: EventDefinition<S>,
    payload: Static<S>,
    options: Omit<SendOptions, 'startAfter'> = {},
  ): Promise<void> {
    const envelope = this.#envelope(event.name, event.version, event.payload, payload)
    await this.#boss.publish(event.name, envelope as object, {
      ...(options.idempotencyKey ? { id: idempotentId(event.name, options.idempotencyKey) } : {}),
      ...(options.tx ? { db: fromKysely(options.tx) } : {}),
    })
  }

  /** Starts consuming the registered definitions' queues (worker role). */
  async work(options: {
    services: Platform['services']
    concurrency?: number
    pollingIntervalSeconds?: number
  }): Promise<void> {
    for (const definition of this.#definitions.values()) {
      await this.#boss.work<JobEnvelope>(
        definition.name,
        {
          batchSize: 1,
          localConcurrency: options.concurrency ?? 1,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        },
        async ([job]) => {
          if (!job) return
          const envelope = job.data
          if (envelope?.v !== definition.version) {
            throw new InvalidJobPayloadError(definition.name, [
              `payload version ${String(envelope?.v)} is not the handler's version ${definition.version}`,
            ])
          }
          const problems = payloadProblems(definition.payload, envelope.payload)
          if (problems.length > 0) throw new InvalidJobPayloadError(definition.name, problems)
          await definition.handler(envelope.payload as Static<TSchema>, {
            services: options.services,
            jobId: job.id,
            retryCount: (job as { retryCount?: number }).retryCount ?? 0,
            signal: job.signal,
          })
        },
      )
    }
  }

  /** The cron schedules of a queue, for tests and the console. */
  async schedules(name: string) {
    return this.#boss.getSchedules(name)
  }

  /** Job state, for tests and the console. */
  async getJob(name: string, id: string) {
    return this.#boss.getJobById(name, id)
  }

  /** Stops fetching, waits for running handlers (up to timeoutMs), then detaches. */
  async stop(timeoutMs: number): Promise<void> {
    if (!this.#started) return
    this.#started = false
    await this.#boss.stop({ graceful: true, close: true, timeout: timeoutMs })
  }

  #envelope(name: string, version: number, schema: TSchema, payload: unknown): JobEnvelope {
    const problems = payloadProblems(schema, payload)
    if (problems.length > 0) throw new InvalidJobPayloadError(name, problems)
    return { v: version, payload }
  }
}

function idempotentId(queue: string, key: string): string {
  return uuidv5(`${queue}\u0000${key}`, IDEMPOTENCY_NAMESPACE)
}

function payloadProblems(schema: TSchema, payload: unknown): string[] {
  if (Value.Check(schema, payload)) return []
  return [...Value.Errors(schema, payload)]
    .slice(0, 5)
    .map((error) => `${error.instancePath || '/'} ${error.message}`)
}
