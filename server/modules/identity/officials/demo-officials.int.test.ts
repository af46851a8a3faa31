import { describe, expect, it } from 'vitest'
import { workerDatabase } from '../../../../tests/support/test-platform.ts'
import { DEMO_PASSWORD, ensureDemoOfficials } from './demo-officials.ts'
import { verifyPassword } from './password-policy.ts'

class Rollback extends Error {}

describe('development demo officials', () => {
  it('are created once, in the right agencies, with the documented password and no TOTP yet', async () => {
    const { db } = await workerDatabase()
    // Inside a transaction that is rolled back: other tests never see the demo accounts.
    await db
      .transaction()
      .execute(async (trx) => {
        expect((await ensureDemoOfficials(trx)).sort()).toEqual(['canbo.phuongsaigon', 'lanhdao', 'quantri'])
        expect(await ensureDemoOfficials(trx)).toEqual([])
        const rows = await trx
          .selectFrom('identity.officials')
          .select(['username', 'agency_id', 'roles', 'password_hash', 'totp_enabled'])
          .where('username', 'in', ['quantri', 'canbo.phuongsaigon', 'lanhdao'])
          .orderBy('username')
          .execute()
        expect(
          rows.map(({ username, agency_id, roles, totp_enabled }) => ({
            username,
            agency_id,
            roles,
            totp_enabled,
          })),
        ).toEqual([
          {
            username: 'canbo.phuongsaigon',
            agency_id: 'ubnd-26740',
            roles: ['officer'],
            totp_enabled: false,
          },
          { username: 'lanhdao', agency_id: 'ubnd-tp', roles: ['leader'], totp_enabled: false },
          { username: 'quantri', agency_id: 'ubnd-tp', roles: ['system_admin'], totp_enabled: false },
        ])
        expect(await verifyPassword(rows[0]?.password_hash, DEMO_PASSWORD)).toBe(true)
        throw new Rollback()
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error
      })
  })
})
