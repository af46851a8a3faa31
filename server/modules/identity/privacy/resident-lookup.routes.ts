import {
  OfficialResidentView,
  ResidentLookupQuery,
  ResidentLookupResult,
  ResidentViewParams,
  ResidentViewQuery,
} from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError, validationFailed } from '../../../core/errors.ts'
import { access, type Principal } from '../../../core/http/access.ts'
import type { Platform } from '../../../core/platform.ts'
import { fieldContext } from '../crypto/personal-data-cipher.ts'
import { findResidentIdsByNationalId, mask, readResidentProfile } from '../residents/resident.repository.ts'
import { profileDto } from './personal-data-export.ts'

const TABLE = 'identity.residents'
const mayLookUp = access.official('officer', 'agency_admin')

/**
 * What a lookup shows of each match (the national ID searched for, the name, the phone masked).
 * Access-log fields are named as in the resident's profile (ResidentProfile), which they see.
 */
export const LOOKUP_FIELDS = ['nationalId', 'fullName', 'phone'] as const

/**
 * /api/v1/console/residents: officials find a resident by national ID and open a profile. Every
 * read writes the access log first, with the official's reason; if that write fails, no data is
 * returned. The resident sees each entry in their access history.
 */
export function residentLookupRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { identity } = platform.services
  const { db } = platform.database
  return async (app) => {
    app.get(
      '/api/v1/console/residents',
      {
        config: { access: mayLookUp },
        schema: {
          tags: ['identity'],
          summary: 'Find residents by national ID (masked results; logged with the reason given)',
          querystring: ResidentLookupQuery,
          response: { 200: ResidentLookupResult },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const official = officialOf(await request.principal())
        const reason = requireReason(request.query.reason)
        const ids = await findResidentIdsByNationalId(db, identity.cipher, request.query.nationalId)
        const rows = ids.length
          ? await db
              .selectFrom(TABLE)
              .select(['id', 'full_name', 'national_id_enc', 'phone_enc', 'closed_at'])
              .where('id', 'in', ids)
              .where('anonymised_at', 'is', null)
              .orderBy('created_at')
              .execute()
          : []
        await db.transaction().execute(async (trx) => {
          for (const row of rows) {
            await identity.accessLog.append(
              {
                ...official,
                residentId: row.id,
                action: 'lookup',
                fields: LOOKUP_FIELDS,
                reason,
                requestId: request.id,
              },
              trx,
            )
          }
        })
        return {
          residents: rows.map((row) => ({
            id: row.id,
            fullName: row.full_name,
            nationalIdMasked: mask(
              identity.cipher.decryptOptional(
                row.national_id_enc,
                fieldContext(TABLE, 'national_id', row.id),
              ),
            ),
            phoneMasked: mask(
              identity.cipher.decryptOptional(row.phone_enc, fieldContext(TABLE, 'phone', row.id)),
            ),
            closed: row.closed_at !== null,
          })),
        }
      },
    )

    app.get(
      '/api/v1/console/residents/:id',
      {
        config: { access: mayLookUp },
        schema: {
          tags: ['identity'],
          summary: "A resident's full profile (logged with the reason given)",
          params: ResidentViewParams,
          querystring: ResidentViewQuery,
          response: { 200: OfficialResidentView },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store')
        const official = officialOf(await request.principal())
        const reason = requireReason(request.query.reason)
        const profile = await readResidentProfile(db, identity.cipher, request.params.id)
        const anonymised = await db
          .selectFrom(TABLE)
          .select('anonymised_at')
          .where('id', '=', request.params.id)
          .executeTakeFirst()
        if (!profile || anonymised?.anonymised_at) throw new AppError('resident_not_found')
        const fields = (
          [
            ['fullName', profile.fullName],
            ['nationalId', profile.nationalId],
            ['phone', profile.phone],
            ['birthDate', profile.birthDate],
          ] as const
        )
          .filter(([, value]) => value !== null)
          .map(([field]) => field)
        // The entry commits before any data leaves; a failed write fails the request.
        await identity.accessLog.append({
          ...official,
          residentId: profile.id,
          action: 'view',
          fields,
          reason,
          requestId: request.id,
        })
        return { ...profileDto(profile), closedAt: profile.closedAt?.toISOString() ?? null }
      },
    )
  }
}

function officialOf(principal: Principal): { officialId: string; agencyId: string } {
  if (principal.kind !== 'official') throw new AppError('forbidden')
  return { officialId: principal.officialId, agencyId: principal.agencyId }
}

/** At least 5 characters that are not blank: "     " is not a reason. */
function requireReason(reason: string): string {
  const trimmed = reason.trim()
  if (trimmed.length < 5) {
    throw validationFailed([
      {
        pointer: 'querystring:/reason',
        message: {
          vi: 'Vui lòng ghi rõ lý do tra cứu (ít nhất 5 ký tự).',
          en: 'Please state the reason for the lookup (at least 5 characters).',
        },
      },
    ])
  }
  return trimmed
}
