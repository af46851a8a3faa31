import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { Problem } from '@dc/contracts'
import fastifyCookie from '@fastify/cookie'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { publicRoutes, registerAccessControl } from './core/http/access.ts'
import { clientErrorHandler } from './core/http/client-errors.ts'
import { createMetrics, instrument } from './core/http/metrics.ts'
import { registerOpenApi } from './core/http/openapi.ts'
import { buildProblem, problemFor, sendProblem } from './core/http/problem.ts'
import { appPageFor, registerWeb } from './core/http/web.ts'
import type { Platform } from './core/platform.ts'
import { systemRoutes } from './core/system/system.routes.ts'
import { feedbackConsoleRoutes } from './modules/feedback/console.routes.ts'
import { feedbackRoutes } from './modules/feedback/feedback.routes.ts'
import { open311Routes } from './modules/feedback/open311/open311.routes.ts'
import { geoRoutes } from './modules/geo/geo.routes.ts'
import { layerImportRoutes } from './modules/geo/layer-import.routes.ts'
import { ogcRoutes } from './modules/geo/ogc/ogc.routes.ts'
import { tileRoutes } from './modules/geo/tiles/tile.routes.ts'
import { registerApiKeyRateLimit } from './modules/identity/api-key-rate-limit.ts'
import { identityRoutes } from './modules/identity/identity.routes.ts'
import { inboxRoutes } from './modules/notify/inbox.routes.ts'

/** Client-supplied request ids are kept only when they are short and plain (they end up in logs). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/

export interface BuildAppOptions {
  /** The process's pino logger (main.ts), or a logger config / false (tests). */
  logger?: FastifyBaseLogger | FastifyServerOptions['logger']
  /** Serve the built web app from config.webDist (the api role does; tests of the API need not). */
  serveWeb?: boolean
}

/** The HTTP application: plugins, hooks, error mapping and every module's routes. */
export async function buildApp(platform: Platform, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = platform
  const logging = isLogger(options.logger)
    ? { loggerInstance: options.logger }
    : { logger: options.logger ?? loggerOptions(config.logLevel) }
  const app = Fastify({
    ...logging,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // We answer 503 ourselves while closing, as problem+json (see onRequest below).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    clientErrorHandler,
    genReqId: (request) => {
      const supplied = request.headers['x-request-id']
      return typeof supplied === 'string' && SAFE_REQUEST_ID.test(supplied) ? supplied : randomUUID()
    },
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true } },
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Cookies are parsed first (an onRequest hook), then the access policy runs; installed before any
  // route, since every route must declare its access policy (core/http/access.ts).
  await app.register(fastifyCookie)
  registerAccessControl(app, platform.services.identity.authenticate)
  await registerApiKeyRateLimit(app)

  // Shared by routes that declare a problem response; the common error responses of every route are
  // added to the OpenAPI document only (openapi.ts), not compiled into each route's serializers.
  app.addSchema(Problem)

  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  // Callback style, not async: this runs on every request and a promise per request shows in the bench.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    if (!closing) return done()
    // Draining: tell the client (and the load balancer) to go elsewhere; in-flight work finishes.
    sendProblem(reply, buildProblem(request, 'service_unavailable'), {
      connection: 'close',
      'retry-after': '5',
    })
  })

  app.setErrorHandler((error, request, reply) => {
    const { problem, headers } = problemFor(error as Error, request)
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ code: problem.code, status: problem.status }, 'request refused')
    return sendProblem(reply, problem, headers)
  })

  let webServed = false
  app.setNotFoundHandler((request, reply) => {
    const page = webServed ? appPageFor(request) : undefined
    if (page) {
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(createReadStream(join(config.webDist, page)))
    }
    return sendProblem(reply, buildProblem(request, 'not_found'))
  })

  const metrics = createMetrics()
  instrument(app, metrics)
  await registerOpenApi(app, platform.version)
  await app.register(publicRoutes(systemRoutes(platform, metrics)))
  // Module routes: one line each.
  await app.register(identityRoutes(platform))
  await app.register(geoRoutes(platform))
  await app.register(layerImportRoutes(platform))
  await app.register(publicRoutes(tileRoutes(platform)))
  await app.register(publicRoutes(ogcRoutes(platform)))
  await app.register(feedbackRoutes(platform))
  await app.register(feedbackConsoleRoutes(platform))
  await app.register(open311Routes(platform))
  await app.register(inboxRoutes(platform))
  if (options.serveWeb ?? true) webServed = await registerWeb(app, config.webDist)
  return app
}

/** Query parameters whose values never reach the logs: personal data and sign-in secrets. */
const SECRET_QUERY_PARAMETERS = /([?&](?:nationalId|phone|code|state|session_state|api_key)=)[^&#]*/gi

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMETERS, '$1[redacted]')
}

export function loggerOptions(level: string) {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req(request: { method: string; url: string; hostname?: string; ip?: string }) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          hostname: request.hostname,
          remoteAddress: request.ip,
        }
      },
    },
  }
}

function isLogger(value: unknown): value is FastifyBaseLogger {
  return (
    typeof value === 'object' && value !== null && typeof (value as { child?: unknown }).child === 'function'
  )
}
