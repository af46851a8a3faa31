import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.ts'
import { startPlatform } from '../../server/platform.ts'
import { TEST_MASTER_KEY } from '../support/test-platform.ts'

const dir = mkdtempSync(join(tmpdir(), 'dc-restart-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const config = () => ({
  ...loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    EMBEDDED_DB_DIR: dir,
    LOG_LEVEL: 'silent',
    DATA_MASTER_KEY: TEST_MASTER_KEY,
    DEV_OIDC_PORT: '0',
  }),
  roles: ['api' as const],
})

describe('the embedded default, from an empty data directory', () => {
  it('seeds on first start, keeps data across a restart and never seeds twice', async () => {
    const first = await startPlatform(config(), { logger: pino({ level: 'silent' }) })
    try {
      const ready = await fetch(`http://127.0.0.1:${first.port}/ready`)
      expect(ready.status).toBe(200)
      const info = await (await fetch(`http://127.0.0.1:${first.port}/api/v1/system/info`)).json()
      expect(info.city.wardCount).toBe(168)
      await sql`insert into public.seed_runs (name, checksum, rows) values ('marker', 'm', 7)`.execute(
        first.database.db,
      )
    } finally {
      await first.stop()
    }

    const second = await startPlatform(config(), { logger: pino({ level: 'silent' }) })
    try {
      const runs = await second.database.db
        .selectFrom('public.seed_runs')
        .selectAll()
        .orderBy('name')
        .execute()
      expect(runs.map((run) => run.name)).toEqual([
        'feedback.categories',
        'geo.hcmc-flood-points-2026-10',
        'geo.hcmc-traffic-cameras-2017',
        'geo.hcmc-wards-2025',
        'identity.hcmc-agencies',
        'marker',
      ])
      const wards = await sql<{ n: number }>`select count(*)::int as n from geo.wards`.execute(
        second.database.db,
      )
      expect(wards.rows[0]?.n).toBe(168)
      expect((await fetch(`http://127.0.0.1:${second.port}/ready`)).status).toBe(200)
    } finally {
      await second.stop()
    }
  })
})
