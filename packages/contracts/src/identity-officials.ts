import Type, { type Static } from 'typebox'
import { OfficialRoleName } from './identity.ts'

/** Agencies, officials' sign-in (password + TOTP), officials management and API keys. */

export const AgencyKindName = Type.Union(
  [
    Type.Literal('city'),
    Type.Literal('department'),
    Type.Literal('ward_committee'),
    Type.Literal('service_unit'),
  ],
  { description: 'city (People’s Committee), department, ward_committee, service_unit' },
)
export type AgencyKindName = Static<typeof AgencyKindName>

export const AgencyItem = Type.Object({
  id: Type.String({ examples: ['ubnd-tp', 'so-xay-dung', 'ubnd-26740'] }),
  parentId: Type.Union([Type.String(), Type.Null()]),
  kind: AgencyKindName,
  name: Type.String(),
  nameEn: Type.String(),
  wardCode: Type.Union([Type.String(), Type.Null()], {
    description: 'For ward committees: the GSO ward code',
  }),
})
export type AgencyItem = Static<typeof AgencyItem>

export const AgencyList = Type.Object({ agencies: Type.Array(AgencyItem) })
export type AgencyList = Static<typeof AgencyList>

export const AgencyQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'Words of the name, with or without diacritics ("phuong sai gon")',
    }),
  ),
  kind: Type.Optional(AgencyKindName),
})

// --- Officials' sign-in ---

const Username = Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' })
const Challenge = Type.String({
  minLength: 20,
  maxLength: 100,
  description: 'From the sign-in answer; valid 5 minutes',
})

export const OfficialSignInBody = Type.Object({
  username: Username,
  password: Type.String({ minLength: 1, maxLength: 256 }),
})
export type OfficialSignInBody = Static<typeof OfficialSignInBody>

export const OfficialSignInStep = Type.Object({
  status: Type.Union([Type.Literal('totp_required'), Type.Literal('totp_enrollment_required')]),
  challenge: Type.String(),
})
export type OfficialSignInStep = Static<typeof OfficialSignInStep>

export const TotpChallengeBody = Type.Object({ challenge: Challenge })

export const TotpEnrollment = Type.Object({
  secret: Type.String({ description: 'Base32, for typing into an authenticator app' }),
  otpauthUri: Type.String(),
  qrSvg: Type.String({ description: 'The otpauth URI as a QR code (SVG markup)' }),
})
export type TotpEnrollment = Static<typeof TotpEnrollment>

export const TotpCodeBody = Type.Object({
  challenge: Challenge,
  code: Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code of the authenticator app' }),
})
export type TotpCodeBody = Static<typeof TotpCodeBody>

export const OfficialSignedIn = Type.Object({ status: Type.Literal('signed_in') })

export const PasswordChangeBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
})
export type PasswordChangeBody = Static<typeof PasswordChangeBody>

// --- Officials management (console) ---

const WardCodes = Type.Array(Type.String({ pattern: '^[0-9]{5}$' }), {
  maxItems: 168,
  uniqueItems: true,
  description: 'Empty: the whole agency; otherwise only these wards',
})
const Roles = Type.Array(OfficialRoleName, { minItems: 1, uniqueItems: true })

export const OfficialRecord = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  fullName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  agencyId: Type.String(),
  roles: Type.Array(OfficialRoleName),
  wardCodes: Type.Array(Type.String()),
  totpEnabled: Type.Boolean(),
  failedAttempts: Type.Integer(),
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type OfficialRecord = Static<typeof OfficialRecord>

export const OfficialList = Type.Object({ officials: Type.Array(OfficialRecord) })
export type OfficialList = Static<typeof OfficialList>

export const OfficialListQuery = Type.Object({
  agencyId: Type.Optional(
    Type.String({ maxLength: 100, description: 'Only this agency and those under it' }),
  ),
})

export const OfficialCreateBody = Type.Object({
  username: Username,
  fullName: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.Optional(Type.Union([Type.Null(), Type.String({ format: 'email', maxLength: 254 })])),
  agencyId: Type.String({ maxLength: 100 }),
  roles: Roles,
  wardCodes: Type.Optional(WardCodes),
  password: Type.String({ minLength: 1, maxLength: 256, description: 'Initial password (policy-checked)' }),
})
export type OfficialCreateBody = Static<typeof OfficialCreateBody>

export const OfficialPatchBody = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.Union([Type.Null(), Type.String({ format: 'email', maxLength: 254 })])),
    roles: Type.Optional(Roles),
    wardCodes: Type.Optional(WardCodes),
    disabled: Type.Optional(Type.Boolean({ description: 'true ends every session of the official' })),
  },
  { minProperties: 1 },
)
export type OfficialPatchBody = Static<typeof OfficialPatchBody>

export const UuidParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

// --- API keys ---

export const ApiKeyItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  prefix: Type.String({
    description: 'The public part of the key (dc_<prefix>_…); the secret is never shown again',
  }),
  name: Type.String(),
  agencyId: Type.String(),
  scopes: Type.Array(Type.String()),
  rateLimitPerMinute: Type.Integer(),
  createdBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  rotatedFrom: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
})
export type ApiKeyItem = Static<typeof ApiKeyItem>

export const ApiKeyList = Type.Object({ apiKeys: Type.Array(ApiKeyItem) })
export type ApiKeyList = Static<typeof ApiKeyList>

export const ApiKeyListQuery = Type.Object({ agencyId: Type.Optional(Type.String({ maxLength: 100 })) })

export const ApiKeyCreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  agencyId: Type.String({ maxLength: 100 }),
  scopes: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 50, uniqueItems: true }),
  rateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 600 })),
  expiresAt: Type.Optional(Type.Union([Type.Null(), Type.String({ format: 'date-time' })])),
})
export type ApiKeyCreateBody = Static<typeof ApiKeyCreateBody>

export const ApiKeyIssued = Type.Object({
  key: Type.String({
    description: 'The full key: shown only now. Send as Authorization: Bearer <key> or X-API-Key.',
  }),
  apiKey: ApiKeyItem,
})
export type ApiKeyIssued = Static<typeof ApiKeyIssued>

export const ApiKeySelf = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Type.String()),
  rateLimitPerMinute: Type.Integer(),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type ApiKeySelf = Static<typeof ApiKeySelf>
