// `npm start`: build the web app if it is missing or older than its sources, then run the
// platform (all roles, embedded database unless DATABASE_URL is set) in this process.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const webDist = process.env.WEB_DIST ?? join(root, 'dist/web')

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

const builtPage = join(webDist, 'index.html')
if (!existsSync(builtPage) || statSync(builtPage).mtimeMs < newestMtime(join(root, 'web'))) {
  console.error('Building the web app (first start only)…')
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
}

const { register } = await import('tsx/esm/api')
register()
await import('../server/main.ts')
