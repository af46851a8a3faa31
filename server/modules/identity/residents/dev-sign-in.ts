import type { Logger } from 'pino'
import type { Config } from '../../../config.ts'
import type { Identity } from '../identity.ts'
import { DEMO_RESIDENTS } from './demo-residents.ts'
import { type DevIdentityProvider, startDevIdentityProvider } from './dev-provider.ts'
import { CALLBACK_PATH } from './resident-auth.routes.ts'

/** Vite's dev server (npm run dev:web) proxies /auth to the platform, so its origin is a redirect target too. */
const VITE_DEV_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173']

/**
 * Development only (OIDC_ISSUER unset): starts the development e-ID provider once the platform
 * listens on `port`, registers every callback URL a browser may use, and points resident sign-in
 * at it.
 */
export async function startDevSignIn(
  config: Config,
  port: number,
  identity: Identity,
  logger: Pick<Logger, 'info' | 'warn'>,
): Promise<DevIdentityProvider | undefined> {
  try {
    return await start(config, port, identity, logger)
  } catch (error) {
    // A development convenience must not stop the platform: sign-in then answers sign_in_unavailable.
    logger.warn({ err: error }, 'development e-ID provider did not start: resident sign-in is unavailable')
    return undefined
  }
}

async function start(
  config: Config,
  port: number,
  identity: Identity,
  logger: Pick<Logger, 'info' | 'warn'>,
): Promise<DevIdentityProvider> {
  const origins = new Set<string>(VITE_DEV_ORIGINS)
  if (config.host === '0.0.0.0' || config.host === '::' || config.host === '') {
    origins.add(`http://127.0.0.1:${port}`)
    origins.add(`http://localhost:${port}`)
  } else {
    origins.add(`http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`)
    if (config.host === '127.0.0.1') origins.add(`http://localhost:${port}`)
  }
  if (config.publicBaseUrl) origins.add(config.publicBaseUrl.replace(/\/+$/, ''))
  const provider = await startDevIdentityProvider({
    port: config.identity.devOidcPort,
    host: config.host,
    clientId: config.identity.oidcClientId,
    redirectUris: [...origins].map((origin) => `${origin}${CALLBACK_PATH}`),
    fallbackToFreePort: true,
    env: config.env,
  })
  identity.residentSignIn.setProvider({
    issuer: provider.issuer,
    clientId: config.identity.oidcClientId,
    clientSecret: provider.clientSecret,
    allowInsecure: true,
  })
  logger.info(
    {
      issuer: provider.issuer,
      residents: DEMO_RESIDENTS.map(
        (resident) => `${resident.name} (CCCD ${resident.nationalId}, ${resident.acr})`,
      ),
    },
    'development e-ID provider started (OIDC_ISSUER unset): sign in as one of the demo residents',
  )
  return provider
}
