import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestResident } from '../../../../tests/support/principals.ts'
import { testPlatform, workerDatabase } from '../../../../tests/support/test-platform.ts'
import { JobQueue } from '../../../core/jobs/queue.ts'
import type { Platform } from '../../../core/platform.ts'
import { retentionJob } from './retention.job.ts'

let queue: JobQueue
let platform: Platform

beforeAll(async () => {
  platform = await testPlatform(await workerDatabase())
  queue = new JobQueue(platform.database, { supervise: true, schema: 'pgboss' })
  await queue.start()
  await queue.register([retentionJob])
  await queue.work({ services: platform.services, pollingIntervalSeconds: 0.5 })
}, 120_000)
afterAll(() => queue?.stop(5000))

describe('the identity.retention job on the queue', () => {
  it('runs with the platform’s services and anonymises an account closed long ago', async () => {
    const { id } = await createTestResident(platform, 'retention-job')
    const longAgo = new Date(Date.now() - (platform.config.identity.retentionDays + 5) * 86_400_000)
    await platform.database.db
      .updateTable('identity.residents')
      .set({ closed_at: longAgo })
      .where('id', '=', id)
      .execute()

    await queue.send(retentionJob, {})
    const until = Date.now() + 60_000
    let row: { anonymised_at: Date | null; national_id_enc: string | null } | undefined
    while (Date.now() < until) {
      row = await platform.database.db
        .selectFrom('identity.residents')
        .select(['anonymised_at', 'national_id_enc'])
        .where('id', '=', id)
        .executeTakeFirst()
      if (row?.anonymised_at) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(row?.anonymised_at).toBeInstanceOf(Date)
    expect(row?.national_id_enc).toBeNull()
  }, 90_000)
})
