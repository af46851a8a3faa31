import type {
  ActiveSessionList,
  OfficialSignInProviders,
  OfficialSignInStep,
  SessionInfo,
  TotpEnrollment,
} from '@dc/contracts'
import { forgetCsrfToken, rememberCsrfToken } from './csrf.ts'
import { getJson, sendJson } from './http.ts'

/** Who is signed in; also remembers the session's CSRF token for the writes that follow. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo> {
  const session = await getJson<SessionInfo>('/api/v1/auth/session', signal ? { signal } : {})
  rememberCsrfToken(session.signedIn ? session.csrfToken : null)
  return session
}

/** Where the resident e-ID (VNeID) sign-in starts; the server redirects to the provider. */
export function residentSignInHref(returnTo: string): string {
  return `/auth/resident/login?returnTo=${encodeURIComponent(returnTo)}`
}

export async function signOut(): Promise<void> {
  await sendJson('POST', '/api/v1/auth/sign-out')
  forgetCsrfToken()
}

export function fetchActiveSessions(signal: AbortSignal): Promise<ActiveSessionList> {
  return getJson<ActiveSessionList>('/api/v1/auth/sessions', { signal })
}

export function endSession(id: string): Promise<void> {
  return sendJson('DELETE', `/api/v1/auth/sessions/${encodeURIComponent(id)}`)
}

/** Ends every session of the caller, this one included. */
export async function endAllSessions(): Promise<{ ended: number }> {
  const result = await sendJson<{ ended: number }>('POST', '/api/v1/auth/sessions/revoke-all')
  forgetCsrfToken()
  return result
}

/** Whether the console offers signing in with the agency's own provider (OpenID Connect). */
export function fetchOfficialSignInProviders(signal: AbortSignal): Promise<OfficialSignInProviders> {
  return getJson<OfficialSignInProviders>('/api/v1/auth/official/providers', { signal })
}

/** Where an official's sign-in with the agency's provider starts; the server redirects to it. */
export function officialOrganisationSignInHref(returnTo: string): string {
  return `/auth/official/login?returnTo=${encodeURIComponent(returnTo)}`
}

/** Step 1 of an official's sign-in: password accepted → a challenge for the TOTP step. */
export function officialSignIn(username: string, password: string): Promise<OfficialSignInStep> {
  return sendJson<OfficialSignInStep>('POST', '/api/v1/auth/official/sign-in', { username, password })
}

/** Step 2: the 6-digit code; the answer sets the session cookie. */
export async function officialTotp(challenge: string, code: string): Promise<void> {
  await sendJson('POST', '/api/v1/auth/official/totp', { challenge, code })
  forgetCsrfToken()
}

/** First sign-in: a new TOTP secret to add to an authenticator app (QR code as SVG text). */
export function enrollTotp(challenge: string): Promise<TotpEnrollment> {
  return sendJson<TotpEnrollment>('POST', '/api/v1/auth/official/totp/enroll', { challenge })
}

/** A signed-in official changes their password; the server ends their other sessions. */
export function changeOfficialPassword(currentPassword: string, newPassword: string): Promise<void> {
  return sendJson('POST', '/api/v1/auth/official/password', { currentPassword, newPassword })
}
