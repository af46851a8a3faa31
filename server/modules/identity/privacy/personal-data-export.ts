import type { AccessLogEntry, PersonalDataExport, ResidentProfile as ResidentProfileDto } from '@dc/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../../core/db/schema.ts'
import { AppError } from '../../../core/errors.ts'
import type { PersonalDataCipher } from '../crypto/personal-data-cipher.ts'
import { type ResidentProfile, readResidentProfile } from '../residents/resident.repository.ts'
import type { SessionService } from '../sessions.ts'
import type { AccessLog, ResidentAccessEntry } from './access-log.ts'
import { PERSONAL_DATA_EXPORTERS, type PersonalDataExporter } from './personal-data.ts'

export interface PersonalDataDeps {
  db: Kysely<DB>
  cipher: PersonalDataCipher
  sessions: SessionService
  accessLog: AccessLog
}

export function profileDto(profile: ResidentProfile): ResidentProfileDto {
  return {
    id: profile.id,
    fullName: profile.fullName,
    nationalId: profile.nationalId,
    birthDate: profile.birthDate,
    phone: profile.phone,
    assuranceLevel: profile.assuranceLevel,
    createdAt: profile.createdAt.toISOString(),
    lastSignInAt: profile.lastSignInAt.toISOString(),
  }
}

export function accessEntryDto(entry: ResidentAccessEntry): AccessLogEntry {
  return {
    at: entry.at.toISOString(),
    officialName: entry.officialName,
    agencyName: entry.agencyName,
    action: entry.action,
    fields: entry.fields,
    reason: entry.reason,
  }
}

export async function ownProfile(deps: PersonalDataDeps, residentId: string): Promise<ResidentProfile> {
  const profile = await readResidentProfile(deps.db, deps.cipher, residentId)
  if (!profile) throw new AppError('resident_not_found')
  return profile
}

/**
 * Everything held about one resident: profile, devices signed in, who read their data, and each
 * module's section. Only ever called with the signed-in resident's own id.
 */
export async function buildPersonalDataExport(
  deps: PersonalDataDeps,
  residentId: string,
  options: { currentSessionId?: string; exporters?: readonly PersonalDataExporter[]; now?: Date } = {},
): Promise<PersonalDataExport> {
  const profile = await ownProfile(deps, residentId)
  const sessions = await deps.sessions.list({ kind: 'resident', residentId }, options.currentSessionId)
  const accessLog = await deps.accessLog.forResident(residentId)
  const sections: Record<string, unknown> = {}
  for (const exporter of options.exporters ?? PERSONAL_DATA_EXPORTERS) {
    sections[exporter.section] = await exporter.export(deps.db, residentId)
  }
  return {
    format: 'digital-citizen.personal-data',
    version: 1,
    exportedAt: (options.now ?? new Date()).toISOString(),
    profile: profileDto(profile),
    sessions: sessions.map((session) => ({
      ...session,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
    })),
    accessLog: accessLog.map(accessEntryDto),
    sections,
  }
}
