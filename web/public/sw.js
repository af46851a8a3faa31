/*
 * Service worker of the Digital Citizen web app (hand-written, no framework).
 *
 * - Keeps a versioned cache of the app shell: both pages, their hashed assets, manifest, icons.
 *   SHELL_VERSION is replaced with a build hash by web/vite.config.ts, so each deploy gets a
 *   new cache and the old one is deleted when the new worker activates.
 * - Page navigations go to the network first (residents always get the newest page when
 *   online) and fall back to the cached shell when offline.
 * - Hashed assets under /assets/ and the icons are served from the cache first (their names
 *   change when their content does).
 * - Never touches the API or operational endpoints: /api/, /auth/ (sign-in redirects), /health,
 *   /ready, /metrics (and the data services /ogc/, /tiles/, /open311/) always go straight to the
 *   network and are never stored (personal data must not linger in a cache).
 */

const SHELL_VERSION = 'dev'
const CACHE_PREFIX = 'dc-shell-'
const CACHE_NAME = `${CACHE_PREFIX}${SHELL_VERSION}`

const RESIDENT_SHELL = '/'
const CONSOLE_SHELL = '/console/'
const SHELL_PAGES = [RESIDENT_SHELL, CONSOLE_SHELL]
const SHELL_FILES = [
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-192.png',
  '/icons/icon-maskable-512.png',
]

// Data and operational endpoints: always straight to the network, never stored.
const NEVER_CACHED = /^\/(api|auth|health|ready|metrics|ogc|tiles|open311)(\/|$)/

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(deleteOldCaches().then(() => self.clients.claim()))
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (NEVER_CACHED.test(url.pathname)) return

  if (request.mode === 'navigate') {
    event.respondWith(networkFirstPage(request, url))
  } else if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/')) {
    event.respondWith(cacheFirst(request))
  }
})

/** Caches both pages and every /assets/ file their HTML references, so the shell works offline at once. */
async function precacheShell() {
  const cache = await caches.open(CACHE_NAME)
  await cache.addAll(SHELL_FILES)
  for (const page of SHELL_PAGES) {
    const response = await fetch(page, { cache: 'no-cache' })
    if (!response.ok) continue
    const html = await response.clone().text()
    await cache.put(page, response)
    await cache.addAll(assetsReferencedBy(html))
  }
}

function assetsReferencedBy(html) {
  const assets = new Set()
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) assets.add(match[1])
  return [...assets]
}

async function deleteOldCaches() {
  const names = await caches.keys()
  await Promise.all(
    names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
      .map((name) => caches.delete(name)),
  )
}

async function networkFirstPage(request, url) {
  const shell = shellFor(url.pathname)
  try {
    const response = await fetch(request)
    if (response.ok && isShellPage(url.pathname)) {
      const cache = await caches.open(CACHE_NAME)
      await cache.put(shell, response.clone())
    }
    return response
  } catch (error) {
    const cached = await caches.match(shell, { cacheName: CACHE_NAME })
    if (cached) return cached
    throw error
  }
}

/** The console has its own shell; every other page falls back to the resident app. */
function shellFor(pathname) {
  return pathname === '/console' || pathname.startsWith('/console/') ? CONSOLE_SHELL : RESIDENT_SHELL
}

function isShellPage(pathname) {
  return pathname === '/' || pathname === '/index.html' || pathname === '/console' || pathname === '/console/'
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE_NAME })
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) {
    const cache = await caches.open(CACHE_NAME)
    await cache.put(request, response.clone())
  }
  return response
}
