import { API_SCOPE_NAMES, type ApiScopeName } from '@dc/contracts'
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
  RouteOptions,
} from 'fastify'
import { AppError } from '../errors.ts'

/**
 * Authorization: one policy layer every route declares. A route says who may call it
 * (`config: { access: … }`), this file enforces it before validation or the handler run, and a
 * route without a declaration stops the server from starting. What an allowed caller may see
 * (their own records, their agency's queue) is the handler's job, with the principal given here.
 */

export const OFFICIAL_ROLES = ['officer', 'agency_admin', 'alert_operator', 'leader', 'system_admin'] as const
export type OfficialRole = (typeof OFFICIAL_ROLES)[number]

/** What an API key may be allowed to do (the list lives in the contracts: the console shows it). */
export const API_SCOPES = API_SCOPE_NAMES
export type ApiScope = ApiScopeName

export type Access =
  | { readonly public: true }
  | {
      readonly public?: false
      readonly resident?: boolean
      readonly officials?: readonly OfficialRole[]
      /** Keys holding every listed scope are admitted; an empty list admits any valid key. */
      readonly apiKeyScopes?: readonly ApiScope[]
    }

type Guarded = Exclude<Access, { public: true }>

export const access = {
  public: (): Access => ({ public: true }),
  resident: (): Access => ({ resident: true }),
  official: (...roles: OfficialRole[]): Access => ({ officials: roles.length ? roles : [...OFFICIAL_ROLES] }),
  apiKey: (...scopes: ApiScope[]): Access => ({ apiKeyScopes: scopes }),
  /** Admitted when any of the parts admits. */
  anyOf: (...parts: Access[]): Access => {
    const guarded = parts.filter((part): part is Guarded => !part.public)
    if (guarded.length !== parts.length) return { public: true }
    const officials = [...new Set(guarded.flatMap((part) => part.officials ?? []))]
    const scopes = guarded.find((part) => part.apiKeyScopes)?.apiKeyScopes
    return {
      resident: guarded.some((part) => part.resident),
      ...(officials.length ? { officials } : {}),
      ...(scopes ? { apiKeyScopes: scopes } : {}),
    }
  },
}

export interface SessionRef {
  id: string
  csrfToken: string
}

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'resident'; residentId: string; session: SessionRef }
  | {
      kind: 'official'
      officialId: string
      agencyId: string
      roles: readonly OfficialRole[]
      /** Empty: the whole agency. */
      wardCodes: readonly string[]
      session: SessionRef
    }
  | { kind: 'apiKey'; keyId: string; agencyId: string; scopes: readonly string[]; rateLimitPerMinute: number }

export const ANONYMOUS: Principal = { kind: 'anonymous' }

export type Decision = 'allow' | 'unauthenticated' | 'forbidden'

/** Pure: may this principal call a route with this access? */
export function decide(rule: Access, principal: Principal): Decision {
  if (rule.public) return 'allow'
  switch (principal.kind) {
    case 'anonymous':
      return 'unauthenticated'
    case 'resident':
      return rule.resident ? 'allow' : 'forbidden'
    case 'official':
      return rule.officials?.some((role) => principal.roles.includes(role)) ? 'allow' : 'forbidden'
    case 'apiKey':
      return rule.apiKeyScopes?.every((scope) => principal.scopes.includes(scope)) ? 'allow' : 'forbidden'
  }
}

/** Resolves who is calling (session cookie, API key); throws AppError for a bad API key. */
export type Authenticate = (request: FastifyRequest, reply: FastifyReply | undefined) => Promise<Principal>

export interface RouteAccess {
  method: string
  url: string
  access: Access
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyRequest {
    /**
     * The caller; resolved before the handler on guarded routes, on demand on public ones. Pass the
     * reply where a stale session cookie should be cleared (the first call decides; memoised).
     */
    principal(reply?: FastifyReply): Promise<Principal>
    /** @internal the memoised principal (see registerAccessControl) */
    principalPromise: Promise<Principal> | null
  }
  interface FastifyInstance {
    /** Every route with its declared access (the authorization-matrix test reads it). */
    readonly routeAccess: readonly RouteAccess[]
  }
}

const GUARDS = Symbol('dc.access.guards')
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const CSRF_HEADER = 'x-csrf-token'

/**
 * Installs the policy layer on the root instance. Must run before any route is registered.
 * Cookie-authenticated writes must carry the session's CSRF token in X-CSRF-Token.
 */
export function registerAccessControl(app: FastifyInstance, authenticate: Authenticate): void {
  const routes: RouteOptions[] = []
  app.decorate('routeAccess', {
    getter: () =>
      routes.flatMap((route) =>
        [route.method]
          .flat()
          .map((method) => ({ method, url: route.url, access: route.config?.access as Access })),
      ),
  })
  app.addHook('onRoute', (route) => {
    routes.push(route)
    // Guarded routes get their own onRequest hook (after the global ones, so cookies are parsed);
    // public routes get none: a global hook reading request.routeOptions on every request cost a
    // third of the throughput of a public read (measured with npm run bench -- geo-locate-http).
    const rule = route.config?.access
    const hooks = [route.onRequest ?? []].flat()
    // An automatic HEAD route copies its GET route's hooks: one check is enough.
    if (rule && !rule.public && !hooks.some((hook) => GUARDS in hook)) {
      const guard: onRequestHookHandler = (request, reply, done) => {
        enforce(rule, request, reply).then(() => done(), done)
      }
      route.onRequest = [...hooks, Object.assign(guard, { [GUARDS]: true })]
    }
  })
  app.addHook('onReady', async () => {
    const undeclared = routes.filter((route) => !route.config?.access)
    if (undeclared.length > 0) {
      const list = undeclared.map((route) => `${[route.method].flat().join(',')} ${route.url}`).join('; ')
      throw new Error(`routes without a declared access policy (config.access): ${list}`)
    }
  })

  // The memoised principal lives on the request (a null-initialised decorator keeps one object
  // shape); a WeakMap keyed by short-lived requests was measured to cost far more.
  app.decorateRequest('principalPromise', null)
  app.decorateRequest('principal', function (this: FastifyRequest, reply?: FastifyReply) {
    this.principalPromise ??= authenticate(this, reply)
    return this.principalPromise
  })
}

async function enforce(rule: Access, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const principal = await request.principal(reply)
  const decision = decide(rule, principal)
  if (decision === 'unauthenticated') throw new AppError('unauthenticated')
  if (decision === 'forbidden') throw new AppError('forbidden')
  if (
    (principal.kind === 'resident' || principal.kind === 'official') &&
    UNSAFE_METHODS.has(request.method) &&
    request.headers[CSRF_HEADER] !== principal.session.csrfToken
  ) {
    throw new AppError('csrf_failed')
  }
}

/**
 * Declares every route in `plugin` that does not declare its own access public: for modules whose
 * routes are all public reads (tiles, OGC API, documentation, static files). Only public: a guarded
 * rule must be declared on the route, where the policy layer attaches its check.
 */
export function publicRoutes(plugin: FastifyPluginAsync): FastifyPluginAsync {
  return async (scope) => {
    scope.addHook('onRoute', (route) => {
      if (!route.config?.access) route.config = { ...route.config, access: { public: true } }
    })
    await scope.register(plugin)
  }
}
