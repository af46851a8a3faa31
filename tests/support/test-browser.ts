/**
 * Tests only: a minimal browser over fetch — a cookie jar (per host, like browsers: ports share
 * cookies; path-scoped; Max-Age/Expires deletions) and redirect following that can stop before a
 * chosen URL, so tests can tamper with what the browser would send next.
 */

interface StoredCookie {
  value: string
  path: string
}

export class TestBrowser {
  readonly #jar = new Map<string, Map<string, StoredCookie>>()

  cookie(url: string | URL, name: string): string | undefined {
    return this.#jar.get(new URL(url).hostname)?.get(name)?.value
  }

  setCookie(url: string | URL, name: string, value: string, path = '/'): void {
    const host = new URL(url).hostname
    const cookies = this.#jar.get(host) ?? new Map<string, StoredCookie>()
    cookies.set(name, { value, path })
    this.#jar.set(host, cookies)
  }

  deleteCookie(url: string | URL, name: string): void {
    this.#jar.get(new URL(url).hostname)?.delete(name)
  }

  /** One request, redirects not followed; stores the cookies the response sets. */
  async request(url: string | URL, init: { method?: string; body?: string } = {}): Promise<Response> {
    const target = new URL(url)
    const headers: Record<string, string> = { accept: 'text/html' }
    const cookieHeader = [...(this.#jar.get(target.hostname) ?? new Map()).entries()]
      .filter(([, cookie]) => target.pathname.startsWith(cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ')
    if (cookieHeader) headers.cookie = cookieHeader
    if (init.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      body: init.body,
      headers,
      redirect: 'manual',
    })
    for (const line of response.headers.getSetCookie()) this.#store(target, line)
    return response
  }

  /**
   * Follows redirects from `url` until a response is not a redirect, or the next URL satisfies
   * `stopBefore` (then that URL is returned unvisited).
   */
  async follow(
    url: string | URL,
    options: { method?: string; body?: string; stopBefore?: (next: URL) => boolean } = {},
  ): Promise<{ response?: Response; stoppedAt?: URL; visited: URL[] }> {
    let next = new URL(url)
    let init: { method?: string; body?: string } = { method: options.method, body: options.body }
    const visited: URL[] = []
    for (let hop = 0; hop < 20; hop++) {
      visited.push(next)
      const response = await this.request(next, init)
      const location = response.headers.get('location')
      if (response.status < 300 || response.status >= 400 || !location) return { response, visited }
      next = new URL(location, next)
      init = {}
      if (options.stopBefore?.(next)) return { stoppedAt: next, visited }
    }
    throw new Error(`too many redirects: ${visited.map(String).join(' → ')}`)
  }

  #store(url: URL, line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
    const separator = pair.indexOf('=')
    const name = pair.slice(0, separator)
    const value = pair.slice(separator + 1)
    let path = '/'
    let expired = false
    for (const attribute of attributes) {
      const [key = '', raw = ''] = attribute.split('=')
      const lower = key.toLowerCase()
      if (lower === 'path') path = raw
      if (lower === 'max-age' && Number(raw) <= 0) expired = true
      if (lower === 'expires' && Date.parse(raw) <= Date.now()) expired = true
    }
    if (expired) this.deleteCookie(url, name)
    else this.setCookie(url, name, value, path)
  }
}
