import Type, { type Static } from 'typebox'

/** Identity shapes shared by the API and the web app. Module-specific shapes live beside this file. */

export const OfficialRoleName = Type.Union(
  [
    Type.Literal('officer'),
    Type.Literal('agency_admin'),
    Type.Literal('alert_operator'),
    Type.Literal('leader'),
    Type.Literal('system_admin'),
  ],
  { description: 'officer (handles cases), agency_admin, alert_operator, leader (dashboards), system_admin' },
)
export type OfficialRoleName = Static<typeof OfficialRoleName>

export const SessionInfo = Type.Union([
  Type.Object({ signedIn: Type.Literal(false) }),
  Type.Object({
    signedIn: Type.Literal(true),
    kind: Type.Literal('resident'),
    csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every POST/PUT/PATCH/DELETE' }),
    expiresAt: Type.String({ format: 'date-time' }),
    resident: Type.Object({
      id: Type.String({ format: 'uuid' }),
      fullName: Type.Union([Type.String(), Type.Null()]),
    }),
  }),
  Type.Object({
    signedIn: Type.Literal(true),
    kind: Type.Literal('official'),
    csrfToken: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
    official: Type.Object({
      id: Type.String({ format: 'uuid' }),
      username: Type.String(),
      fullName: Type.String(),
      agencyId: Type.String(),
      agencyName: Type.String(),
      roles: Type.Array(OfficialRoleName),
      wardCodes: Type.Array(Type.String()),
      totpEnabled: Type.Boolean(),
    }),
  }),
])
export type SessionInfo = Static<typeof SessionInfo>

export const ActiveSessionItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean({ description: 'The session this request was made with' }),
})
export const ActiveSessionList = Type.Object({ sessions: Type.Array(ActiveSessionItem) })
export type ActiveSessionList = Static<typeof ActiveSessionList>

export const SessionIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

/** What an API key may be allowed to do. Modules add scopes as they add machine endpoints. */
export const API_SCOPE_NAMES = ['geo:import', 'open311'] as const
export type ApiScopeName = (typeof API_SCOPE_NAMES)[number]
