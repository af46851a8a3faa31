import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { foldVietnamese, toNfc } from '@dc/contracts'
import type { Transaction } from 'kysely'
import type { AgencyKind, DB } from '../../../core/db/schema.ts'
import { DATA_DIR } from '../../../core/paths.ts'
import type { SeedDefinition } from '../../../core/seed.ts'
import { WARDS_FILE } from '../../geo/ward.seed.ts'

export const AGENCIES_FILE = join(DATA_DIR, 'hcmc-agencies.json')
export const CITY_AGENCY_ID = 'ubnd-tp'

/** The id of the People's Committee of a ward: `ubnd-<GSO ward code>`. */
export const wardCommitteeId = (wardCode: string) => `ubnd-${wardCode}`

interface AgencyEntry {
  id: string
  parentId: string | null
  kind: AgencyKind
  name: string
  nameEn: string
}

/** What the diacritic-insensitive search matches: both names, folded. */
export const agencySearchText = (name: string, nameEn: string) => foldVietnamese(`${name} ${nameEn}`)

/**
 * The city's agencies: the city People's Committee, its departments and service units from
 * data/hcmc-agencies.json, and one People's Committee for each of the 168 wards in geo.wards
 * (so it runs after the ward seed; the wards file is in `files` because those rows come from it).
 */
export const agencySeed: SeedDefinition = {
  name: 'identity.hcmc-agencies',
  files: [AGENCIES_FILE, WARDS_FILE],
  async load(trx: Transaction<DB>) {
    const { agencies } = JSON.parse(readFileSync(AGENCIES_FILE, 'utf8')) as { agencies: AgencyEntry[] }
    // Parents first: the file lists them so, and the foreign key checks it.
    for (const agency of agencies) {
      const name = toNfc(agency.name)
      await trx
        .insertInto('identity.agencies')
        .values({
          id: agency.id,
          parent_id: agency.parentId,
          kind: agency.kind,
          name,
          name_en: agency.nameEn,
          ward_code: null,
          search_text: agencySearchText(name, agency.nameEn),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    }
    const wards = await trx
      .selectFrom('geo.wards')
      .select(['code', 'full_name', 'full_name_en'])
      .orderBy('code')
      .execute()
    if (wards.length === 0) throw new Error('identity.hcmc-agencies needs geo.wards: seed the wards first')
    const committees = wards.map((ward) => {
      const name = `Ủy ban nhân dân ${ward.full_name}`
      const nameEn = `People's Committee of ${ward.full_name_en}`
      return {
        id: wardCommitteeId(ward.code),
        parent_id: CITY_AGENCY_ID,
        kind: 'ward_committee' as const,
        name,
        name_en: nameEn,
        ward_code: ward.code,
        search_text: agencySearchText(name, nameEn),
      }
    })
    await trx
      .insertInto('identity.agencies')
      .values(committees)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    return agencies.length + committees.length
  },
}
