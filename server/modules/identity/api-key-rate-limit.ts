import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../../core/errors.ts'
import { ANONYMOUS, type Principal } from '../../core/http/access.ts'
import { presentedApiKey } from './authenticator.ts'

/**
 * The caller, when it presents an API key. Requests without one are never resolved here, so public
 * reads (tiles) do not pay a session lookup for the limiter. A bad key is refused by the policy
 * layer on guarded routes; here it just means "not a key".
 */
const principalOf = async (request: FastifyRequest): Promise<Principal> =>
  presentedApiKey(request) === undefined ? ANONYMOUS : request.principal().catch(() => ANONYMOUS)

/**
 * Per-key rate limits: each API key may make its own rateLimitPerMinute requests a minute, then gets
 * 429 rate_limited (problem+json) with Retry-After. Residents, officials and anonymous callers are
 * not limited here. Runs as a preHandler, after the policy layer has resolved the principal.
 *
 * The counters live in this process's memory: with several API instances each counts on its own,
 * so a key can get up to N × its limit. Moving the store to Redis or PostgreSQL is the scale-out
 * issue's job (@fastify/rate-limit takes a `store`/`redis` option for that).
 *
 * Register right after registerAccessControl, before any route: the hook applies to routes added later.
 */
export async function registerApiKeyRateLimit(app: FastifyInstance): Promise<void> {
  // Only routes an API key may call carry the limiter (the plugin's own onRoute hook runs after this
  // one and reads config.rateLimit): public reads pay nothing for it.
  app.addHook('onRoute', (route) => {
    const rule = route.config?.access
    if (rule && !rule.public && rule.apiKeyScopes) route.config = { ...route.config, rateLimit: {} }
  })
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    timeWindow: 60_000,
    keyGenerator: async (request) => {
      const principal = await principalOf(request)
      return principal.kind === 'apiKey' ? `key:${principal.keyId}` : 'not-a-key'
    },
    allowList: async (request) => (await principalOf(request)).kind !== 'apiKey',
    max: async (request) => {
      const principal = await principalOf(request)
      return principal.kind === 'apiKey' ? principal.rateLimitPerMinute : Number.MAX_SAFE_INTEGER
    },
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', {
        headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
      }),
  })
}
