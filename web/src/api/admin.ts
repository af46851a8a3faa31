import type {
  AgencyList,
  ApiKeyCreateBody,
  ApiKeyIssued,
  ApiKeyList,
  OfficialCreateBody,
  OfficialList,
  OfficialPatchBody,
  OfficialRecord,
} from '@dc/contracts'
import { getJson, sendJson } from './http.ts'

/** The city's agencies (People's Committee, departments, ward committees, service units). */
export function fetchAgencies(signal: AbortSignal): Promise<AgencyList> {
  return getJson<AgencyList>('/api/v1/agencies', { signal })
}

export function fetchOfficials(signal: AbortSignal): Promise<OfficialList> {
  return getJson<OfficialList>('/api/v1/console/officials', { signal })
}

export function createOfficial(body: OfficialCreateBody): Promise<OfficialRecord> {
  return sendJson<OfficialRecord>('POST', '/api/v1/console/officials', body)
}

export function updateOfficial(id: string, patch: OfficialPatchBody): Promise<OfficialRecord> {
  return sendJson<OfficialRecord>('PATCH', `/api/v1/console/officials/${encodeURIComponent(id)}`, patch)
}

export function unlockOfficial(id: string): Promise<unknown> {
  return sendJson<unknown>('POST', `/api/v1/console/officials/${encodeURIComponent(id)}/unlock`)
}

/** Forgets the official's authenticator (lost phone): the next sign-in sets up a new one. */
export function resetOfficialTotp(id: string): Promise<OfficialRecord> {
  return sendJson<OfficialRecord>('POST', `/api/v1/console/officials/${encodeURIComponent(id)}/reset-totp`)
}

export function fetchApiKeys(signal: AbortSignal): Promise<ApiKeyList> {
  return getJson<ApiKeyList>('/api/v1/console/api-keys', { signal })
}

/** A new key: the answer holds the full key, shown this once only. */
export function createApiKey(body: ApiKeyCreateBody): Promise<ApiKeyIssued> {
  return sendJson<ApiKeyIssued>('POST', '/api/v1/console/api-keys', body)
}

/** A replacement key (same name, scopes, agency); the old one stops working. */
export function rotateApiKey(id: string): Promise<ApiKeyIssued> {
  return sendJson<ApiKeyIssued>('POST', `/api/v1/console/api-keys/${encodeURIComponent(id)}/rotate`)
}

export function revokeApiKey(id: string): Promise<void> {
  return sendJson('DELETE', `/api/v1/console/api-keys/${encodeURIComponent(id)}`)
}
