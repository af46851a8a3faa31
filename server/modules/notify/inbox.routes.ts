import { InboxList } from '@dc/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { AppError } from '../../core/errors.ts'
import { access } from '../../core/http/access.ts'
import type { Platform } from '../../core/platform.ts'

const residents = access.resident()
const Marked = Type.Object({ marked: Type.Integer() })

/** /api/v1/me/inbox: the signed-in resident's messages. */
export function inboxRoutes(platform: Platform): FastifyPluginAsyncTypebox {
  const { inbox } = platform.services.notify
  return async (app) => {
    app.get(
      '/api/v1/me/inbox',
      {
        config: { access: residents },
        schema: {
          tags: ['notify'],
          summary: 'My inbox, newest first, with the unread count',
          response: { 200: InboxList },
        },
      },
      async (request, reply) => {
        const principal = await request.principal()
        if (principal.kind !== 'resident') throw new AppError('forbidden')
        reply.header('cache-control', 'no-store')
        return inbox.list(principal.residentId)
      },
    )
    app.post(
      '/api/v1/me/inbox/:id/read',
      {
        config: { access: residents },
        schema: {
          tags: ['notify'],
          summary: 'Mark one message read',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Marked },
        },
      },
      async (request) => {
        const principal = await request.principal()
        if (principal.kind !== 'resident') throw new AppError('forbidden')
        return { marked: await inbox.markRead(principal.residentId, request.params.id) }
      },
    )
    app.post(
      '/api/v1/me/inbox/read-all',
      {
        config: { access: residents },
        schema: { tags: ['notify'], summary: 'Mark every message read', response: { 200: Marked } },
      },
      async (request) => {
        const principal = await request.principal()
        if (principal.kind !== 'resident') throw new AppError('forbidden')
        return { marked: await inbox.markRead(principal.residentId) }
      },
    )
  }
}
