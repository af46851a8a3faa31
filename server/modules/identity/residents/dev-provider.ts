import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'
import Provider, { type Configuration, type ErrorOut, type KoaContextWithOIDC } from 'oidc-provider'
import { DEMO_RESIDENTS, type DemoResident, findDemoResident } from './demo-residents.ts'

/**
 * The development e-ID provider: a real OpenID Connect provider (oidc-provider, a certified
 * implementation) standing in for the national e-ID (VNeID) when OIDC_ISSUER is unset, so a
 * fresh checkout can sign residents in with no external account. It runs in-process on its own
 * HTTP port, keeps everything in memory (keys and client secret are new at every start) and
 * never runs in production.
 */

export interface DevIdentityProviderOptions {
  /** 0 = any free port. */
  port: number
  host?: string
  /** Where the platform's callback may be reached (every origin a browser may use). */
  redirectUris: string[]
  clientId: string
  /** Where the end of an RP-initiated logout may send the browser (default: each redirect URI's origin + '/'). */
  postLogoutRedirectUris?: string[]
  /** When the port is taken, take any free one instead of failing (two dev servers on one machine). */
  fallbackToFreePort?: boolean
  /** The platform's NODE_ENV; production refuses, as does process.env.NODE_ENV=production. */
  env?: string
}

export interface DevIdentityProvider {
  issuer: string
  clientSecret: string
  close(): Promise<void>
}

export class DevProviderRefused extends Error {}

/** Scopes the platform asks for and the claims each releases (the custom `national_id` included). */
export const DEV_PROVIDER_CLAIMS = {
  // acr with openid: the level of assurance is in every ID token, without an acr_values request.
  openid: ['sub', 'acr'],
  profile: ['name', 'birthdate'],
  phone: ['phone_number'],
  national_id: ['national_id'],
} as const

const ACR_VALUES = ['level1', 'level2']

export async function startDevIdentityProvider(
  options: DevIdentityProviderOptions,
): Promise<DevIdentityProvider> {
  if (options.env === 'production' || process.env.NODE_ENV === 'production') {
    throw new DevProviderRefused(
      'The development e-ID provider never runs in production: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET',
    )
  }
  const host = options.host ?? '127.0.0.1'
  const server = createServer()
  const port = await listen(server, options.port, host).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' && options.fallbackToFreePort && options.port !== 0) {
      return listen(server, 0, host)
    }
    throw error
  })
  const issuer = `http://${issuerHost(host)}:${port}`
  const clientSecret = randomBytes(32).toString('base64url')

  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: randomBytes(8).toString('hex'),
    alg: 'RS256',
    use: 'sig',
  }

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: clientSecret,
        client_name: 'Digital Citizen',
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [
          ...new Set(options.redirectUris.map((uri) => `${new URL(uri).origin}/`)),
        ],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: Object.fromEntries(
      Object.entries(DEV_PROVIDER_CLAIMS).map(([scope, claims]) => [scope, [...claims]]),
    ),
    acrValues: ACR_VALUES,
    // The ID token carries the granted claims (as VNeID's does), not only userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    responseTypes: ['code'],
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const resident = findDemoResident(sub)
      if (!resident) return undefined
      return { accountId: sub, claims: () => claimsOf(resident) }
    },
    renderError,
  }
  const provider = new Provider(issuer, configuration)
  const callback = provider.callback()

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer)
    const interaction = /^\/interaction\/([\w-]+)(?:\/(choose|cancel))?$/.exec(url.pathname)
    if (!interaction) {
      callback(req, res)
      return
    }
    handleInteraction(provider, req, res, interaction[1] as string, interaction[2]).catch((error: Error) => {
      if (res.headersSent) {
        res.end()
        return
      }
      sendHtml(res, 400, errorPage(error.message))
    })
  })

  return {
    issuer,
    clientSecret,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose())
        server.closeAllConnections()
      }),
  }
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening)
      reject(error)
    }
    const onListening = () => {
      server.off('error', onError)
      resolveListen((server.address() as AddressInfo).port)
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
}

/** A listener on every interface still needs an address browsers and the platform can use. */
function issuerHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}

function claimsOf(resident: DemoResident) {
  return {
    sub: resident.sub,
    name: resident.name,
    birthdate: resident.birthdate,
    phone_number: resident.phone,
    national_id: resident.nationalId,
    acr: resident.acr,
  }
}

async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  action: string | undefined,
): Promise<void> {
  const details = await provider.interactionDetails(req, res)
  if (details.uid !== uid) throw new Error('This sign-in request is no longer valid.')
  if (!action) {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendHtml(res, 405, errorPage('Method not allowed'))
    const clientId = String(details.params.client_id ?? '')
    return sendHtml(res, 200, choosePage(uid, clientId))
  }
  if (req.method !== 'POST') return sendHtml(res, 405, errorPage('Method not allowed'))
  const form = new URLSearchParams(await readBody(req))

  if (action === 'cancel') {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The resident cancelled the sign-in' },
      { mergeWithLastSubmission: false },
    )
  }

  const resident = findDemoResident(form.get('sub') ?? '')
  if (!resident) return sendHtml(res, 400, errorPage('Unknown resident'))
  // The platform is a first-party client: consent is granted with the sign-in, for what it asked.
  const clientId = String(details.params.client_id)
  const grant = new provider.Grant({ accountId: resident.sub, clientId })
  const requestedScopes = String(details.params.scope ?? 'openid')
    .split(' ')
    .filter((scope) => scope in DEV_PROVIDER_CLAIMS)
  grant.addOIDCScope(requestedScopes.join(' '))
  const requestedClaims = requestedClaimNames(details.params.claims)
  if (requestedClaims.length) grant.addOIDCClaims(requestedClaims)
  const grantId = await grant.save()
  await provider.interactionFinished(
    req,
    res,
    {
      login: { accountId: resident.sub, acr: resident.acr, amr: ['pwd'] },
      consent: { grantId },
    },
    { mergeWithLastSubmission: false },
  )
}

