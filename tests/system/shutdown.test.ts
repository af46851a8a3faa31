import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'

interface Outcome {
  status?: number
  body?: string
  error?: string
  at: number
}

/** One request on its own connection; resolves once the request is fully written, and when it ends. */
function request(port: number, path: string) {
  let sent!: () => void
  const written = new Promise<void>((resolve) => {
    sent = resolve
  })
  const done = new Promise<Outcome>((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode, body, at: Date.now() }))
    })
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message, at: Date.now() }),
    )
    req.on('finish', sent)
    req.end()
  })
  return { written, done }
}

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.close())

describe('graceful shutdown', () => {
  it('answers every request that started before SIGTERM, then exits 0', async () => {
    const paths = ['/api/v1/system/info', '/health', '/api/openapi.json']
    const burst = Array.from({ length: 240 }, (_, i) =>
      request(server.port, paths[i % paths.length] as string),
    )
    // Every request is on the wire before the signal: each of them has "started".
    await Promise.all(burst.map((r) => r.written))
    await new Promise((resolve) => setTimeout(resolve, 20))
    const signalledAt = Date.now()
    const exit = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)))
    server.child.kill('SIGTERM')
    const outcomes = await Promise.all(burst.map((r) => r.done))

    const failures = outcomes.filter((o) => o.status !== 200)
    expect(failures, JSON.stringify(failures.slice(0, 3))).toEqual([])
    // The test only proves something if some answers came after the signal, i.e. were in flight.
    expect(outcomes.filter((o) => o.at >= signalledAt).length).toBeGreaterThan(0)

    // While draining, the instance still serves but tells the load balancer it is going away.
    const late = await request(server.port, '/ready').done
    if (late.status !== undefined) {
      expect(late.status).toBe(503)
      expect(JSON.parse(late.body as string).checks.accepting).toBe(false)
    } else {
      expect(late.error).toMatch(/ECONNREFUSED/)
    }

    expect(await exit).toBe(0)
    expect(server.output()).toContain('platform stopped')
    // Gone: nothing listens any more.
    expect((await request(server.port, '/health').done).error).toBe('ECONNREFUSED')
  })
})
