import Type, { type Static } from 'typebox'

export const Health = Type.Object({ status: Type.Literal('ok') })
export type Health = Static<typeof Health>

export const Ready = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({
    database: Type.Boolean(),
    migrations: Type.Boolean(),
    seed: Type.Boolean(),
    accepting: Type.Boolean({ description: 'False while the instance drains before a shutdown' }),
  }),
})
export type Ready = Static<typeof Ready>

export const SystemInfo = Type.Object({
  name: Type.String(),
  version: Type.String(),
  engine: Type.Union([Type.Literal('embedded'), Type.Literal('postgresql')]),
  roles: Type.Array(Type.String()),
  timeZone: Type.Literal('Asia/Ho_Chi_Minh'),
  serverTime: Type.String({ format: 'date-time', description: 'Now, with the +07:00 offset' }),
  city: Type.Object({
    code: Type.String(),
    name: Type.String(),
    wardCount: Type.Integer({ description: 'Ward-level units loaded (168 for HCMC, 2025 layout)' }),
    oldWardCount: Type.Integer({ description: 'Pre-2025 wards in the old→new mapping' }),
  }),
})
export type SystemInfo = Static<typeof SystemInfo>
