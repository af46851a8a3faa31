import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ANONYMOUS_CALLER,
  apiKeyCaller,
  type Caller,
  createTestAgency,
  createTestOfficial,
  createTestResident,
  sessionCaller,
} from '../../../tests/support/principals.ts'
import { testAppAndPlatform } from '../../../tests/support/test-platform.ts'
import type { Platform } from '../platform.ts'
import {
  type Access,
  API_SCOPES,
  decide,
  type OfficialRole,
  type Principal,
  type RouteAccess,
} from './access.ts'

/**
 * The authorization matrix, generated from the route table: every route × every kind of caller,
 * checked over HTTP against the route's declared policy. A new route is covered the moment it is
 * registered. Besides allow/deny, callers of agency X and resident A must never receive agency Y's
 * or resident B's identifiers in any answer.
 */

let app: FastifyInstance
let platform: Platform

/** A caller the matrix can recreate for every request (sign-out and revoke-all end sessions). */
interface MatrixCaller {
  label: string
  /** The shape decide() sees; ids do not matter for the decision. */
  principal: Principal
  make(): Promise<Caller>
  /** Strings that belong to someone else and must never appear in this caller's answers. */
  foreign: string[]
}

const callers: MatrixCaller[] = []
const session = { id: 'x', csrfToken: 'x' }

beforeAll(async () => {
  ;({ app, platform } = await testAppAndPlatform())
  const agencyX = await createTestAgency(platform, 'x')
  const agencyY = await createTestAgency(platform, 'y')
  const residentB = await createTestResident(platform, 'B')
  const officerY = await createTestOfficial(platform, {
    agencyId: agencyY,
    roles: ['officer'],
    label: 'officer-y',
  })
  const keyY = await apiKeyCaller(platform, agencyY, [...API_SCOPES], 'key-y')
  const foreignToX = [
    agencyY,
    officerY.username,
    officerY.id,
    keyY.keyId,
    residentB.id,
    residentB.claims.nationalId,
  ]

  callers.push({
    label: 'anonymous',
    principal: { kind: 'anonymous' },
    make: async () => ANONYMOUS_CALLER,
    foreign: foreignToX,
  })
  for (const label of ['resident A', 'resident B']) {
    const foreign = label === 'resident A' ? foreignToX : [agencyY, officerY.username]
    callers.push({
      label,
      principal: { kind: 'resident', residentId: 'x', session },
      async make() {
        // A fresh resident each time: closing the account (DELETE /api/v1/me) must not leak into the next
        // row. Resident B's fixed row above is the one whose data must never reach resident A.
        const resident = await createTestResident(platform, label === 'resident B' ? 'B' : 'A')
        return sessionCaller(platform, { kind: 'resident', residentId: resident.id }, label)
      },
      foreign,
    })
  }
  const officials: Array<[string, string, OfficialRole[]]> = [
    ['officer of X', agencyX, ['officer']],
    ['officer of Y', agencyY, ['officer']],
    ['agency admin of X', agencyX, ['agency_admin']],
    ['alert operator of X', agencyX, ['alert_operator']],
    ['leader of X', agencyX, ['leader']],
    ['system admin', agencyX, ['system_admin']],
  ]
  for (const [label, agencyId, roles] of officials) {
    const official = await createTestOfficial(platform, {
      agencyId,
      roles,
      label: label.replaceAll(' ', '-'),
    })
    callers.push({
      label,
      principal: { kind: 'official', officialId: official.id, agencyId, roles, wardCodes: [], session },
      make: () => sessionCaller(platform, { kind: 'official', officialId: official.id }, label),
      // The system admin sees every agency by design; residents' ids never appear in lists for anyone.
      foreign:
        label === 'system admin' ? [residentB.claims.nationalId] : agencyId === agencyX ? foreignToX : [],
    })
  }
  const keyAll = await apiKeyCaller(platform, agencyX, [...API_SCOPES], 'key with every scope')
  const keyNone = await apiKeyCaller(platform, agencyX, [], 'key without scopes')
  for (const [label, key, scopes] of [
    ['API key with every scope', keyAll, [...API_SCOPES]],
    ['API key without scopes', keyNone, []],
  ] as const) {
    callers.push({
      label,
      principal: { kind: 'apiKey', keyId: key.keyId, agencyId: agencyX, scopes, rateLimitPerMinute: 10_000 },
      make: async () => key,
      foreign: foreignToX,
    })
  }
})
afterAll(() => app?.close())

/** A concrete URL for a route pattern: tile coordinates 0, every other parameter a random UUID. */
function concreteUrl(pattern: string): string {
  return pattern
    .replace(/:(z|x|y)\b/g, '0')
    .replace(/:[A-Za-z0-9_]+/g, () => randomUUID())
    .replace(/\*$/, 'x')
}

