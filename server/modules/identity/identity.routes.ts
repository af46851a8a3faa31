import type { FastifyPluginAsync } from 'fastify'
import type { Platform } from '../../core/platform.ts'
import { agencyRoutes } from './agencies/agency.routes.ts'
import { apiKeyRoutes } from './api-key.routes.ts'
import { officialAdminRoutes } from './officials/official-admin.routes.ts'
import { officialAuthRoutes } from './officials/official-auth.routes.ts'
import { officialOidcRoutes } from './officials/official-oidc.routes.ts'
import { meRoutes } from './privacy/me.routes.ts'
import { residentLookupRoutes } from './privacy/resident-lookup.routes.ts'
import { residentAuthRoutes } from './residents/resident-auth.routes.ts'
import { sessionRoutes } from './session.routes.ts'

/** Every identity route: sessions, resident e-ID sign-in, officials, API keys, personal data. */
export function identityRoutes(platform: Platform): FastifyPluginAsync {
  return async (app) => {
    await app.register(sessionRoutes(platform))
    await app.register(residentAuthRoutes(platform))
    await app.register(meRoutes(platform))
    await app.register(residentLookupRoutes(platform))
    await app.register(agencyRoutes(platform))
    await app.register(officialAuthRoutes(platform))
    await app.register(officialOidcRoutes(platform))
    await app.register(officialAdminRoutes(platform))
    await app.register(apiKeyRoutes(platform))
  }
}
