import { execFile } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { copyEmbeddedTemplate, REPO_ROOT } from '../support/templates.ts'

const run = promisify(execFile)
const dir = copyEmbeddedTemplate('import')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('npm run geo:import', () => {
  it('geo:import names the bad features and exits 1; a good file replaces the layer', async () => {
    const bad = join(dir, '..', `bad-${process.pid}.geojson`)
    const good = join(dir, '..', `good-${process.pid}.geojson`)
    writeFileSync(
      bad,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: { type: 'Point', coordinates: [10.77, 106.7] }, properties: {} },
        ],
      }),
    )
    writeFileSync(
      good,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: 'h1',
            geometry: { type: 'Point', coordinates: [106.66, 10.76] },
            properties: { kind: 'hospital', name: 'Bệnh viện' },
          },
        ],
      }),
    )
    const env = { ...process.env, EMBEDDED_DB_DIR: dir, LOG_LEVEL: 'silent' }
    const failed = await run('npx', ['tsx', 'scripts/geo-import.ts', 'facilities', bad], {
      cwd: REPO_ROOT,
      env,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    )
    expect(failed?.code).toBe(1)
    expect(failed?.stderr).toContain('/features/0/geometry/coordinates')
    expect(failed?.stderr).toContain('/features/0/properties/kind')
    const ok = await run('npx', ['tsx', 'scripts/geo-import.ts', 'facilities', good], { cwd: REPO_ROOT, env })
    expect(ok.stdout).toContain('Imported 1 features')
    rmSync(bad)
    rmSync(good)
  }, 120_000)
})
