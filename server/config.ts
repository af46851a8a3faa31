import { resolve } from 'node:path'

export const ROLES = ['api', 'worker', 'ingest'] as const
export type Role = (typeof ROLES)[number]

/** Every setting of the platform, from the environment. The README's configuration table lists them. */
export interface Config {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  /** Which parts run in this process. `all` (the default) = api + worker + ingest. */
  roles: Role[]
  databaseUrl: string | undefined
  dataDir: string
  embeddedDbDir: string
  databasePoolMax: number
  seed: boolean
  logLevel: string
  bodyLimitBytes: number
  shutdownTimeoutMs: number
  /** After SIGTERM, keep serving this long (with /ready 503) before closing the listener. */
  shutdownDrainMs: number
  webDist: string
  trustProxy: boolean
  publicBaseUrl: string | undefined
  identity: IdentityConfig
}

/** Sign-in, sessions and personal-data protection (server/modules/identity). */
export interface IdentityConfig {
  /** The residents' e-ID provider. Unset: the development provider starts (never in production). */
  oidcIssuer: string | undefined
  oidcClientId: string
  oidcClientSecret: string | undefined
  /** Where the development e-ID provider listens (0 = any free port). */
  devOidcPort: number
  /**
   * The agencies' own OpenID Connect provider, for officials signing in without password + TOTP
   * (the provider does the second factor). Unset: that way of signing in is off.
   */
  officialOidcIssuer: string | undefined
  officialOidcClientId: string
  officialOidcClientSecret: string | undefined
  /** Base64 of 32 random bytes; wraps the data keys. Unset outside production: var/keys/master.key. */
  dataMasterKey: string | undefined
  /** Older master keys still accepted while `npm run keys:rotate` re-wraps the data keys. */
  dataMasterKeysPrevious: string[]
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
  /** Secure attribute on cookies; browsers accept it on http://localhost too. */
  cookieSecure: boolean
  /** Failed password attempts before an official's account locks (then doubling lock times). */
  lockoutThreshold: number
  lockoutBaseSeconds: number
  /** Days after a record closes before its personal data is anonymised. */
  retentionDays: number
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>

export function loadConfig(env: Env = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? 'var')
  return {
    env: oneOf(env, 'NODE_ENV', ['development', 'production', 'test'], 'development'),
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    roles: parseRoles(env.ROLE ?? 'all'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    embeddedDbDir: resolve(env.EMBEDDED_DB_DIR ?? resolve(dataDir, 'pglite')),
    databasePoolMax: integer(env, 'DATABASE_POOL_MAX', 10, 1, 500),
    seed: boolean(env, 'SEED', true),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 1_073_741_824),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 25_000, 0, 600_000),
    shutdownDrainMs: integer(env, 'SHUTDOWN_DRAIN_MS', 1_000, 0, 120_000),
    webDist: resolve(env.WEB_DIST ?? 'dist/web'),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    identity: {
      oidcIssuer: env.OIDC_ISSUER || undefined,
      oidcClientId: env.OIDC_CLIENT_ID || 'digital-citizen',
      oidcClientSecret: env.OIDC_CLIENT_SECRET || undefined,
      devOidcPort: integer(env, 'DEV_OIDC_PORT', 3010, 0, 65535),
      officialOidcIssuer: env.OFFICIAL_OIDC_ISSUER || undefined,
      officialOidcClientId: env.OFFICIAL_OIDC_CLIENT_ID || 'digital-citizen-console',
      officialOidcClientSecret: env.OFFICIAL_OIDC_CLIENT_SECRET || undefined,
      dataMasterKey: env.DATA_MASTER_KEY || undefined,
      dataMasterKeysPrevious: (env.DATA_MASTER_KEYS_PREVIOUS ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
      sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 7 * 24 * 60),
      sessionAbsoluteHours: integer(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 90),
      cookieSecure: boolean(env, 'COOKIE_SECURE', true),
      lockoutThreshold: integer(env, 'LOCKOUT_THRESHOLD', 5, 1, 100),
      lockoutBaseSeconds: integer(env, 'LOCKOUT_BASE_SECONDS', 60, 1, 86_400),
      retentionDays: integer(env, 'RETENTION_DAYS', 365, 0, 36_500),
    },
  }
}

export function parseRoles(value: string): Role[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  if (names.includes('all')) return [...ROLES]
  const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name))
  if (unknown.length > 0 || names.length === 0) {
    throw new ConfigError(`ROLE must be all or a comma-separated list of ${ROLES.join(', ')}; got "${value}"`)
  }
  return [...new Set(names)] as Role[]
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`)
  }
  return value
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${name} must be true or false; got "${env[name]}"`)
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}; got "${raw}"`)
  }
  return raw as T
}
