import { randomUUID } from 'node:crypto'
import { Problem } from '@dc/contracts'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import Type from 'typebox'
import { clientErrorHandler } from './core/http/client-errors.ts'
import { createMetrics, instrument } from './core/http/metrics.ts'
import { registerOpenApi } from './core/http/openapi.ts'
import { buildProblem, problemFor, sendProblem } from './core/http/problem.ts'
import { appPageFor, registerWeb } from './core/http/web.ts'
import type { Platform } from './core/platform.ts'
import { systemRoutes } from './core/system/system.routes.ts'
import { geoRoutes } from './modules/geo/geo.routes.ts'
import { ogcRoutes } from './modules/geo/ogc/ogc.routes.ts'
import { tileRoutes } from './modules/geo/tiles/tile.routes.ts'

/** Client-supplied request ids are kept only when they are short and plain (they end up in logs). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/

/** Error responses every route can give; documented on each route unless it says otherwise. */
const COMMON_ERROR_STATUSES = [400, 404, 413, 415, 429, 500, 503] as const

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

  app.addSchema(Problem)
  const problemRef = Type.Ref('Problem')
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return
    const response = (route.schema.response ?? {}) as Record<string | number, unknown>
    for (const status of COMMON_ERROR_STATUSES) {
      if (!(status in response)) response[status] = problemRef
    }
    route.schema.response = response
  })

  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
    if (closing) {
      // Draining: tell the client (and the load balancer) to go elsewhere; in-flight work finishes.
      return sendProblem(reply, buildProblem(request, 'service_unavailable'), {
        connection: 'close',
        'retry-after': '5',
      })
    }
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
    if (page) return reply.header('cache-control', 'no-cache').sendFile(page)
    return sendProblem(reply, buildProblem(request, 'not_found'))
  })

  const metrics = createMetrics()
  instrument(app, metrics)
  await registerOpenApi(app, platform.version)
  await app.register(systemRoutes(platform, metrics))
  // Module routes: one line each.
  await app.register(geoRoutes(platform.services.geo))
  await app.register(tileRoutes(platform))
  await app.register(ogcRoutes(platform))
  if (options.serveWeb ?? true) webServed = await registerWeb(app, config.webDist)
  return app
}

export function loggerOptions(level: string) {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  }
}

function isLogger(value: unknown): value is FastifyBaseLogger {
  return (
    typeof value === 'object' && value !== null && typeof (value as { child?: unknown }).child === 'function'
  )
}
