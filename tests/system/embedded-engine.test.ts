import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/core/db/database.ts'
import { EmbeddedDatabaseInUseError } from '../../server/core/db/embedded.ts'
import { copyEmbeddedTemplate } from '../support/templates.ts'

const dir = copyEmbeddedTemplate('lock')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the embedded engine', () => {
  it('refuses a second opener of the same directory while the first runs, then allows it', async () => {
    const first = await openDatabase({ embeddedDir: dir, poolMax: 1 })
    await expect(openDatabase({ embeddedDir: dir, poolMax: 1 })).rejects.toBeInstanceOf(
      EmbeddedDatabaseInUseError,
    )
    await first.close()
    const again = await openDatabase({ embeddedDir: dir, poolMax: 1 })
    await again.close()
  })
})
