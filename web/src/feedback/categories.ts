import type { Category } from '@dc/contracts'

/**
 * The category tree as the two-level chooser shows it: groups (the roots) in the server's order,
 * each with the leaves a report may be filed under. A root that is itself selectable and has no
 * children is its own only leaf, so every choice goes through the same two steps.
 */
export interface CategoryGroup {
  group: Category
  leaves: Category[]
}

export function categoryGroups(categories: readonly Category[]): CategoryGroup[] {
  const byId = new Map(categories.map((category) => [category.id, category]))
  const rootOf = (category: Category): Category => {
    let current = category
    // The depth guard stops a bad parent loop from hanging the page.
    for (let depth = 0; current.parentId && depth < 10; depth++) {
      const parent = byId.get(current.parentId)
      if (!parent) break
      current = parent
    }
    return current
  }
  const groups = new Map<string, CategoryGroup>()
  for (const category of categories) {
    if (category.parentId === null) groups.set(category.id, { group: category, leaves: [] })
  }
  for (const category of categories) {
    if (!category.selectable) continue
    const root = rootOf(category)
    const entry = groups.get(root.id) ?? { group: root, leaves: [] }
    entry.leaves.push(category)
    groups.set(root.id, entry)
  }
  return [...groups.values()].filter((entry) => entry.leaves.length > 0)
}

/** The group a leaf belongs to (to pre-select both levels, e.g. from a link). */
export function groupOfLeaf(groups: readonly CategoryGroup[], leafId: string): CategoryGroup | undefined {
  return groups.find((entry) => entry.leaves.some((leaf) => leaf.id === leafId))
}
