import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../../tests/support/test-platform.ts'
import { access } from './access.ts'

/** A route with a real body schema, added only here, to exercise the shared error pipeline. */
const Echo = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 20 }),
  age: Type.Integer({ minimum: 0 }),
})

let app: FastifyInstance

beforeAll(async () => {
  app = await testApp((instance) => {
    instance.post(
      '/test/echo',
      { config: { access: access.public() }, schema: { body: Echo, response: { 200: Echo } } },
      async (request) => request.body,
    )
    instance.get('/test/boom', { config: { access: access.public() } }, async () => {
      throw new Error(
        'connection to 10.0.0.5 refused at Pool.connect (/srv/app/node_modules/pg/lib/pool.js:45)',
      )
    })
  })
})
afterAll(() => app.close())

function expectProblem(
  response: Awaited<ReturnType<FastifyInstance['inject']>>,
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status)
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = response.json()
  expect(body).toMatchObject({
    status,
    code,
    requestId: expect.any(String),
    type: expect.stringContaining('/problems/'),
  })
  expect(body.messages.vi.normalize('NFC')).toBe(body.messages.vi)
  expect(body.messages.vi).not.toBe(body.messages.en)
  expect(response.headers['x-request-id']).toBe(body.requestId)
  // Never internals: no stack frames, file paths, addresses or Fastify codes.
  expect(response.body).not.toMatch(/node_modules|\/srv\/|at [A-Za-z.]+ \(|FST_|10\.0\.0\.5|stack/)
  return body
}

describe('errors are RFC 9457 problem+json', () => {
  it('a request the HTTP parser cannot read (raw UTF-8 in the URL) → 400 problem+json, not plain JSON', async () => {
    const server = await testApp()
    await server.listen({ port: 0, host: '127.0.0.1' })
    try {
      const { port } = server.server.address() as AddressInfo
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(Buffer.from('GET /api/v1/geo/wards?q=Phú Cường HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8'))
        })
        let data = ''
        socket.on('data', (chunk) => {
          data += chunk
        })
        socket.on('close', () => resolve(data))
        socket.on('error', reject)
      })
      expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
      expect(raw).toContain('Content-Type: application/problem+json')
      const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))
      expect(body).toMatchObject({
        status: 400,
        code: 'malformed_request',
        title: 'Yêu cầu không đúng định dạng',
      })
      expect(body.messages.en).toContain('could not be read')
    } finally {
      await server.close()
    }
  })

  it('malformed JSON → 400 malformed_json', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "An",',
    })
    expectProblem(response, 400, 'malformed_json')
  })

  it('a wrong content type → 415', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<name>An</name>',
    })
    expectProblem(response, 415, 'unsupported_media_type')
  })

  it('an oversized body → 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), age: 1 }),
    })
    expectProblem(response, 413, 'payload_too_large')
  })

  it('an unknown route → 404 in Vietnamese by default', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/khong-co' })
    const body = expectProblem(response, 404, 'not_found')
    expect(body.title).toBe('Không tìm thấy')
    expect(response.headers['content-language']).toBe('vi')
  })

  it('a schema violation → 400 naming each field, in both languages', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9' },
      payload: { name: '', age: -3 },
    })
    const body = expectProblem(response, 400, 'validation_failed')
    expect(body.title).toBe('The data sent is not valid')
    expect(response.headers['content-language']).toBe('en')
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/name', message: { vi: 'Không được để trống.', en: 'Must not be empty.' } },
        { pointer: '/age', message: { vi: 'Phải lớn hơn hoặc bằng 0.', en: 'Must be at least 0.' } },
      ]),
    )
  })

  it('a missing required field is named by its pointer', async () => {
    const response = await app.inject({ method: 'POST', url: '/test/echo', payload: { name: 'Lan' } })
    const body = expectProblem(response, 400, 'validation_failed')
    expect(body.errors).toContainEqual({
      pointer: '/age',
      message: { vi: 'Mục này là bắt buộc.', en: 'This field is required.' },
    })
  })

  it('?lang=en chooses English', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere?lang=en' })
    expect(expectProblem(response, 404, 'not_found').title).toBe('Not found')
  })

  it('an unexpected failure → 500 with no internals, request id kept from the client', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/test/boom',
      headers: { 'x-request-id': 'client-req-12345' },
    })
    const body = expectProblem(response, 500, 'internal_error')
    expect(body.requestId).toBe('client-req-12345')
  })

  it('an unsafe client request id is replaced', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/x',
      headers: { 'x-request-id': 'a b<script>' },
    })
    expect(response.json().requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('valid input passes through', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { name: 'Nguyễn Văn An', age: 30 },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ name: 'Nguyễn Văn An', age: 30 })
  })
})
