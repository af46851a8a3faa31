import autocannon from 'autocannon'
import type { BenchConfig } from './config.ts'
import { BenchFailure } from './errors.ts'
import type { HttpMeasurement } from './http.ts'
import { LatencyRecorder } from './latency.ts'

/** One request to send: its own path, headers and body (e.g. a fresh Idempotency-Key). */
export interface RequestSpec {
  path: string
  headers: Record<string, string>
  body?: string
}

export interface RequestsTarget {
  url: string
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET'
  /** Called for every request, the probe included: writes must not repeat a key or a row. */
  nextRequest: () => RequestSpec
  /** Check of the probe's body before loading, so a wrong route can't pass as fast. */
  expectBody?: (body: unknown) => boolean
}

/**
 * measureHttp (lib/http.ts) for requests that differ in headers and body, not only in path: each
 * request is built by `nextRequest`, which costs the load generator a little per request (as
 * measureHttp's nextPath without a pool does). Same rules: a probe (2xx, body check), a discarded
 * warm-up, the measured run with exact latencies, and any error or non-2xx answer fails the run.
 */
export async function measureHttpRequests(
  config: BenchConfig,
  target: RequestsTarget,
): Promise<HttpMeasurement> {
  await probe(target)
  await load(config, target, config.warmupSec, 'warm-up')
  const latencies = new LatencyRecorder()
  const result = await load(config, target, config.durationSec, 'measured run', latencies)
  const [p50 = Number.NaN, p99 = Number.NaN] = latencies.percentiles(50, 99)
  return {
    value: result.requests.average,
    unit: 'req/s',
    latency: { p50, p99 },
    details: {
      requests: result.requests.total,
      durationSec: result.duration,
      connections: result.connections,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    },
  }
}

async function probe(target: RequestsTarget): Promise<void> {
  const request = target.nextRequest()
  const init: RequestInit = { method: target.method, headers: request.headers }
  if (request.body !== undefined) init.body = request.body
  const res = await fetch(new URL(request.path, target.url), init)
  const text = await res.text()
  if (!res.ok) {
    throw new BenchFailure(
      `probe ${target.method} ${request.path} answered ${res.status}: ${text.slice(0, 300)}`,
    )
  }
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {}
  if (target.expectBody && !target.expectBody(body)) {
    throw new BenchFailure(
      `probe ${target.method} ${request.path} answered an unexpected body: ${text.slice(0, 300)}`,
    )
  }
}

async function load(
  config: BenchConfig,
  target: RequestsTarget,
  durationSec: number,
  phase: string,
  latencies?: LatencyRecorder,
): Promise<autocannon.Result> {
  const options: autocannon.Options = {
    url: target.url,
    method: target.method,
    connections: config.connections,
    duration: durationSec,
    requests: [
      {
        setupRequest: (req) => {
          const next = target.nextRequest()
          return { ...req, path: next.path, headers: next.headers, body: next.body ?? '' }
        },
      },
    ],
  }
  let firstBadAnswer: string | undefined
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)))
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies?.record(ms)
      if ((status < 200 || status > 299) && firstBadAnswer === undefined) firstBadAnswer = String(status)
    })
  })
  if (result.errors > 0 || result.non2xx > 0 || result.requests.total === 0) {
    throw new BenchFailure(
      `${phase} against ${target.url}: ${result.errors} errors (${result.timeouts} timeouts), ` +
        `${result.non2xx} non-2xx of ${result.requests.total} requests` +
        `${firstBadAnswer ? ` (first: ${firstBadAnswer})` : ''}; no figure reported`,
    )
  }
  return result
}
