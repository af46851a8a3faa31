import Type, { type Static } from 'typebox'
import { ActiveSessionItem } from './identity.ts'

/** Personal-data shapes: a resident's own data, the access log, officials' lookups of residents. */

/** What the platform holds about a resident, decrypted (only ever for that resident or a logged official). */
export const ResidentProfile = Type.Object({
  id: Type.String({ format: 'uuid' }),
  fullName: Type.Union([Type.String(), Type.Null()]),
  nationalId: Type.Union([
    Type.String({ description: '12-digit citizen identity number (CCCD)' }),
    Type.Null(),
  ]),
  birthDate: Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  assuranceLevel: Type.Union([Type.String({ description: 'e-ID level of assurance' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSignInAt: Type.String({ format: 'date-time' }),
})
export type ResidentProfile = Static<typeof ResidentProfile>

/** One read of a resident's personal data by an official, as the resident sees it. */
export const AccessLogEntry = Type.Object({
  at: Type.String({ format: 'date-time' }),
  officialName: Type.Union([Type.String(), Type.Null()]),
  agencyName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String({ description: 'lookup (found by national ID) or view (opened the full profile)' }),
  fields: Type.Array(Type.String(), {
    description: 'Which personal data was shown, named as in ResidentProfile (nationalId, phone…)',
  }),
  reason: Type.String({ description: 'The reason the official gave' }),
})
export type AccessLogEntry = Static<typeof AccessLogEntry>

export const AccessLogList = Type.Object({ entries: Type.Array(AccessLogEntry) })
export type AccessLogList = Static<typeof AccessLogList>

/** Everything held about the resident (GET /api/v1/me/export); modules add their own sections. */
export const PersonalDataExport = Type.Object({
  format: Type.Literal('digital-citizen.personal-data'),
  version: Type.Literal(1),
  exportedAt: Type.String({ format: 'date-time' }),
  profile: ResidentProfile,
  sessions: Type.Array(ActiveSessionItem),
  accessLog: Type.Array(AccessLogEntry),
  sections: Type.Record(Type.String(), Type.Unknown(), {
    description: "Other modules' data about the resident (feedback, dossiers…), by module",
  }),
})
export type PersonalDataExport = Static<typeof PersonalDataExport>

const Reason = Type.String({
  minLength: 5,
  maxLength: 500,
  description: 'Why the official needs this data (kept in the access log and shown to the resident)',
})

export const ResidentLookupQuery = Type.Object({
  nationalId: Type.String({ pattern: '^[0-9]{12}$', description: '12-digit citizen identity number' }),
  reason: Reason,
})
export type ResidentLookupQuery = Static<typeof ResidentLookupQuery>

/** A lookup match: identifying data masked (the full profile is a separate, logged request). */
export const ResidentLookupMatch = Type.Object({
  id: Type.String({ format: 'uuid' }),
  fullName: Type.Union([Type.String(), Type.Null()]),
  nationalIdMasked: Type.Union([Type.String({ description: 'e.g. ********1234' }), Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  closed: Type.Boolean({ description: 'The resident has closed the account' }),
})
export const ResidentLookupResult = Type.Object({ residents: Type.Array(ResidentLookupMatch) })
export type ResidentLookupResult = Static<typeof ResidentLookupResult>

export const ResidentViewParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const ResidentViewQuery = Type.Object({ reason: Reason })

export const OfficialResidentView = Type.Object({
  ...ResidentProfile.properties,
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type OfficialResidentView = Static<typeof OfficialResidentView>
