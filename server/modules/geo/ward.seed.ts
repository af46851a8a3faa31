import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { foldVietnamese, toNfc } from '@dc/contracts'
import { sql, type Transaction } from 'kysely'
import type { DB, WardKind } from '../../core/db/schema.ts'
import { DATA_DIR } from '../../core/paths.ts'
import type { SeedDefinition } from '../../core/seed.ts'
import { markLayerChanged } from './layer.repository.ts'
import { findLayer } from './layers.ts'

export const WARDS_FILE = join(DATA_DIR, 'hcmc-wards-2025.geojson')
export const WARD_MAPPING_FILE = join(DATA_DIR, 'hcmc-ward-mapping-2025.json')
export const HCMC_PROVINCE_CODE = '79'

interface WardFeature {
  properties: {
    code: string
    name: string
    nameEn: string
    fullName: string
    fullNameEn: string
    codeName: string
    areaKm2: number
  }
  geometry: { type: 'MultiPolygon' | 'Polygon'; coordinates: unknown }
}

interface WardMapping {
  merges_new_to_old: Array<{
    level2s: Array<{
      level2_id: string
      merges: Array<{ old_id: string; name: string; type: 'full' | 'partial' }>
    }>
  }>
  splits_old_to_new: Array<{
    level1_id: string
    name: string
    level3s: Array<{ level3_id: string; name: string }>
  }>
}

/** Phường / Xã / Đặc khu, read from the official full name. */
export function wardKind(fullName: string): WardKind {
  if (fullName.startsWith('Phường ')) return 'phuong'
  if (fullName.startsWith('Xã ')) return 'xa'
  if (fullName.startsWith('Đặc khu ')) return 'dac_khu'
  throw new Error(`unknown ward type in "${fullName}"`)
}

/** The 168 wards of the 2025 layout and the old→new mapping; joined on GSO codes, text kept NFC. */
export const wardSeed: SeedDefinition = {
  name: 'geo.hcmc-wards-2025',
  files: [WARDS_FILE, WARD_MAPPING_FILE],
  async load(trx: Transaction<DB>) {
    const wards = JSON.parse(readFileSync(WARDS_FILE, 'utf8')) as { features: WardFeature[] }
    const mapping = JSON.parse(readFileSync(WARD_MAPPING_FILE, 'utf8')) as WardMapping
    let rows = 0
    for (const { properties: p, geometry } of wards.features) {
      await trx
        .insertInto('geo.wards')
        .values({
          code: p.code,
          name: toNfc(p.name),
          name_en: p.nameEn,
          full_name: toNfc(p.fullName),
          full_name_en: p.fullNameEn,
          kind: wardKind(toNfc(p.fullName)),
          code_name: p.codeName,
          province_code: HCMC_PROVINCE_CODE,
          area_km2: p.areaKm2,
          geom: sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))`,
          search_text: foldVietnamese(p.fullName),
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute()
      rows++
    }

    // Old wards come from the split lists (by old province); the merge list adds the one old unit
    // that was a district without wards (Côn Đảo, code 755) and says whether each link is whole.
    const oldWards = new Map<string, { name: string; provinceCode: string; provinceName: string }>()
    for (const province of mapping.splits_old_to_new) {
      for (const ward of province.level3s) {
        oldWards.set(ward.level3_id, {
          name: toNfc(ward.name),
          provinceCode: province.level1_id,
          provinceName: toNfc(province.name),
        })
      }
    }
    const links: Array<{ old_code: string; new_code: string; kind: 'full' | 'partial' }> = []
    for (const ward of mapping.merges_new_to_old[0]?.level2s ?? []) {
      for (const old of ward.merges) {
        if (!oldWards.has(old.old_id)) {
          oldWards.set(old.old_id, {
            name: toNfc(old.name),
            provinceCode: HCMC_PROVINCE_CODE,
            provinceName: '',
          })
        }
        links.push({ old_code: old.old_id, new_code: ward.level2_id, kind: old.type })
      }
    }
    const oldRows = [...oldWards].map(([code, ward]) => ({
      code,
      name: ward.name,
      old_province_code: ward.provinceCode,
      old_province_name: ward.provinceName,
      search_text: foldVietnamese(ward.name),
    }))
    await trx
      .insertInto('geo.old_wards')
      .values(oldRows)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()
    await trx
      .insertInto('geo.ward_links')
      .values(links)
      .onConflict((oc) => oc.columns(['old_code', 'new_code']).doNothing())
      .execute()
    await markLayerChanged(trx, findLayer('wards') as NonNullable<ReturnType<typeof findLayer>>)
    return rows + oldRows.length + links.length
  },
}
