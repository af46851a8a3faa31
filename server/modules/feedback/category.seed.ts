import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CategoryQuestion, toNfc } from '@dc/contracts'
import type { Transaction } from 'kysely'
import Type from 'typebox'
import Value from 'typebox/value'
import type { DB } from '../../core/db/schema.ts'
import { DATA_DIR } from '../../core/paths.ts'
import type { SeedDefinition } from '../../core/seed.ts'

export const CATEGORIES_FILE = join(DATA_DIR, 'feedback-categories.json')

interface CategoryEntry {
  id: string
  parentId: string | null
  name: string
  nameEn: string
  description?: string
  descriptionEn?: string
  deadlineWorkingDays?: number
  requiresAfterPhoto?: boolean
  questions?: unknown[]
}

const Questions = Type.Array(CategoryQuestion)

/**
 * The feedback category tree and its default routing rules (data/feedback-categories.json). Runs
 * after the agency seed: rules name agencies. Extra questions are validated against the contract,
 * so a mistake in the file stops the seed instead of reaching a resident's form.
 */
export const feedbackCategorySeed: SeedDefinition = {
  name: 'feedback.categories',
  files: [CATEGORIES_FILE],
  async load(trx: Transaction<DB>) {
    const { categories, routingRules } = JSON.parse(readFileSync(CATEGORIES_FILE, 'utf8')) as {
      categories: CategoryEntry[]
      routingRules: { categoryId: string; wardCode?: string | null; agencyId: string; note?: string }[]
    }
    let order = 0
    for (const entry of categories) {
      const questions = entry.questions ?? []
      if (!Value.Check(Questions, questions)) {
        throw new Error(`feedback category ${entry.id}: its questions do not match CategoryQuestion`)
      }
      await trx
        .insertInto('feedback.categories')
        .values({
          id: entry.id,
          parent_id: entry.parentId,
          name: toNfc(entry.name),
          name_en: entry.nameEn,
          description: toNfc(entry.description ?? ''),
          description_en: entry.descriptionEn ?? '',
          deadline_working_days: entry.deadlineWorkingDays ?? 10,
          requires_after_photo: entry.requiresAfterPhoto ?? false,
          questions: JSON.stringify(questions),
          sort_order: order++,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    }
    for (const rule of routingRules) {
      await trx
        .insertInto('feedback.routing_rules')
        .values({
          id: randomUUID(),
          category_id: rule.categoryId,
          ward_code: rule.wardCode ?? null,
          agency_id: rule.agencyId,
          note: rule.note ? toNfc(rule.note) : null,
        })
        .execute()
    }
    return categories.length + routingRules.length
  },
}
