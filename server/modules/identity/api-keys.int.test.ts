import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Caller, createTestOfficial, sessionCaller } from '../../../tests/support/principals.ts'
import { testAppAndPlatform } from '../../../tests/support/test-platform.ts'
import type { OfficialRole } from '../../core/http/access.ts'
import type { Platform } from '../../core/platform.ts'

let app: FastifyInstance
let platform: Platform
beforeAll(async () => {
  ;({ app, platform } = await testAppAndPlatform())
})
afterAll(() => app?.close())

const unique = () => randomUUID().slice(0, 8)

async function agency(parent: string | null = null) {
  const id = `test-k-${unique()}`
  await platform.database.db
    .insertInto('identity.agencies')
    .values({
      id,
      parent_id: parent,
      kind: parent ? 'service_unit' : 'department',
      name: `Cơ quan ${id}`,
      name_en: `Agency ${id}`,
      ward_code: null,
      search_text: id,
    })
    .execute()
  await platform.services.identity.agencies.reload()
  return id
}

async function admin(agencyId: string, roles: OfficialRole[] = ['agency_admin']) {
  const official = await createTestOfficial(platform, { agencyId, roles, label: 'keys' })
  return sessionCaller(platform, { kind: 'official', officialId: official.id }, 'admin')
}

const send = (who: Caller, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) })

async function issue(who: Caller, agencyId: string, extra: object = {}) {
  const response = await send(who, 'POST', '/api/v1/console/api-keys', {
    name: `Cổng cảm biến ${unique()}`,
    agencyId,
    scopes: ['geo:import'],
    ...extra,
  })
  expect(response.statusCode).toBe(201)
  return response.json() as {
    key: string
    apiKey: { id: string; prefix: string; rateLimitPerMinute: number }
  }
}

const asKey = (key: string) =>
  app.inject({ url: '/api/v1/auth/api-key', headers: { authorization: `Bearer ${key}` } })

describe('API keys', () => {
  it('are issued once, describe themselves, and list without the secret', async () => {
    const x = await agency()
    const who = await admin(x)
    const issued = await issue(who, x, { rateLimitPerMinute: 120 })
    expect(issued.key).toMatch(new RegExp(`^dc_${issued.apiKey.prefix}_`))
    const self = await asKey(issued.key)
    expect(self.statusCode).toBe(200)
    expect(self.json()).toMatchObject({
      id: issued.apiKey.id,
      agencyId: x,
      scopes: ['geo:import'],
      rateLimitPerMinute: 120,
    })
    const list = await send(who, 'GET', '/api/v1/console/api-keys')
    expect(list.json().apiKeys.map((k: { id: string }) => k.id)).toContain(issued.apiKey.id)
    // dc_<prefix>_<secret>: the secret is base64url and may itself contain '_'.
    const secret = issued.key.split('_').slice(2).join('_')
    expect(secret.length).toBeGreaterThan(20)
    expect(JSON.stringify(list.json())).not.toContain(secret)
    expect(JSON.stringify(list.json())).not.toMatch(/secret_?hash/i)
    // Default limit, unknown scopes refused.
    expect((await issue(who, x)).apiKey.rateLimitPerMinute).toBe(600)
    const badScope = await send(who, 'POST', '/api/v1/console/api-keys', {
      name: 'x',
      agencyId: x,
      scopes: ['nope:x'],
    })
    expect(badScope.statusCode).toBe(400)
    expect(badScope.json().errors[0].pointer).toBe('/scopes/0')
  })

  it('a revoked key is refused on its very next request', async () => {
    const x = await agency()
    const who = await admin(x)
    const { key, apiKey } = await issue(who, x)
    expect((await asKey(key)).statusCode).toBe(200)
    expect((await send(who, 'DELETE', `/api/v1/console/api-keys/${apiKey.id}`)).statusCode).toBe(204)
    const refused = await asKey(key)
    expect(refused.statusCode).toBe(401)
    expect(refused.json().code).toBe('invalid_api_key')
  })

  it('rotation: the old key stops at once, the new one works', async () => {
    const x = await agency()
    const who = await admin(x)
    const { key: oldKey, apiKey } = await issue(who, x)
    const rotated = await send(who, 'POST', `/api/v1/console/api-keys/${apiKey.id}/rotate`)
    expect(rotated.statusCode).toBe(200)
    const { key: newKey, apiKey: record } = rotated.json()
    expect(record.rotatedFrom).toBe(apiKey.id)
    expect((await asKey(oldKey)).json().code).toBe('invalid_api_key')
    expect((await asKey(newKey)).json().id).toBe(record.id)
  })

  it('rate limit per key: the 4th request of a key limited to 3 gets 429 problem+json; other keys are unaffected', async () => {
    const x = await agency()
    const who = await admin(x)
    const limited = await issue(who, x, { rateLimitPerMinute: 3 })
    const other = await issue(who, x, { rateLimitPerMinute: 3 })
    for (let i = 0; i < 3; i++) expect((await asKey(limited.key)).statusCode).toBe(200)
    const fourth = await asKey(limited.key)
    expect(fourth.statusCode).toBe(429)
    expect(fourth.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(fourth.json().code).toBe('rate_limited')
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(fourth.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect((await asKey(other.key)).statusCode).toBe(200)
    // Sessions are not limited by keys' counters.
    for (let i = 0; i < 5; i++)
      expect((await send(who, 'GET', '/api/v1/console/api-keys')).statusCode).toBe(200)
  })

  it('an agency admin manages its own subtree’s keys only', async () => {
    const x = await agency()
    const x1 = await agency(x)
    const y = await agency()
    const adminX = await admin(x)
    const adminY = await admin(y)
    const ownUnit = await issue(adminX, x1)
    const foreign = await issue(adminY, y)
    const listed = (await send(adminX, 'GET', '/api/v1/console/api-keys'))
      .json()
      .apiKeys.map((k: { id: string }) => k.id)
    expect(listed).toContain(ownUnit.apiKey.id)
    expect(listed).not.toContain(foreign.apiKey.id)
    expect((await send(adminX, 'GET', `/api/v1/console/api-keys?agencyId=${y}`)).statusCode).toBe(403)
    expect(
      (await send(adminX, 'POST', `/api/v1/console/api-keys/${foreign.apiKey.id}/rotate`)).statusCode,
    ).toBe(404)
    expect((await send(adminX, 'DELETE', `/api/v1/console/api-keys/${foreign.apiKey.id}`)).statusCode).toBe(
      404,
    )
    expect((await asKey(foreign.key)).statusCode).toBe(200)
    const createForeign = await send(adminX, 'POST', '/api/v1/console/api-keys', {
      name: 'x',
      agencyId: y,
      scopes: [],
    })
    expect(createForeign.statusCode).toBe(403)
    // A system admin sees both.
    const system = await admin(y, ['system_admin'])
    const all = (await send(system, 'GET', '/api/v1/console/api-keys'))
      .json()
      .apiKeys.map((k: { id: string }) => k.id)
    expect(all).toEqual(expect.arrayContaining([ownUnit.apiKey.id, foreign.apiKey.id]))
  })
})
