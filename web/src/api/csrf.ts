/**
 * The CSRF token of the current session. Every cookie-authenticated POST/PUT/PATCH/DELETE must send
 * it as `X-CSRF-Token`; the server hands it out with `GET /api/v1/auth/session`.
 * `undefined`: not known yet; `null`: nobody is signed in (public writes need no token).
 */
let knownToken: string | null | undefined

export function rememberCsrfToken(token: string | null): void {
  knownToken = token
}

/** After signing in or out the session (and so the token) changes: ask again next time. */
export function forgetCsrfToken(): void {
  knownToken = undefined
}

/** The token to send, reading the session first when it is not known. */
export async function csrfToken(): Promise<string | null> {
  if (knownToken !== undefined) return knownToken
  try {
    const response = await fetch('/api/v1/auth/session', {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    })
    const body = (await response.json()) as { signedIn?: boolean; csrfToken?: string }
    knownToken = body.signedIn && typeof body.csrfToken === 'string' ? body.csrfToken : null
  } catch {
    // Without a token the write is refused with csrf_failed, which the caller shows.
    return null
  }
  return knownToken
}
