import { wardCommitteeId } from '../identity/agencies/agency.seed.ts'

export interface RoutingRuleRow {
  id: string
  categoryId: string
  wardCode: string | null
  agencyId: string
}

export interface RouteDecision {
  agencyId: string
  /** The rule that decided, or null when the ward's People's Committee took it by default. */
  ruleId: string | null
}

/**
 * ward × category → agency. Rules are looked up from the chosen category up to its root; at each
 * level a rule for this ward beats a rule for every ward. No rule at any level: the ward's
 * People's Committee (the 1022 default: the ward answers for what happens on its ground).
 */
export class RoutingTable {
  readonly #rules = new Map<string, RoutingRuleRow>()

  constructor(
    rules: readonly RoutingRuleRow[],
    private readonly parentOf: ReadonlyMap<string, string | null>,
  ) {
    for (const rule of rules) this.#rules.set(key(rule.categoryId, rule.wardCode), rule)
  }

  route(categoryId: string, wardCode: string): RouteDecision {
    for (
      let category: string | null | undefined = categoryId;
      category;
      category = this.parentOf.get(category)
    ) {
      const rule = this.#rules.get(key(category, wardCode)) ?? this.#rules.get(key(category, null))
      if (rule) return { agencyId: rule.agencyId, ruleId: rule.id }
    }
    return { agencyId: wardCommitteeId(wardCode), ruleId: null }
  }
}

const key = (categoryId: string, wardCode: string | null) => `${categoryId}|${wardCode ?? '*'}`
