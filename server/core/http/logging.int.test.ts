import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { testPlatform, workerDatabase } from '../../../tests/support/test-platform.ts'
import { buildApp, loggerOptions } from '../../app.ts'

describe('request logs', () => {
  it('never contain national IDs, sign-in codes, cookies or API keys', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const app = await buildApp(await testPlatform(await workerDatabase()), {
      logger: pino(loggerOptions('info'), sink),
      serveWeb: false,
    })
    try {
      await app.inject({
        url: '/api/v1/console/residents?nationalId=079123456789&reason=abcdef',
        headers: { cookie: 'dc_session=COOKIESECRET', authorization: 'Bearer dc_abcdefabcdef_KEYSECRET' },
      })
      await app.inject('/auth/resident/callback?code=SECRETCODE&state=STATESECRET')
    } finally {
      await app.close()
    }
    const log = lines.join('')
    expect(log).toContain('incoming request')
    expect(log).toContain('[redacted]')
    for (const secret of ['079123456789', 'SECRETCODE', 'STATESECRET', 'COOKIESECRET', 'KEYSECRET']) {
      expect(log).not.toContain(secret)
    }
  })
})
