import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './templates.ts'

/** The browser tests need the production build; rebuild when any web source is newer than it. */
export default function buildWebIfStale() {
  const built = join(REPO_ROOT, 'dist/web/index.html')
  const newest = newestMtime(join(REPO_ROOT, 'web'))
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return
  execFileSync('npm', ['run', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' })
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}
