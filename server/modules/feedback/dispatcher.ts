import type { Logger } from 'pino'
import type { FeedbackService } from './feedback.service.ts'

/**
 * How often a worker looks for events written by other processes (API instances in a scale-out):
 * one indexed probe (`WHERE notify_pending`), cheap enough to run often. Events written in this
 * process wake the dispatcher at once. (NOTIFY was tried on the submit path: PostgreSQL takes a
 * global lock at the commit of a transaction that notified, which serialised every submission.)
 */
const POLL_MS = 2_000

/**
 * Runs in worker processes: tells followers about new timeline events soon after they commit.
 * Runs are serialised; wake-ups during a run cause one more run.
 */
export class NotificationDispatcher {
  #running: Promise<void> | undefined
  #again = false
  #stopped = false
  #timer: NodeJS.Timeout | undefined
  readonly #wake = () => this.wake()

  constructor(
    private readonly feedback: FeedbackService,
    private readonly logger: Pick<Logger, 'error'>,
  ) {}

  start(): void {
    this.feedback.pending.add(this.#wake)
    this.#timer = setInterval(this.#wake, POLL_MS)
    this.#timer.unref()
    this.wake()
  }

  wake(): void {
    if (this.#stopped) return
    if (this.#running) {
      this.#again = true
      return
    }
    this.#running = this.#run().finally(() => {
      this.#running = undefined
      if (this.#again && !this.#stopped) {
        this.#again = false
        this.wake()
      }
    })
  }

  async #run(): Promise<void> {
    try {
      await this.feedback.tellPending()
    } catch (error) {
      this.logger.error({ err: error }, 'feedback notifications: dispatch failed (will retry)')
    }
  }

  /** Stops waking up and waits for a run in progress (call before closing the database). */
  async stop(): Promise<void> {
    this.#stopped = true
    this.feedback.pending.delete(this.#wake)
    if (this.#timer) clearInterval(this.#timer)
    await this.#running
  }
}
