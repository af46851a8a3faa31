import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { ProblemCode } from '../messages.ts'
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem.ts'

/**
 * Errors Node's HTTP parser raises before there is a request (a bad URL byte, huge headers, a
 * slow client): answered as problem+json too, in Vietnamese (there are no headers to negotiate
 * from), instead of Fastify's plain JSON default.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const code: ProblemCode =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? 'request_timeout'
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? 'headers_too_large'
        : 'malformed_request'
  const problem = problemBody(code, 'vi', randomUUID(), undefined)
  const body = JSON.stringify(problem)
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        'Content-Language: vi\r\n' +
        `X-Request-Id: ${problem.requestId}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    )
  }
  socket.destroy(error)
}
