import { randomUUID } from 'node:crypto'
import type { ResponseTemplate } from '@dc/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../core/db/schema.ts'
import { AppError } from '../../core/errors.ts'

/** Agencies' stock answers ("Đã tiếp nhận, sẽ xử lý trong …"), so officers answer quickly and alike. */
export class ResponseTemplates {
  constructor(private readonly db: Kysely<DB>) {}

  async list(agencyId: string): Promise<ResponseTemplate[]> {
    const rows = await this.db
      .selectFrom('feedback.response_templates')
      .select(['id', 'agency_id', 'category_id', 'title', 'body'])
      .where('agency_id', '=', agencyId)
      .orderBy('title')
      .execute()
    return rows.map((row) => ({
      id: row.id,
      agencyId: row.agency_id,
      categoryId: row.category_id,
      title: row.title,
      body: row.body,
    }))
  }

  async add(
    agencyId: string,
    officialId: string,
    template: { categoryId: string | null; title: string; body: string },
  ): Promise<ResponseTemplate> {
    const id = randomUUID()
    await this.db
      .insertInto('feedback.response_templates')
      .values({
        id,
        agency_id: agencyId,
        category_id: template.categoryId,
        title: template.title,
        body: template.body,
        created_by: officialId,
      })
      .execute()
    return { id, agencyId, ...template }
  }

  async remove(agencyId: string, id: string): Promise<void> {
    const result = await this.db
      .deleteFrom('feedback.response_templates')
      .where('id', '=', id)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst()
    if (Number(result.numDeletedRows) === 0) throw new AppError('not_found')
  }
}
