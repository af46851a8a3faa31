import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { publicRoutes } from './access.ts'

/**
 * Serves the built web app (dist/web) on the API's port: the resident app at / and the officials'
 * console at /console. Unknown paths that a browser navigates to get the right app's page so
 * client-side routes survive a reload; everything else falls through to the problem+json 404.
 */
export async function registerWeb(app: FastifyInstance, webDist: string): Promise<boolean> {
  if (!existsSync(join(webDist, 'index.html'))) {
    app.log.warn({ webDist }, 'web app not built: run npm run build:web (npm start does it for you)')
    return false
  }
  await app.register(publicRoutes(async (web) => registerStatic(web, webDist)))
  return true
}

async function registerStatic(app: FastifyInstance, webDist: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDist,
    index: false,
    wildcard: true,
    // Hashed assets never change; everything else is revalidated.
    setHeaders(res, path) {
      if (path.includes(`${join(webDist, 'assets')}`)) {
        res.setHeader('cache-control', 'public, max-age=31536000, immutable')
      } else {
        res.setHeader('cache-control', 'no-cache')
      }
      if (path.endsWith('sw.js')) res.setHeader('service-worker-allowed', '/')
    },
  })
  const page = (file: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile(file)
  app.get('/', { schema: { hide: true } }, page('index.html'))
  app.get('/console', { schema: { hide: true } }, page('console/index.html'))
  app.get('/console/', { schema: { hide: true } }, page('console/index.html'))
}

/** A navigation by a browser to an app path (not an API or asset path). */
export function appPageFor(request: FastifyRequest): string | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined
  const path = request.url.split('?')[0] ?? ''
  if (/^\/(api|ogc|tiles|open311|health|ready|metrics)(\/|$)/.test(path)) return undefined
  if (/\.[a-z0-9]+$/i.test(path)) return undefined
  if (!(request.headers.accept ?? '').includes('text/html')) return undefined
  return path === '/console' || path.startsWith('/console/') ? 'console/index.html' : 'index.html'
}
