import type { Kysely } from 'kysely'
import type { DB } from '../../core/db/schema.ts'

export async function countWards(db: Kysely<DB>): Promise<{ wards: number; oldWards: number }> {
  const [wards, oldWards] = await Promise.all([
    db
      .selectFrom('geo.wards')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('geo.old_wards')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { wards: Number(wards.n), oldWards: Number(oldWards.n) }
}
