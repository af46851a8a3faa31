import autocannon from 'autocannon'
import type { BenchConfig } from './config.ts'
import { BenchFailure } from './errors.ts'
import { LatencyRecorder } from './latency.ts'
import type { Figure } from './types.ts'

/** One request to send: its own path, headers and body (e.g. a fresh Idempotency-Key). */
export interface RequestSpec {
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface HttpTarget {
  /** Base URL of the server under test, e.g. from startServer(). */
  url: string
  /** Path for every request; ignored when `nextPath` or `nextRequest` is given. */
  path?: string
  /** Called per request, e.g. to pick a random id so caches and a single hot row don't flatter us. */
  nextPath?: () => string
  /**
   * How many distinct paths to draw from nextPath up front. autocannon then cycles through them as
   * prebuilt requests, so the client spends no time per request building one (setupRequest costs
   * the load generator enough to halve a fast server's figure, which would blame the server). The
   * default, 0, calls nextPath for every request.
   */
  pathPool?: number
  /**
   * Called for every request, the probe included, for requests that differ in headers and body,
   * not only in path (writes must not repeat a key or a row). Its headers are added to `headers`;
   * its body replaces `body`. Costs the load generator a little per request, as nextPath without
   * a pool does.
   */
  nextRequest?: () => RequestSpec
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  headers?: Record<string, string>
  body?: string
  /** Optional check of one response body before loading, so a wrong route can't pass as fast. */
  expectBody?: (body: unknown) => boolean
}

export interface HttpMeasurement extends Figure {
  unit: 'req/s'
  latency: { p50: number; p99: number }
  details: {
    requests: number
    durationSec: number
    connections: number
    non2xx: number
    errors: number
    timeouts: number
  }
}

/**
 * Measures one endpoint: a sanity request, a discarded warm-up (JIT, connection pools, plan
 * caches), then the measured run. Any error or non-2xx answer fails the scenario, because the
 * rate of fast 404s or refused connections is not the figure we want to report.
 */
export async function measureHttp(config: BenchConfig, target: HttpTarget): Promise<HttpMeasurement> {
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

/** The next request as the target describes it: built per call by nextRequest or nextPath. */
function nextRequestOf(target: HttpTarget): RequestSpec {
  if (target.nextRequest) {
    const next = target.nextRequest()
    return {
      path: next.path,
      headers: { ...target.headers, ...next.headers },
      body: next.body ?? target.body,
    }
  }
  const path = target.nextPath ? target.nextPath() : (target.path ?? '/')
  return { path, headers: target.headers, body: target.body }
}

async function probe(target: HttpTarget): Promise<void> {
  const { path, headers, body } = nextRequestOf(target)
  const init: RequestInit = { method: target.method ?? 'GET' }
  if (headers) init.headers = headers
  if (body !== undefined) init.body = body
  const res = await fetch(new URL(path, target.url), init)
  const text = await res.text()
  if (!res.ok) {
    throw new BenchFailure(`probe ${init.method} ${path} answered ${res.status}: ${text.slice(0, 300)}`)
  }
  if (target.expectBody && !target.expectBody(parseJson(text))) {
    throw new BenchFailure(`probe ${init.method} ${path} answered an unexpected body: ${text.slice(0, 300)}`)
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

async function load(
  config: BenchConfig,
  target: HttpTarget,
  durationSec: number,
  phase: string,
  latencies?: LatencyRecorder,
): Promise<autocannon.Result> {
  let requests: autocannon.Request[] = [{ path: target.path ?? '/' }]
  if (target.nextRequest) {
    requests = [
      {
        setupRequest: (req) => {
          const next = nextRequestOf(target)
          return { ...req, path: next.path, headers: next.headers ?? {}, body: next.body ?? '' }
        },
      },
    ]
  } else if (target.nextPath && target.pathPool) {
    requests = Array.from({ length: target.pathPool }, () => ({ path: (target.nextPath as () => string)() }))
  } else if (target.nextPath) {
    const nextPath = target.nextPath
    requests = [{ path: target.path ?? '/', setupRequest: (req) => ({ ...req, path: nextPath() }) }]
  }
  const options: autocannon.Options = {
    url: target.url,
    method: target.method ?? 'GET',
    connections: config.connections,
    duration: durationSec,
    requests,
  }
  if (target.headers) options.headers = target.headers
  if (target.body !== undefined) options.body = target.body
  // The first non-2xx status, so a failed run says what the server answered (409? 422? 500?).
  let firstBadStatus: number | undefined
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)))
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies?.record(ms)
      if ((status < 200 || status > 299) && firstBadStatus === undefined) firstBadStatus = status
    })
  })
  if (result.errors > 0 || result.non2xx > 0 || result.requests.total === 0) {
    throw new BenchFailure(
      `${phase} against ${target.url}: ${result.errors} errors (${result.timeouts} timeouts), ` +
        `${result.non2xx} non-2xx of ${result.requests.total} requests` +
        `${firstBadStatus === undefined ? '' : ` (first: ${firstBadStatus})`}; no figure reported`,
    )
  }
  return result
}
