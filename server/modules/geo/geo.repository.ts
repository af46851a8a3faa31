import type { Kysely } from 'kysely'
import { sql } from 'kysely'
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

const wardSummaryColumns = [
  'code',
  'name',
  'name_en',
  'full_name',
  'full_name_en',
  'kind',
  'area_km2',
] as const

export type WardRow = Pick<import('../../core/db/schema.ts').WardsTable, (typeof wardSummaryColumns)[number]>

export async function findWardsByCodes(db: Kysely<DB>, codes: readonly string[]): Promise<WardRow[]> {
  if (codes.length === 0) return []
  return db
    .selectFrom('geo.wards')
    .select(wardSummaryColumns)
    .where('code', 'in', codes)
    .orderBy('code')
    .execute()
}

/** Wards whose folded name contains the folded query, or whose code starts with it. */
export async function searchWards(
  db: Kysely<DB>,
  folded: string | undefined,
  kind: string | undefined,
  limit: number,
): Promise<WardRow[]> {
  let query = db.selectFrom('geo.wards').select(wardSummaryColumns)
  if (folded) {
    query = query.where((eb) =>
      eb.or([
        eb('search_text', 'like', `%${escapeLike(folded)}%`),
        eb('code', 'like', `${escapeLike(folded)}%`),
      ]),
    )
  }
  if (kind) query = query.where('kind', '=', kind as 'phuong' | 'xa' | 'dac_khu')
  return query.orderBy('search_text').limit(limit).execute()
}

export async function findWardDetail(db: Kysely<DB>, code: string) {
  const { rows } = await sql<
    WardRow & { x1: number; y1: number; x2: number; y2: number; cx: number; cy: number }
  >`
    select code, name, name_en, full_name, full_name_en, kind, area_km2,
           ST_XMin(geom) as x1, ST_YMin(geom) as y1, ST_XMax(geom) as x2, ST_YMax(geom) as y2,
           ST_X(ST_PointOnSurface(geom)) as cx, ST_Y(ST_PointOnSurface(geom)) as cy
    from geo.wards where code = ${code}`.execute(db)
  return rows[0]
}

/** Pre-2025 wards that went (wholly or partly) into a 2025 ward. */
export async function formerWardsOf(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('geo.ward_links')
    .innerJoin('geo.old_wards', 'geo.old_wards.code', 'geo.ward_links.old_code')
    .select([
      'geo.old_wards.code',
      'geo.old_wards.name',
      'geo.old_wards.old_province_name',
      'geo.ward_links.kind',
    ])
    .where('geo.ward_links.new_code', '=', code)
    .orderBy('geo.old_wards.code')
    .execute()
}

/** Pre-2025 wards matching one of the folded names or a code, with the 2025 wards each went into. */
export async function resolveOldWards(
  db: Kysely<DB>,
  foldedNames: readonly string[],
  code: string,
  limit: number,
) {
  return db
    .selectFrom('geo.old_wards')
    .innerJoin('geo.ward_links', 'geo.ward_links.old_code', 'geo.old_wards.code')
    .select([
      'geo.old_wards.code as old_code',
      'geo.old_wards.name as old_name',
      'geo.old_wards.old_province_name',
      'geo.ward_links.new_code',
      'geo.ward_links.kind as share',
    ])
    .where((eb) =>
      eb.or([eb('geo.old_wards.search_text', 'in', foldedNames), eb('geo.old_wards.code', '=', code)]),
    )
    .orderBy('geo.old_wards.code')
    .orderBy('geo.ward_links.new_code')
    .limit(limit)
    .execute()
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
