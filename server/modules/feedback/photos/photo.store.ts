import { randomUUID } from 'node:crypto'
import { Semaphore } from 'async-mutex'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import sharp from 'sharp'
import type { DB } from '../../../core/db/schema.ts'
import { AppError } from '../../../core/errors.ts'
import { FEEDBACK_POLICY } from '../policy.ts'
import { PhotoRejected, processPhoto } from './photo-processing.ts'

// One-off uploads never hit sharp's cache; it would only hold memory.
sharp.cache(false)

/** At most this many photos are decoded at once per process: each can take ~100 MB and a core. */
const PROCESSING_SLOTS = 2
const slots = new Semaphore(PROCESSING_SLOTS)

export interface StoredPhoto {
  id: string
  width: number
  height: number
}

const REJECTION_CODES = {
  too_large: 'photo_too_large',
  too_many_pixels: 'photo_too_large',
  unsupported_type: 'photo_unsupported',
  corrupt: 'photo_corrupt',
  empty: 'photo_corrupt',
} as const

/**
 * Report photos, in the database (one store for every instance, backed up with the rest): each
 * upload is checked by content, re-encoded without metadata into a display copy and a thumbnail;
 * the position its EXIF gave is kept apart for officials. Unattached uploads expire.
 */
export class PhotoStore {
  constructor(private readonly db: Kysely<DB>) {}

  async upload(input: Buffer, uploadedBy: string): Promise<StoredPhoto> {
    const processed = await slots.runExclusive(() =>
      processPhoto(input).catch((error: unknown) => {
        if (error instanceof PhotoRejected) throw new AppError(REJECTION_CODES[error.reason])
        throw error
      }),
    )
    const id = randomUUID()
    await this.db
      .insertInto('feedback.photos')
      .values({
        id,
        report_id: null,
        purpose: 'report',
        uploaded_by: uploadedBy,
        content_type: processed.contentType,
        display: processed.display,
        thumbnail: processed.thumbnail,
        width: processed.width,
        height: processed.height,
        bytes: processed.bytes,
        sha256: processed.sha256,
        gps_lon: processed.gps?.lon ?? null,
        gps_lat: processed.gps?.lat ?? null,
      })
      .execute()
    return { id, width: processed.width, height: processed.height }
  }

  /** The bytes and what decides who may see them. */
  async read(id: string, variant: 'display' | 'thumbnail') {
    return this.db
      .selectFrom('feedback.photos as p')
      .leftJoin('feedback.reports as r', 'r.id', 'p.report_id')
      .select([
        variant === 'display' ? 'p.display as bytes' : 'p.thumbnail as bytes',
        'p.content_type',
        'p.uploaded_by',
        'p.hidden_at',
        'p.report_id',
        'r.is_public',
        'r.agency_id',
        'r.reporter_id',
        'r.version',
      ])
      .where('p.id', '=', id)
      .executeTakeFirst()
  }

  /** Removes uploads never attached to a report (the form was abandoned). */
  async removeUnattached(olderThanHours = FEEDBACK_POLICY.unattachedPhotoHours): Promise<number> {
    const result = await this.db
      .deleteFrom('feedback.photos')
      .where('report_id', 'is', null)
      .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${olderThanHours})`)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
