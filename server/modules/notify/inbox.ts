import { randomUUID } from 'node:crypto'
import type { InboxItem, LocalizedText } from '@dc/contracts'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../core/db/schema.ts'

export interface InboxMessage {
  residentId: string
  /** The same key delivers once: a job that runs twice writes one item. */
  deliveryKey: string
  title: LocalizedText
  body: LocalizedText
  link: string | null
}

/**
 * The in-app inbox: what the platform tells a resident (report updates, later alerts and dossiers).
 * Web Push and the live stream will deliver the same messages when the notify issue builds them.
 */
export class Inbox {
  constructor(private readonly db: Kysely<DB>) {}

  /** Delivers each message once per delivery key; returns how many were new. */
  async deliver(
    messages: readonly InboxMessage[],
    executor: Kysely<DB> | Transaction<DB> = this.db,
  ): Promise<number> {
    if (messages.length === 0) return 0
    const result = await executor
      .insertInto('notify.inbox')
      .values(
        messages.map((message) => ({
          id: randomUUID(),
          resident_id: message.residentId,
          delivery_key: message.deliveryKey,
          title: message.title.vi,
          title_en: message.title.en,
          body: message.body.vi,
          body_en: message.body.en,
          link: message.link,
        })),
      )
      .onConflict((oc) => oc.column('delivery_key').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0)
  }

  async list(residentId: string, limit = 100): Promise<{ items: InboxItem[]; unread: number }> {
    const [rows, unread] = await Promise.all([
      this.db
        .selectFrom('notify.inbox')
        .selectAll()
        .where('resident_id', '=', residentId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute(),
      this.db
        .selectFrom('notify.inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('resident_id', '=', residentId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow(),
    ])
    return {
      items: rows.map((row) => ({
        id: row.id,
        at: row.created_at.toISOString(),
        title: { vi: row.title, en: row.title_en },
        body: { vi: row.body, en: row.body_en },
        link: row.link,
        readAt: row.read_at?.toISOString() ?? null,
      })),
      unread: Number(unread.n),
    }
  }

  /** Marks one item (or, without an id, every item) read; only the resident's own. */
  async markRead(residentId: string, id?: string): Promise<number> {
    let query = this.db
      .updateTable('notify.inbox')
      .set({ read_at: new Date() })
      .where('resident_id', '=', residentId)
      .where('read_at', 'is', null)
    if (id) query = query.where('id', '=', id)
    const result = await query.executeTakeFirst()
    return Number(result.numUpdatedRows)
  }
}
