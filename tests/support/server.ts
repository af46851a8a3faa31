import { type ChildProcess, fork } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { copyEmbeddedTemplate, REPO_ROOT } from './templates.ts'
import { TEST_MASTER_KEY } from './test-platform.ts'

export interface TestServer {
  url: string
  port: number
  child: ChildProcess
  /** Output the server printed (pino JSON lines), for assertions and for debugging a failure. */
  output(): string
  close(): Promise<void>
}

/**
 * The real platform (`server/main.ts`, role all) in a child process, on a private copy of the
 * prepared embedded database, listening on a free port. It is what `npm start` runs.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dbDir = copyEmbeddedTemplate('server')
  let output = ''
  const child = fork(join(REPO_ROOT, 'server/main.ts'), [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      EMBEDDED_DB_DIR: dbDir,
      // The private embedded copy, even when the test run has DATABASE_URL for the PostgreSQL project.
      DATABASE_URL: '',
      // Never the repository's var/keys: a fixed test master key, and any free port for the e-ID provider.
      DATA_MASTER_KEY: TEST_MASTER_KEY,
      DEV_OIDC_PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 120_000)
    child.on('message', (message: { ready?: boolean; port?: number }) => {
      if (message?.ready && typeof message.port === 'number') {
        clearTimeout(timer)
        resolvePort(message.port)
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`))
    })
  })
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()))
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
      rmSync(dbDir, { recursive: true, force: true })
    },
  }
}

/**
 * startTestServer, then a check that `path` serves the web app (a clear message, instead of
 * timeouts in every browser test, when the app was not built).
 */
export async function startWebTestServer(
  path: string,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const server = await startTestServer(env)
  const page = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } })
  if (!page.ok || !(await page.text()).includes('id="root"')) {
    await server.close()
    throw new Error(`GET ${path} did not serve the web app (${page.status}); run \`npm run build:web\` first`)
  }
  return server
}
