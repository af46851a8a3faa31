import SwaggerParser from '@apidevtools/swagger-parser'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, testEngine } from '../../../tests/support/test-platform.ts'

let app: FastifyInstance
beforeAll(async () => {
  app = await testApp()
})
afterAll(() => app.close())

describe('system routes', () => {
  it('/health answers ok', async () => {
    const response = await app.inject('/health')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
  })

  it('/ready checks the database, migrations and seed', async () => {
    const response = await app.inject('/ready')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      status: 'ready',
      checks: { database: true, migrations: true, seed: true, accepting: true },
    })
  })

  it('/ready is 503 problem+json when a seed it waits for is missing', async () => {
    const notReady = await testApp(undefined, { seedNames: ['geo.not-loaded'] })
    try {
      const response = await notReady.inject('/ready')
      expect(response.statusCode).toBe(503)
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(response.json()).toMatchObject({
        code: 'not_ready',
        checks: { database: true, migrations: true, seed: false, accepting: true },
      })
    } finally {
      await notReady.close()
    }
  })

  it('/ready is 503 while the instance drains before stopping', async () => {
    const draining = await testApp(undefined, { lifecycle: { draining: true } })
    try {
      const response = await draining.inject('/ready')
      expect(response.statusCode).toBe(503)
      expect(response.json()).toMatchObject({ code: 'service_unavailable', checks: { accepting: false } })
    } finally {
      await draining.close()
    }
  })

  it('/metrics exposes request timings by route template', async () => {
    await app.inject('/health')
    const response = await app.inject('/metrics')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/plain/)
    expect(response.body).toMatch(
      /dc_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+/,
    )
    expect(response.body).toContain('dc_process_cpu_seconds_total')
  })

  it('/metrics counts each request once, HEAD by its own method, and unmatched paths together', async () => {
    const count = async (pattern: RegExp) =>
      Number(pattern.exec((await app.inject('/metrics')).body)?.[1] ?? 0)
    const head = /dc_http_request_duration_seconds_count\{method="HEAD",route="\/health",status="200"\} (\d+)/
    const get = /dc_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} (\d+)/
    const unmatched =
      /dc_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} (\d+)/
    const [heads, gets, misses] = [await count(head), await count(get), await count(unmatched)]
    await app.inject({ method: 'HEAD', url: '/health' })
    await app.inject('/health')
    await app.inject('/no/such/path')
    expect(await count(head)).toBe(heads + 1)
    expect(await count(get)).toBe(gets + 1)
    expect(await count(unmatched)).toBe(misses + 1)
  })

  it('/api/v1/system/info reports the loaded city in the +07:00 zone', async () => {
    const response = await app.inject('/api/v1/system/info')
    expect(response.statusCode).toBe(200)
    const info = response.json()
    expect(info).toMatchObject({
      engine: testEngine(),
      timeZone: 'Asia/Ho_Chi_Minh',
      city: { code: '79', name: 'Thành phố Hồ Chí Minh', wardCount: 168, oldWardCount: 442 },
    })
    expect(info.serverTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/)
  })
})

describe('OpenAPI', () => {
  it('serves a valid OpenAPI 3.1 document with problem responses on every route', async () => {
    const response = await app.inject('/api/openapi.json')
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.openapi).toBe('3.1.0')
    await SwaggerParser.validate(structuredClone(document))
    expect(document.components.schemas.Problem).toBeDefined()
    const operations = Object.entries(document.paths as Record<string, Record<string, { responses: object }>>)
    expect(operations.length).toBeGreaterThan(0)
    for (const [path, methods] of operations) {
      for (const [method, operation] of Object.entries(methods)) {
        const responses = operation.responses as Record<string, { content?: Record<string, unknown> }>
        expect(responses['500'], `${method} ${path}`).toBeDefined()
        expect(responses['400'], `${method} ${path}`).toBeDefined()
      }
    }
  })

  it('serves the docs UI', async () => {
    const response = await app.inject('/api/docs/')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/text\/html/)
  })
})