/** Claim names of an OIDC `claims` request parameter, if the client sent one. */
function requestedClaimNames(claims: unknown): string[] {
  if (typeof claims !== 'string') return []
  try {
    const parsed = JSON.parse(claims) as { id_token?: object; userinfo?: object }
    return [...Object.keys(parsed.id_token ?? {}), ...Object.keys(parsed.userinfo ?? {})]
  } catch {
    return []
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = ''
  for await (const chunk of req) {
    body += chunk
    if (body.length > 10_000) throw new Error('Request too large')
  }
  return body
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // No form-action: the chosen resident's form ends in a redirect to the platform's origin.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  })
  res.end(html)
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  )

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f6f8}
  main{max-width:40rem;margin:0 auto;padding:1rem}
  h1{font-size:1.4rem;line-height:1.3;margin:.5rem 0}
  .en{color:#4a4a4a;font-size:.95em}
  .notice{background:#fff4d6;border-left:4px solid #b7791f;padding:.5rem .75rem;margin:1rem 0}
  ul{list-style:none;padding:0;margin:0}
  li{margin:0 0 .75rem}
  button{width:100%;min-height:44px;text-align:left;font:inherit;padding:.75rem 1rem;border-radius:6px;cursor:pointer}
  .resident{background:#fff;border:1px solid #9aa5b1;color:inherit}
  .resident:hover,.resident:focus-visible{border-color:#c8102e;outline:3px solid #c8102e;outline-offset:1px}
  .name{display:block;font-weight:600;font-size:1.1rem}
  .meta{display:block;color:#4a4a4a;font-size:.9rem;overflow-wrap:anywhere}
  .cancel{background:#fff;border:2px solid #4a4a4a;color:#1a1a1a;text-align:center;margin-top:.5rem}
  .cancel:focus-visible{outline:3px solid #1a1a1a;outline-offset:1px}
`

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`
}

function choosePage(uid: string, clientId: string): string {
  const action = (name: string) => `/interaction/${encodeURIComponent(uid)}/${name}`
  const residents = DEMO_RESIDENTS.map(
    (resident) => `<li>
  <form method="post" action="${action('choose')}">
    <input type="hidden" name="sub" value="${escapeHtml(resident.sub)}">
    <button type="submit" class="resident" aria-describedby="meta-${escapeHtml(resident.sub)}">
      <span class="name">${escapeHtml(resident.name)}</span>
      <span class="meta" id="meta-${escapeHtml(resident.sub)}">CCCD ${escapeHtml(resident.nationalId)} · Ngày sinh / Born ${escapeHtml(resident.birthdate)} · Mức định danh / Assurance ${escapeHtml(resident.acr)}</span>
    </button>
  </form>
</li>`,
  ).join('\n')
  return page(
    'Cổng định danh điện tử — môi trường phát triển / e-ID development provider',
    `<h1>Cổng định danh điện tử — môi trường phát triển <span class="en" lang="en">/ e-ID development provider</span></h1>
<p class="notice" role="note">Đây là nhà cung cấp định danh giả lập chỉ dùng khi phát triển, không phải VNeID. Dữ liệu dưới đây là người dân mẫu. <span lang="en" class="en">This simulated provider is for development only; it is not VNeID. The people below are invented.</span></p>
<h2 id="choose-heading">Chọn người dân để đăng nhập vào ${escapeHtml(clientId)} <span class="en" lang="en">/ Choose a resident to sign in as</span></h2>
<ul aria-labelledby="choose-heading">
${residents}
</ul>
<form method="post" action="${action('cancel')}">
  <button type="submit" class="cancel">Huỷ đăng nhập <span lang="en">/ Cancel</span></button>
</form>`,
  )
}

function errorPage(message: string): string {
  return page(
    'Lỗi đăng nhập / Sign-in error',
    `<h1>Không thể tiếp tục đăng nhập <span class="en" lang="en">/ The sign-in cannot continue</span></h1>
<p role="alert">${escapeHtml(message)}</p>
<p>Vui lòng quay lại trang dịch vụ và đăng nhập lại. <span class="en" lang="en">Please go back to the service and sign in again.</span></p>`,
  )
}

async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  ctx.type = 'html'
  ctx.body = errorPage(
    [out.error, out.error_description].filter((part) => typeof part === 'string').join(': ') || 'error',
  )
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.body = page(
    'Đăng xuất / Sign out',
    `<h1>Đăng xuất khỏi cổng định danh? <span class="en" lang="en">/ Sign out of the e-ID provider?</span></h1>
${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout" class="resident">Có, đăng xuất <span lang="en">/ Yes, sign me out</span></button>
<button type="submit" form="op.logoutForm" class="cancel">Không <span lang="en">/ No, stay signed in</span></button>`,
  )
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.body = page(
    'Đã đăng xuất / Signed out',
    `<h1>Bạn đã đăng xuất <span class="en" lang="en">/ You are signed out</span></h1>`,
  )
}
