import type { Category, WardSummary } from '@dc/contracts'
import { fetchCategories, fetchWards } from '../../api/feedback.ts'

/** The reference lists the feedback pages name things with: categories (a tree) and the 2025 wards. */
export interface Lookups {
  categories: Category[]
  wards: WardSummary[]
}

export function loadLookups(signal: AbortSignal): Promise<Lookups> {
  return Promise.all([fetchCategories(signal), fetchWards(signal)]).then(([categories, wards]) => ({
    categories: categories.categories,
    wards: wards.wards,
  }))
}
