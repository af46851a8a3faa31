import type { Logger } from 'pino'
import type { Config } from '../../config.ts'
import type { Database } from '../../core/db/database.ts'
import type { Authenticate } from '../../core/http/access.ts'
import { AgencyDirectory } from './agencies/agency-directory.ts'
import { ApiKeyService } from './api-keys.ts'
import { createAuthenticator } from './authenticator.ts'
import { loadMasterKeys } from './crypto/master-key.ts'
import { PersonalDataCipher } from './crypto/personal-data-cipher.ts'
import { OfficialService } from './officials/official.service.ts'
import { configuredOfficialProvider, OFFICIAL_SCOPES } from './officials/official-oidc.ts'
import { OidcRelyingParty } from './oidc/relying-party.ts'
import { AccessLog } from './privacy/access-log.ts'
import type { RetentionDeps } from './privacy/retention.job.ts'
import { configuredProvider, ResidentSignIn } from './residents/oidc-client.ts'
import { SessionService } from './sessions.ts'

/** The identity module's services, built once per process (see server/platform.ts). */
export interface Identity {
  cipher: PersonalDataCipher
  sessions: SessionService
  apiKeys: ApiKeyService
  authenticate: Authenticate
  /** Officials' reads of residents' personal data (hash-chained, append-only). */
  accessLog: AccessLog
  /** Residents' e-ID sign-in (OpenID Connect); its provider is set at start (see residents/). */
  residentSignIn: ResidentSignIn
  /** The agency tree, in memory (scoping of officials and API keys). */
  agencies: AgencyDirectory
  /** Officials' password + TOTP sign-in and lockout. */
  officials: OfficialService
  /** Officials' sign-in with their agency's OpenID Connect provider (configured only if OFFICIAL_OIDC_ISSUER is set). */
  officialSignIn: OidcRelyingParty
  /** What the daily retention job works with (privacy/retention.job.ts). */
  retention: RetentionDeps
}

export async function createIdentity(
  database: Database,
  config: Config,
  _logger?: Pick<Logger, 'info' | 'warn'>,
): Promise<Identity> {
  const { db } = database
  const cipher = await PersonalDataCipher.load(db, loadMasterKeys(config))
  const sessions = new SessionService(db, config.identity)
  const apiKeys = new ApiKeyService(db)
  const authenticate = createAuthenticator({ db, sessions, apiKeys, config: config.identity })
  const accessLog = new AccessLog(db)
  const retention = { db, sessions, retentionDays: config.identity.retentionDays }
  const residentSignIn = new ResidentSignIn()
  const provider = configuredProvider(config)
  if (provider) residentSignIn.setProvider(provider)
  const agencies = await AgencyDirectory.load(db)
  const officials = new OfficialService(db, cipher, config.identity)
  const officialSignIn = new OidcRelyingParty(OFFICIAL_SCOPES, 'organisation provider')
  const officialProvider = configuredOfficialProvider(config)
  if (officialProvider) officialSignIn.setProvider(officialProvider)
  return {
    cipher,
    sessions,
    apiKeys,
    authenticate,
    accessLog,
    residentSignIn,
    agencies,
    officials,
    officialSignIn,
    retention,
  }
}
