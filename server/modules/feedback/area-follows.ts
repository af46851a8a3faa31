import { randomUUID } from 'node:crypto'
import type { AreaFollow, AreaFollowBody } from '@dc/contracts'
import { toNfc } from '@dc/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../core/db/schema.ts'
import { AppError } from '../../core/errors.ts'
import type { GeoService } from '../geo/geo.service.ts'

const MAX_AREAS_PER_RESIDENT = 20

/** Residents follow a ward, or a radius around a point, to hear of new public reports there. */
export class AreaFollows {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly geo: GeoService,
  ) {}

  async list(residentId: string): Promise<AreaFollow[]> {
    const result = await sql<{
      id: string
      ward_code: string | null
      lon: number | null
      lat: number | null
      radius_meters: number | null
      label: string | null
      created_at: Date
    }>`SELECT id, ward_code, ST_X(center::geometry) AS lon, ST_Y(center::geometry) AS lat, radius_meters,
        label, created_at FROM feedback.area_follows WHERE resident_id = ${residentId} ORDER BY created_at`.execute(
      this.db,
    )
    return Promise.all(
      result.rows.map(async (row) => ({
        id: row.id,
        wardCode: row.ward_code,
        wardName: row.ward_code ? ((await this.geo.wardSummary(row.ward_code))?.fullName ?? null) : null,
        center: row.lon === null || row.lat === null ? null : { lon: row.lon, lat: row.lat },
        radiusMeters: row.radius_meters,
        label: row.label,
        createdAt: row.created_at.toISOString(),
      })),
    )
  }

  async add(residentId: string, body: AreaFollowBody): Promise<AreaFollow> {
    const existing = await this.list(residentId)
    if (existing.length >= MAX_AREAS_PER_RESIDENT) {
      throw new AppError('validation_failed', {
        errors: [
          {
            pointer: '/',
            message: {
              vi: `Mỗi người theo dõi tối đa ${MAX_AREAS_PER_RESIDENT} khu vực.`,
              en: `You can follow at most ${MAX_AREAS_PER_RESIDENT} areas.`,
            },
          },
        ],
      })
    }
    const id = randomUUID()
    if ('wardCode' in body) {
      if (!(await this.geo.wardSummary(body.wardCode))) throw new AppError('ward_not_found')
      await this.db
        .insertInto('feedback.area_follows')
        .values({ id, resident_id: residentId, ward_code: body.wardCode, center: null })
        .execute()
    } else {
      if (!(await this.geo.wardCodeAt(body.center.lon, body.center.lat))) throw new AppError('outside_city')
      await sql`INSERT INTO feedback.area_follows (id, resident_id, center, radius_meters, label)
        VALUES (${id}, ${residentId}, ST_SetSRID(ST_MakePoint(${body.center.lon}, ${body.center.lat}), 4326)::geography,
          ${body.radiusMeters}, ${body.label ? toNfc(body.label) : null})`.execute(this.db)
    }
    return (await this.list(residentId)).find((follow) => follow.id === id) as AreaFollow
  }

  async remove(residentId: string, id: string): Promise<void> {
    const result = await this.db
      .deleteFrom('feedback.area_follows')
      .where('id', '=', id)
      .where('resident_id', '=', residentId)
      .executeTakeFirst()
    if (Number(result.numDeletedRows) === 0) throw new AppError('not_found')
  }
}
