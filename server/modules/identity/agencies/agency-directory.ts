import { foldVietnamese } from '@dc/contracts'
import type { Kysely } from 'kysely'
import type { AgencyKind, DB } from '../../../core/db/schema.ts'

export interface Agency {
  id: string
  parentId: string | null
  kind: AgencyKind
  name: string
  nameEn: string
  wardCode: string | null
  searchText: string
}

/**
 * The agency tree, held in memory (a few hundred rows that change only when the city reorganises):
 * who is under whom, for scoping what an agency administrator may see and manage. Call reload()
 * after changing identity.agencies.
 */
export class AgencyDirectory {
  private byId = new Map<string, Agency>()
  private childrenOf = new Map<string, Agency[]>()

  private constructor(private readonly db: Kysely<DB>) {}

  static async load(db: Kysely<DB>): Promise<AgencyDirectory> {
    const directory = new AgencyDirectory(db)
    await directory.reload()
    return directory
  }

  async reload(): Promise<void> {
    const rows = await this.db.selectFrom('identity.agencies').selectAll().orderBy('id').execute()
    const byId = new Map<string, Agency>()
    const childrenOf = new Map<string, Agency[]>()
    for (const row of rows) {
      const agency: Agency = {
        id: row.id,
        parentId: row.parent_id,
        kind: row.kind,
        name: row.name,
        nameEn: row.name_en,
        wardCode: row.ward_code,
        searchText: row.search_text,
      }
      byId.set(agency.id, agency)
    }
    for (const agency of byId.values()) {
      if (agency.parentId === null) continue
      const siblings = childrenOf.get(agency.parentId) ?? []
      siblings.push(agency)
      childrenOf.set(agency.parentId, siblings)
    }
    this.byId = new Map([...byId.values()].sort(byKindThenName).map((agency) => [agency.id, agency]))
    this.childrenOf = childrenOf
  }

  get(id: string): Agency | undefined {
    return this.byId.get(id)
  }

  all(): Agency[] {
    return [...this.byId.values()]
  }

  children(id: string): Agency[] {
    return this.childrenOf.get(id) ?? []
  }

  /** The agency and everything under it (empty for an unknown id). */
  subtree(id: string): string[] {
    if (!this.byId.has(id)) return []
    const ids: string[] = []
    const stack = [id]
    while (stack.length > 0) {
      const next = stack.pop() as string
      ids.push(next)
      for (const child of this.children(next)) stack.push(child.id)
    }
    return ids
  }

  /** Is `id` the agency `ancestorId` or somewhere under it? */
  contains(ancestorId: string, id: string): boolean {
    const seen = new Set<string>()
    let current = this.byId.get(id)
    while (current && !seen.has(current.id)) {
      if (current.id === ancestorId) return true
      seen.add(current.id)
      current = current.parentId === null ? undefined : this.byId.get(current.parentId)
    }
    return false
  }

  /** Diacritic-insensitive search on both names ("phuong sai gon" finds "Phường Sài Gòn"). */
  search(query: { q?: string | undefined; kind?: AgencyKind | undefined }): Agency[] {
    const words = query.q ? foldVietnamese(query.q).split(' ').filter(Boolean) : []
    return this.all().filter(
      (agency) =>
        (!query.kind || agency.kind === query.kind) &&
        words.every((word) => agency.searchText.includes(word)),
    )
  }
}

const KIND_ORDER: Record<AgencyKind, number> = { city: 0, department: 1, service_unit: 2, ward_committee: 3 }
const collator = new Intl.Collator('vi')

/** The city first, then departments, service units and ward committees, each by Vietnamese name. */
function byKindThenName(a: Agency, b: Agency): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || collator.compare(a.name, b.name)
}