/** The problem code of an answer (HEAD answers have no body: the status decides). */
function problemCode(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  // Open311 answers its own error list ([{code, description}] / <errors>): the status says which denial.
  const open311Error =
    /^\[\{"code":(401|403),/.test(response.body) || /^<\?xml[^>]*>\s*<errors>/.test(response.body)
  if ((response.statusCode === 401 || response.statusCode === 403) && open311Error) {
    return response.statusCode === 401 ? 'unauthenticated' : 'forbidden'
  }
  if (!String(response.headers['content-type'] ?? '').includes('problem+json')) return undefined
  if (response.body === '')
    return response.statusCode === 401
      ? 'unauthenticated'
      : response.statusCode === 403
        ? 'forbidden'
        : 'other'
  return (JSON.parse(response.body) as { code?: string }).code
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const DENIAL_CODES = new Set(['unauthenticated', 'forbidden', 'csrf_failed'])

function matrixRoutes(): RouteAccess[] {
  return app.routeAccess.filter((route) => route.method !== 'OPTIONS')
}

describe('authorization matrix (every route × every caller)', () => {
  it('has routes and callers to check', () => {
    expect(matrixRoutes().length).toBeGreaterThan(30)
    expect(callers.length).toBe(11)
  })

  it('enforces each route’s declared policy for every caller, and leaks nothing foreign', async () => {
    const failures: string[] = []
    for (const route of matrixRoutes()) {
      for (const caller of callers) {
        const expected = decide(route.access, caller.principal)
        const { headers } = await caller.make()
        const response = await app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: UNSAFE.has(route.method) ? { ...headers, 'content-type': 'application/json' } : headers,
          ...(UNSAFE.has(route.method) ? { payload: '{}' } : {}),
        })
        const code = problemCode(response)
        const where = `${route.method} ${route.url} as ${caller.label}`
        if (expected === 'allow') {
          if (DENIAL_CODES.has(code ?? ''))
            failures.push(`${where}: expected allowed, got ${response.statusCode} ${code}`)
          if (response.statusCode === 500) failures.push(`${where}: 500`)
          for (const secret of caller.foreign) {
            if (response.body.includes(secret)) failures.push(`${where}: answer contains ${secret}`)
          }
        } else {
          const wanted = expected === 'unauthenticated' ? 401 : 403
          if (response.statusCode !== wanted || code !== expected) {
            failures.push(`${where}: expected ${wanted} ${expected}, got ${response.statusCode} ${code}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
  }, 300_000)

  it('refuses cookie-authenticated writes without the CSRF token on every guarded route', async () => {
    const failures: string[] = []
    const sessionCallers = callers.filter(
      (c) => c.principal.kind === 'resident' || c.principal.kind === 'official',
    )
    for (const route of matrixRoutes().filter((r) => UNSAFE.has(r.method) && !r.access.public)) {
      for (const caller of sessionCallers) {
        if (decide(route.access, caller.principal) !== 'allow') continue
        const { headers } = await caller.make()
        const response = await app.inject({
          method: route.method as 'POST',
          url: concreteUrl(route.url),
          headers: {
            cookie: headers.cookie as string,
            'content-type': 'application/json',
            'x-csrf-token': 'forged',
          },
          payload: '{}',
        })
        if (response.statusCode !== 403 || problemCode(response) !== 'csrf_failed') {
          failures.push(
            `${route.method} ${route.url} as ${caller.label}: ${response.statusCode} ${problemCode(response)}`,
          )
        }
      }
    }
    expect(failures).toEqual([])
  }, 300_000)
})

describe('declared policies follow the house rules', () => {
  const admits = (rule: Access, principal: Principal) => decide(rule, principal) === 'allow'
  const resident: Principal = { kind: 'resident', residentId: 'x', session }

  it('console routes admit officials only; /api/v1/me admits residents only', () => {
    for (const route of matrixRoutes()) {
      if (route.url.startsWith('/api/v1/console')) {
        expect(route.access.public, route.url).toBeFalsy()
        expect(admits(route.access, resident), route.url).toBe(false)
      }
      if (route.url.startsWith('/api/v1/me')) {
        expect(admits(route.access, resident), route.url).toBe(true)
        expect(route.access.public || (route.access.officials?.length ?? 0) > 0, route.url).toBeFalsy()
      }
    }
  })

  it('the only public writes are the sign-in steps', () => {
    const publicWrites = matrixRoutes()
      .filter((route) => UNSAFE.has(route.method) && route.access.public)
      .map((route) => `${route.method} ${route.url}`)
    for (const write of publicWrites) expect(write).toMatch(/ \/api\/v1\/auth\/official\/(sign-in|totp)/)
  })

  it('a route without a declared policy stops the app from starting', async () => {
    const { app: broken } = await testAppAndPlatform((instance) => {
      instance.get('/test/undeclared', async () => 'open')
    }).catch((error: Error) => ({ app: undefined, error }))
    expect(broken).toBeUndefined()
  })
})
