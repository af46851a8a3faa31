import { measureHttp } from '../lib/http.ts'
import { withServer } from '../lib/server-process.ts'
import { type Scenario, selfBaseline } from '../lib/types.ts'

export const httpBaseline: Scenario = {
  name: 'http-baseline',
  description: 'Bare Fastify 5 JSON route GET /hello in a child process: the HTTP floor (ratio 1)',
  async run(ctx) {
    const figure = await withServer({ module: new URL('../servers/hello.ts', import.meta.url) }, (server) =>
      measureHttp(ctx.config, {
        url: server.url,
        path: '/hello',
        expectBody: (body) => (body as { hello?: unknown }).hello === 'world',
      }),
    )
    return selfBaseline('http-baseline', figure)
  },
}
