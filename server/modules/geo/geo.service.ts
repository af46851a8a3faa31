import type { FormerWard, LayerInfo, WardDetail, WardResolution, WardSummary } from '@dc/contracts'
import { foldVietnamese } from '@dc/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../core/db/schema.ts'
import { AppError } from '../../core/errors.ts'
import {
  findWardDetail,
  findWardsByCodes,
  formerWardsOf,
  resolveOldWards,
  searchWards,
  type WardRow,
} from './geo.repository.ts'
import { layerStates } from './layer.repository.ts'
import { LAYERS } from './layers.ts'
import { WardLocator } from './ward-locator.ts'

const WARD_PREFIXES = ['phuong ', 'xa ', 'thi tran ', 'dac khu ']

export function toWardSummary(row: WardRow): WardSummary {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    fullName: row.full_name,
    fullNameEn: row.full_name_en,
    kind: row.kind,
    areaKm2: Number(row.area_km2),
  }
}

/**
 * The geo module's service: which ward a point is in, ward lookups and search, the old→new
 * mapping, and the layer registry's state. Other modules ask it, never the geo tables.
 */
export class GeoService {
  #locator: Promise<WardLocator> | undefined
  readonly #summaries = new Map<string, WardSummary>()

  constructor(private readonly db: Kysely<DB>) {}

  /** The in-process index, built once from the database (wards change only by migration). */
  locator(): Promise<WardLocator> {
    this.#locator ??= WardLocator.load(this.db).catch((error) => {
      this.#locator = undefined
      throw error
    })
    return this.#locator
  }

  /** The ward at a point; AppError outside_city when there is none. */
  async locate(lon: number, lat: number): Promise<WardSummary> {
    const code = (await this.locator()).locate(lon, lat)
    if (!code) throw new AppError('outside_city')
    return (await this.wardSummary(code)) as WardSummary
  }

  /** The ward code at a point, or undefined: for modules that only need the code. */
  async wardCodeAt(lon: number, lat: number): Promise<string | undefined> {
    return (await this.locator()).locate(lon, lat)
  }

  async wardSummary(code: string): Promise<WardSummary | undefined> {
    const cached = this.#summaries.get(code)
    if (cached) return cached
    const [row] = await findWardsByCodes(this.db, [code])
    if (!row) return undefined
    const summary = toWardSummary(row)
    this.#summaries.set(code, summary)
    return summary
  }

  async ward(code: string): Promise<WardDetail> {
    const row = await findWardDetail(this.db, code)
    if (!row) throw new AppError('ward_not_found')
    const former = await formerWardsOf(this.db, code)
    return {
      ...toWardSummary(row),
      bbox: [row.x1, row.y1, row.x2, row.y2],
      centroid: { lon: row.cx, lat: row.cy },
      formedFrom: former.map(
        (w): FormerWard => ({
          code: w.code,
          name: w.name,
          oldProvinceName: w.old_province_name,
          share: w.kind,
        }),
      ),
    }
  }

  async search(q: string | undefined, kind: string | undefined, limit: number): Promise<WardSummary[]> {
    const folded = q ? foldVietnamese(q) : undefined
    return (await searchWards(this.db, folded || undefined, kind, limit)).map(toWardSummary)
  }

  /**
   * A ward as a resident wrote it — 2025 or pre-2025, name (any diacritics, with or without the
   * "Phường/Xã" prefix) or code — and the 2025 ward(s) it means now.
   */
  async resolve(q: string): Promise<WardResolution> {
    const folded = foldVietnamese(q)
    const bare = WARD_PREFIXES.reduce(
      (name, prefix) => (name.startsWith(prefix) ? name.slice(prefix.length) : name),
      folded,
    )
    const names = [bare, ...WARD_PREFIXES.map((prefix) => `${prefix}${bare}`)]
    const current = (await this.search(q, undefined, 20)).filter(
      (ward) => ward.code === q.trim() || names.includes(foldVietnamese(ward.fullName)),
    )
    const links = await resolveOldWards(this.db, names, q.trim(), 200)
    const newCodes = [...new Set(links.map((link) => link.new_code))]
    const newWards = new Map(
      (await findWardsByCodes(this.db, newCodes)).map((row) => [row.code, toWardSummary(row)]),
    )
    const former = new Map<string, WardResolution['former'][number]>()
    for (const link of links) {
      const entry = former.get(link.old_code) ?? {
        code: link.old_code,
        name: link.old_name,
        oldProvinceName: link.old_province_name,
        nowIn: [],
      }
      const ward = newWards.get(link.new_code)
      if (ward) entry.nowIn.push({ ...ward, share: link.share })
      former.set(link.old_code, entry)
    }
    return { current, former: [...former.values()] }
  }

  async layers(): Promise<LayerInfo[]> {
    const states = await layerStates(this.db)
    return LAYERS.map((layer) => {
      const state = states.get(layer.id)
      return {
        id: layer.id,
        title: layer.title,
        description: layer.description,
        attribution: layer.attribution,
        geometryType: layer.geometryType,
        featureCount: state?.featureCount ?? 0,
        version: state?.version ?? 0,
        updatedAt: (state?.updatedAt ?? new Date(0)).toISOString(),
        minZoom: layer.minZoom,
        maxZoom: layer.maxZoom,
        importable: layer.importable,
      }
    })
  }
}
