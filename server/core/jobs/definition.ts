import type { Static, TSchema } from 'typebox'
import type { Platform } from '../platform.ts'

/** What a handler gets besides its payload. */
export interface JobContext {
  /** The modules' services of this process (the same ones the routes use). */
  services: Platform['services']
  jobId: string
  /** 0 on the first attempt. */
  retryCount: number
  signal: AbortSignal
}

export interface RetryPolicy {
  /** Attempts after the first one. */
  limit: number
  delaySeconds: number
  /** Exponential backoff from delaySeconds. */
  backoff: boolean
}

/**
 * A job: a queue name, a versioned payload schema and a handler. The payload is validated when the
 * job is sent and again when it runs (a job can wait in the queue across a deploy), and the
 * version travels with it so a handler never runs on a payload shape it does not know.
 */
export interface JobDefinition<S extends TSchema = TSchema> {
  name: string
  version: number
  payload: S
  retry: RetryPolicy
  /** A running job that takes longer than this is failed and retried. */
  expireInSeconds: number
  handler: (payload: Static<S>, context: JobContext) => Promise<void>
}

export const DEFAULT_RETRY: RetryPolicy = { limit: 5, delaySeconds: 5, backoff: true }

export function defineJob<S extends TSchema>(
  definition: Omit<JobDefinition<S>, 'retry' | 'expireInSeconds'> &
    Partial<Pick<JobDefinition<S>, 'retry' | 'expireInSeconds'>>,
): JobDefinition<S> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(definition.name)) {
    throw new Error(`job name "${definition.name}" must be module.action (lower-case, dotted)`)
  }
  return { retry: DEFAULT_RETRY, expireInSeconds: 15 * 60, ...definition }
}

/**
 * An event one module publishes and others subscribe to with a job of their own. Subscribers'
 * jobs receive the event payload; each subscriber retries independently.
 */
export interface EventDefinition<S extends TSchema = TSchema> {
  name: string
  version: number
  payload: S
}

export function defineEvent<S extends TSchema>(definition: EventDefinition<S>): EventDefinition<S> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(definition.name)) {
    throw new Error(`event name "${definition.name}" must be subject.verb (lower-case, dotted)`)
  }
  return definition
}

/** The envelope stored in the queue: payload plus the version it was written with. */
export interface JobEnvelope {
  v: number
  payload: unknown
}
