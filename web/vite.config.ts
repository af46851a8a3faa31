import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { type Connect, defineConfig, type Plugin } from 'vite'

const webRoot = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(webRoot, '..')
const outDir = resolve(repoRoot, 'dist/web')

/** Where the API runs while developing the web app (`npm start` in another terminal). */
const apiOrigin = process.env.DC_API_ORIGIN ?? 'http://127.0.0.1:3000'

/** Paths the platform answers (not the web app): the dev and preview servers pass them on. */
const platformPaths = ['/api', '/auth', '/health', '/ready', '/ogc', '/tiles', '/open311']
const platformProxy = Object.fromEntries(platformPaths.map((path) => [path, apiOrigin]))

export default defineConfig(({ command, mode }) => {
  // A production build must be one even when the caller's NODE_ENV says otherwise (vitest sets
  // it to 'test'): otherwise React's development build is bundled and import.meta.env.PROD is
  // false, so the service worker would not be registered.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production'
  return {
    root: webRoot,
    base: '/',
    publicDir: resolve(webRoot, 'public'),
    plugins: [react(), consoleWithoutTrailingSlash(), stampServiceWorkerVersion()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      modulePreload: { polyfill: false },
      // MapLibre GL is one ~1.1 MB module, loaded only with a map page (web/src/map/maplibre.ts).
      chunkSizeWarningLimit: 1200,
      rolldownOptions: {
        input: {
          resident: resolve(webRoot, 'index.html'),
          console: resolve(webRoot, 'console/index.html'),
        },
        output: {
          // Stable, readable chunk names: libraries change rarely, so they stay cached longer.
          codeSplitting: {
            groups: [
              // MapLibre (~1 MB) only loads with a map page: it must not join the vendor chunk every page loads.
              { name: 'maplibre', test: /[\\/]node_modules[\\/]maplibre-gl[\\/]/, priority: 1 },
              { name: 'vendor', test: /[\\/]node_modules[\\/]/ },
              { name: 'shell', test: /[\\/]web[\\/]src[\\/](shell|i18n|api|pwa)[\\/]/ },
            ],
          },
        },
      },
    },
    server: { host: '127.0.0.1', port: 5173, proxy: platformProxy },
    preview: { proxy: platformProxy },
  }
})

/**
 * Vite's dev and preview servers only know `/console/` (the folder of console/index.html);
 * a bare `/console` would fall back to the resident app. Redirect it, as the platform serves both.
 */
function consoleWithoutTrailingSlash(): Plugin {
  const redirect: Connect.NextHandleFunction = (req, res, next) => {
    const [path, query] = (req.url ?? '').split('?')
    if (path !== '/console') return next()
    res.statusCode = 308
    res.setHeader('location', query ? `/console/?${query}` : '/console/')
    res.end()
  }
  return {
    name: 'dc:console-without-trailing-slash',
    configureServer: (server) => void server.middlewares.use(redirect),
    configurePreviewServer: (server) => void server.middlewares.use(redirect),
  }
}

/**
 * `public/sw.js` is copied as it is, with `SHELL_VERSION = 'dev'`. After a build this writes a
 * hash of the emitted file names into it, so every deploy gets a fresh cache and old ones are
 * dropped when the new worker activates.
 */
function stampServiceWorkerVersion(): Plugin {
  let buildId = 'dev'
  return {
    name: 'dc:stamp-service-worker-version',
    apply: 'build',
    generateBundle(_options, bundle) {
      const names = Object.keys(bundle).sort().join('\n')
      buildId = createHash('sha256').update(names).digest('hex').slice(0, 12)
    },
    async closeBundle() {
      const workerPath = resolve(outDir, 'sw.js')
      const source = await readFile(workerPath, 'utf8')
      const stamped = source.replace("const SHELL_VERSION = 'dev'", `const SHELL_VERSION = '${buildId}'`)
      if (stamped === source) throw new Error('sw.js no longer declares SHELL_VERSION; update vite.config.ts')
      await writeFile(workerPath, stamped)
    },
  }
}
