// Entry point of the server child process (see server-process.ts). It imports the module under
// test, calls its start function, and tells the parent the port over IPC. Kept generic so the
// platform's own server can be benchmarked exactly as it starts in production.

// A module (not a script) so top-level await is allowed.
export {}

const [moduleUrl, exportName, host, portArg] = process.argv.slice(2)
if (!moduleUrl || !exportName || !host || portArg === undefined) {
  throw new Error('usage: server-child.ts <module-url> <export-name> <host> <port>')
}
if (!process.send) throw new Error('server-child.ts must be started with an IPC channel (fork)')

const mod = (await import(moduleUrl)) as Record<string, unknown>
const start = mod[exportName]
if (typeof start !== 'function') {
  throw new Error(`${moduleUrl} has no exported function '${exportName}'`)
}
const started: unknown = await start({ host, port: Number(portArg) })
process.send({ ready: true, port: portOf(started) })

let closing = false
async function shutdown(): Promise<void> {
  if (closing) return
  closing = true
  const close = (started as { close?: unknown } | null)?.close
  if (typeof close === 'function') await close.call(started)
  process.exit(0)
}
process.on('message', (message) => {
  if ((message as { stop?: unknown } | null)?.stop === true) void shutdown()
})
// The parent died or let go: don't linger holding a port and database connections.
process.on('disconnect', () => void shutdown())
process.on('SIGTERM', () => void shutdown())

/** Accepts a port number, `{ port }`, or a listening Fastify instance (`.server.address()`). */
function portOf(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'object' && value !== null) {
    const v = value as { port?: unknown; server?: { address?: () => unknown } }
    if (typeof v.port === 'number') return v.port
    const address = v.server?.address?.()
    if (typeof address === 'object' && address !== null && 'port' in address) {
      const port = (address as { port: unknown }).port
      if (typeof port === 'number') return port
    }
  }
  throw new Error(`${exportName}() must return a port, { port }, or a listening Fastify instance`)
}
