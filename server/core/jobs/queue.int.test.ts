import Type from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { workerDatabase } from '../../../tests/support/test-platform.ts'
import type { Platform } from '../platform.ts'
import { defineEvent, defineJob } from './definition.ts'
import { InvalidJobPayloadError, JobQueue } from './queue.ts'

const Greeting = Type.Object({ to: Type.String({ minLength: 1 }), run: Type.String() })
// Each run uses its own queue names so reruns on a reused template never see old jobs.
const run = `r${process.pid}x${Date.now()}`
const handled: string[] = []
const attempts = new Map<string, number>()

const greet = defineJob({
  name: `test.greet-${run}`,
  version: 2,
  payload: Greeting,
  retry: { limit: 3, delaySeconds: 1, backoff: false },
  async handler(payload) {
    const n = (attempts.get(payload.to) ?? 0) + 1
    attempts.set(payload.to, n)
    if (payload.to.startsWith('flaky') && n < 3) throw new Error('temporary failure')
    handled.push(payload.to)
  },
})
const greeted = defineEvent({ name: `test.greeted-${run}`, version: 2, payload: Greeting })
const onGreetedA = defineJob({
  name: `test.on-greeted-a-${run}`,
  version: 2,
  payload: Greeting,
  async handler(payload) {
    handled.push(`a:${payload.to}`)
  },
})
const onGreetedB = defineJob({
  name: `test.on-greeted-b-${run}`,
  version: 2,
  payload: Greeting,
  async handler(payload) {
    handled.push(`b:${payload.to}`)
  },
})

let queue: JobQueue
beforeAll(async () => {
  queue = new JobQueue(await workerDatabase(), { supervise: true, schema: 'pgboss' })
  await queue.start()
  await queue.register([greet, onGreetedA, onGreetedB])
  await queue.subscribe(greeted, onGreetedA)
  await queue.subscribe(greeted, onGreetedB)
  // These jobs use no module services.
  await queue.work({ services: {} as Platform['services'], pollingIntervalSeconds: 0.5 })
}, 120_000)
afterAll(() => queue.stop(5000))

async function eventually(check: () => boolean, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out; handled so far: ${handled.join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('the job queue', () => {
  it('runs a sent job once per idempotency key', async () => {
    const first = await queue.send(greet, { to: 'an', run }, { idempotencyKey: 'req-an' })
    const retry = await queue.send(greet, { to: 'an', run }, { idempotencyKey: 'req-an' })
    expect(first).toMatch(/^[0-9a-f-]{36}$/)
    expect(retry).toBeNull()
    await eventually(() => handled.includes('an'))
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(handled.filter((to) => to === 'an')).toHaveLength(1)
  })

  it('retries a failing handler until it succeeds', async () => {
    const id = await queue.send(greet, { to: 'flaky-binh', run })
    await eventually(() => handled.includes('flaky-binh'))
    expect(attempts.get('flaky-binh')).toBe(3)
    const job = await queue.getJob(greet.name, id as string)
    expect(job?.state).toBe('completed')
    expect(job?.retryCount).toBe(2)
  })

  it('enqueues inside a transaction: kept on commit, gone on rollback', async () => {
    const { db } = await workerDatabase()
    await db.transaction().execute(async (tx) => {
      await queue.send(greet, { to: 'committed', run }, { tx })
    })
    await expect(
      db.transaction().execute(async (tx) => {
        await queue.send(greet, { to: 'rolled-back', run }, { tx })
        throw new Error('business rule failed')
      }),
    ).rejects.toThrow('business rule failed')
    await eventually(() => handled.includes('committed'))
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(handled).not.toContain('rolled-back')
  })

  it('refuses a payload that does not match the schema, before it is stored', async () => {
    // @ts-expect-error: deliberately wrong payload
    await expect(queue.send(greet, { to: '', run: 5 })).rejects.toBeInstanceOf(InvalidJobPayloadError)
  })

  it('delivers an event to every subscriber, once per idempotency key', async () => {
    await queue.publish(greeted, { to: 'chi', run }, { idempotencyKey: 'evt-chi' })
    await queue.publish(greeted, { to: 'chi', run }, { idempotencyKey: 'evt-chi' })
    await eventually(() => handled.includes('a:chi') && handled.includes('b:chi'))
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(handled.filter((entry) => entry.endsWith(':chi')).sort()).toEqual(['a:chi', 'b:chi'])
  })

  it('schedules a job by cron in the city time zone, validating its payload', async () => {
    await queue.schedule(greet, '30 6 * * 1-5', { to: 'morning', run })
    const schedules = await queue.schedules(greet.name)
    expect(schedules).toEqual([
      expect.objectContaining({
        name: greet.name,
        cron: '30 6 * * 1-5',
        data: { v: 2, payload: { to: 'morning', run } },
      }),
    ])
    expect(JSON.stringify(schedules[0])).toContain('Asia/Ho_Chi_Minh')
    // @ts-expect-error: deliberately wrong payload
    await expect(queue.schedule(greet, '0 7 * * *', { to: 7 })).rejects.toBeInstanceOf(InvalidJobPayloadError)
  })

  it('refuses a subscriber whose payload version differs from the event', async () => {
    const old = defineJob({ ...onGreetedA, name: `test.old-${run}`, version: 1 })
    await expect(queue.subscribe(greeted, old)).rejects.toThrow(/cannot subscribe/)
  })

  it('fails a job whose stored payload version the handler does not know', async () => {
    const v1 = defineJob({ ...greet, version: 1 })
    const id = await queue.send(v1, { to: 'old-format', run })
    const until = Date.now() + 30_000
    let state: string | undefined
    while (Date.now() < until) {
      state = (await queue.getJob(greet.name, id as string))?.state
      if (state === 'retry' || state === 'failed') break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(['retry', 'failed']).toContain(state)
    expect(handled).not.toContain('old-format')
  })
})
