import Fastify from 'fastify'
import type { StartOptions } from '../lib/server-process.ts'

// The floor every HTTP figure is compared with: Fastify with nothing behind the route.
export async function start({ host, port }: StartOptions) {
  const app = Fastify({ logger: false })
  app.get('/hello', async () => ({ hello: 'world' }))
  await app.listen({ host, port })
  return app
}
