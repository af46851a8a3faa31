import type { FastifyInstance, onResponseHookHandler } from 'fastify'
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client'

/**
 * Prometheus metrics for one app instance. A registry per instance (not prom-client's global) so
 * several apps in one process (tests) do not collide.
 */
export function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'dc_' })
  const httpDuration = new Histogram({
    name: 'dc_http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  return { registry, httpDuration }
}

export type Metrics = ReturnType<typeof createMetrics>

const OBSERVES = Symbol('dc.metrics.observes')

/**
 * Times every request by its route template (never the raw URL: ids would explode the label set).
 * Each route gets its own hook with its template captured at registration: reading
 * request.routeOptions builds a new frozen object per request, which the bench showed.
 */
export function instrument(app: FastifyInstance, metrics: Metrics) {
  app.addHook('onRoute', (route) => {
    const hooks = [route.onResponse ?? []].flat()
    // An automatic HEAD route copies its GET route's hooks: do not time it twice.
    if (hooks.some((hook) => OBSERVES in hook)) return
    const observe: onResponseHookHandler = (request, reply, done) => {
      metrics.httpDuration.observe(
        { method: request.method, route: route.url, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      )
      done()
    }
    route.onResponse = [...hooks, Object.assign(observe, { [OBSERVES]: true })]
  })
  // Requests no route matched (the not-found handler) run only the global hooks.
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) {
      metrics.httpDuration.observe(
        { method: request.method, route: 'unmatched', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      )
    }
    done()
  })
}
