import { describe, expect, it } from 'vitest'
import { access, decide, type Principal } from './access.ts'

const session = { id: 's', csrfToken: 't' }
const resident: Principal = { kind: 'resident', residentId: 'r', session }
const officer: Principal = {
  kind: 'official',
  officialId: 'o',
  agencyId: 'a',
  roles: ['officer'],
  wardCodes: [],
  session,
}
const leader: Principal = { ...officer, roles: ['leader'] } as Principal
const key = (scopes: string[]): Principal => ({
  kind: 'apiKey',
  keyId: 'k',
  agencyId: 'a',
  scopes,
  rateLimitPerMinute: 1,
})

describe('decide', () => {
  it('public admits everyone, guarded routes refuse anonymous callers as unauthenticated', () => {
    expect(decide(access.public(), { kind: 'anonymous' })).toBe('allow')
    expect(decide(access.resident(), { kind: 'anonymous' })).toBe('unauthenticated')
    expect(decide(access.official(), { kind: 'anonymous' })).toBe('unauthenticated')
  })

  it('matches kinds, roles and scopes', () => {
    expect(decide(access.resident(), resident)).toBe('allow')
    expect(decide(access.resident(), officer)).toBe('forbidden')
    expect(decide(access.official(), officer)).toBe('allow')
    expect(decide(access.official('officer'), leader)).toBe('forbidden')
    expect(decide(access.official('officer'), resident)).toBe('forbidden')
    expect(decide(access.apiKey('geo:import'), key(['geo:import']))).toBe('allow')
    expect(decide(access.apiKey('geo:import'), key([]))).toBe('forbidden')
    expect(decide(access.apiKey(), key([]))).toBe('allow')
    expect(decide(access.official(), key(['geo:import']))).toBe('forbidden')
  })

  it('anyOf admits what any part admits and nothing more', () => {
    const rule = access.anyOf(access.resident(), access.official('leader'))
    expect(decide(rule, resident)).toBe('allow')
    expect(decide(rule, leader)).toBe('allow')
    expect(decide(rule, officer)).toBe('forbidden')
    expect(decide(rule, key(['geo:import']))).toBe('forbidden')
    expect(decide(access.anyOf(access.resident(), access.public()), { kind: 'anonymous' })).toBe('allow')
  })
})
