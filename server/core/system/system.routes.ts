import { Health, ProblemProperties, Ready, SystemInfo } from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { countWards } from '../../modules/geo/geo.repository.ts'
import { HCMC_PROVINCE_CODE } from '../../modules/geo/ward.seed.ts'
import { migrationsApplied } from '../db/migrate.ts'
import type { Metrics } from '../http/metrics.ts'
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../http/problem.ts'
import type { Platform } from '../platform.ts'
import { seedsLoaded } from '../seed.ts'
import { formatInstantHcm } from '../time.ts'

const NotReady = Type.Object({ ...ProblemProperties, checks: Ready.properties.checks })

/** Liveness, readiness, metrics and platform facts. Thin: each asks one function and maps its answer. */
export function systemRoutes(platform: Platform, metrics: Metrics): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['system'],
          summary: 'Liveness: the process is up and serving',
          response: { 200: Health },
        },
      },
      async () => ({ status: 'ok' as const }),
    )

    app.get(
      '/ready',
      {
        schema: {
          tags: ['system'],
          summary: 'Readiness: database reachable, migrations applied, seed data loaded',
          response: { 200: Ready, 503: NotReady },
        },
      },
      async (request, reply) => {
        const database = await platform.database.ping()
        const checks = {
          database,
          migrations: database && (await migrationsApplied(platform.database)),
          seed: database && (await seedsLoaded(platform.database, platform.seedNames)),
          accepting: !platform.lifecycle.draining,
        }
        if (checks.database && checks.migrations && checks.seed && checks.accepting)
          return { status: 'ready' as const, checks }
        return reply
          .code(503)
          .type(PROBLEM_CONTENT_TYPE)
          .send({ ...buildProblem(request, checks.accepting ? 'not_ready' : 'service_unavailable'), checks })
      },
    )

    app.get(
      '/metrics',
      {
        schema: {
          tags: ['system'],
          summary: 'Prometheus metrics (text exposition format)',
          produces: ['text/plain'],
          response: { 200: Type.String() },
        },
      },
      async (_request, reply) => {
        reply.type(metrics.registry.contentType)
        return metrics.registry.metrics()
      },
    )

    app.get(
      '/api/v1/system/info',
      {
        schema: {
          tags: ['system'],
          summary: 'Platform facts: version, engine, roles, loaded administrative units',
          response: { 200: SystemInfo },
        },
      },
      async () => {
        const counts = await countWards(platform.database.db)
        return {
          name: 'Digital Citizen',
          version: platform.version,
          engine: platform.database.engine,
          roles: platform.config.roles,
          timeZone: 'Asia/Ho_Chi_Minh' as const,
          serverTime: formatInstantHcm(new Date()),
          city: {
            code: HCMC_PROVINCE_CODE,
            name: 'Thành phố Hồ Chí Minh',
            wardCount: counts.wards,
            oldWardCount: counts.oldWards,
          },
        }
      },
    )
  }
}
