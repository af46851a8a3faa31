import { type ChildProcess, fork } from 'node:child_process'
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BenchFailure } from './errors.ts'

// The server under test always runs in its own process: with the load generator in the same
// event loop, every figure would measure the two fighting over one thread, not the server.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const childEntry = fileURLToPath(new URL('./server-child.ts', import.meta.url))

/** What an exported start function receives; it must listen on exactly this host and port. */
export interface StartOptions {
  host: string
  /** 0 means any free port; the function reports the real one back. */
  port: number
}

/**
 * The contract for a server module started by export name. It may return the port, an object
 * with `port` (and ideally `close()`), or a listening Fastify instance.
 */
export type StartFn = (options: StartOptions) => Promise<unknown>

export interface ServerOptions {
  /** Module to run: a path relative to the repo root, an absolute path, or a file URL. */
  module: string | URL
  /**
   * Exported start function to call (default 'start'). Use null for a module that starts itself
   * and announces with `process.send({ ready: true, port })`; it gets BENCH_SERVER_HOST/PORT in env.
   */
  exportName?: string | null
  /** Extra environment, on top of this process's own. */
  env?: Record<string, string>
  host?: string
  port?: number
  /** How long to wait for the ready message; cold tsx compiles or PostGIS need some time. */
  readyTimeoutMs?: number
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string
  port: number
  pid: number
  /** Stops the child; rejects if it had died on its own, since figures taken meanwhile are void. */
  stop(): Promise<void>
}

interface ReadyMessage {
  ready: true
  port: number
}

function isReady(message: unknown): message is ReadyMessage {
  if (typeof message !== 'object' || message === null) return false
  const m = message as Record<string, unknown>
  return m.ready === true && typeof m.port === 'number'
}

function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href
  if (module.startsWith('file:')) return module
  return pathToFileURL(isAbsolute(module) ? module : resolve(repoRoot, module)).href
}

// If the harness dies (Ctrl-C, uncaught error), no server may outlive it holding a port or
// database connections. Children also exit on their own when the IPC channel disconnects.
const live = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

/**
 * BENCH_CPU_PROFILE=<dir>: every server child writes a V8 CPU profile (.cpuprofile, open it in
 * Chrome DevTools) into <dir> when it stops, to see where a scenario's server spends its time.
 */
function cpuProfileArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROFILE
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : []
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 0
  const exportName = options.exportName === undefined ? 'start' : options.exportName
  const url = moduleUrl(options.module)
  const script = exportName === null ? fileURLToPath(url) : childEntry
  const args = exportName === null ? [] : [url, exportName, host, String(port)]

  const child = fork(script, args, {
    cwd: repoRoot,
    env: { ...process.env, ...options.env, BENCH_SERVER_HOST: host, BENCH_SERVER_PORT: String(port) },
    execArgv: ['--import', 'tsx', ...cpuProfileArgs()],
    // The child's stdout goes to our stderr: stdout is reserved for the results table.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  live.add(child)
  let stderrTail = ''
  child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk))
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk)
    stderrTail = (stderrTail + chunk.toString()).slice(-2000)
  })

  let stopping = false
  let exitedEarly: string | null = null
  const exited = new Promise<void>((resolveExit) => {
    child.once('exit', (code, signal) => {
      live.delete(child)
      if (!stopping) exitedEarly = `server ${options.module} exited (code ${code}, signal ${signal})`
      resolveExit()
    })
  })

  const readyPort = await new Promise<number>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new BenchFailure(`server ${options.module} not ready after ${options.readyTimeoutMs ?? 60000} ms`),
      )
    }, options.readyTimeoutMs ?? 60_000)
    child.on('message', (message) => {
      if (!isReady(message)) return
      clearTimeout(timer)
      resolveReady(message.port)
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(new BenchFailure(`${exitedEarly ?? 'server exited'} before ready\n${stderrTail}`))
    })
  })

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${readyPort}`,
    port: readyPort,
    pid: child.pid ?? -1,
    async stop() {
      if (exitedEarly) throw new BenchFailure(`${exitedEarly} during the run\n${stderrTail}`)
      stopping = true
      if (child.connected) child.send({ stop: true })
      else child.kill('SIGTERM')
      // A clean close lets the server end its pg pool; a hung close must not hang the bench.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Starts a server, runs `fn` against it, and always stops it. */
export async function withServer<T>(options: ServerOptions, fn: (server: RunningServer) => Promise<T>) {
  const server = await startServer(options)
  let result: T
  try {
    result = await fn(server)
  } catch (error) {
    await server.stop().catch(() => {})
    throw error
  }
  await server.stop()
  return result
}
