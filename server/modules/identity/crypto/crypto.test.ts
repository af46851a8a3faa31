import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../config.ts'
import { loadMasterKeys, MasterKeyError, parseMasterKey } from './master-key.ts'
import { open, seal } from './personal-data-cipher.ts'

describe('seal/open (AES-256-GCM)', () => {
  const key = randomBytes(32)

  it('round-trips, and never gives the same ciphertext twice', () => {
    const a = seal(key, Buffer.from('079123456789'), 'ctx')
    const b = seal(key, Buffer.from('079123456789'), 'ctx')
    expect(a).not.toBe(b)
    expect(open(key, a, 'ctx').toString()).toBe('079123456789')
  })

  it('refuses a ciphertext moved to another place (associated data) or tampered with', () => {
    const sealed = seal(key, Buffer.from('0901234567'), 'identity.residents.phone:a')
    expect(() => open(key, sealed, 'identity.residents.phone:b')).toThrow()
    const raw = Buffer.from(sealed, 'base64url')
    raw[14] = (raw[14] ?? 0) ^ 1
    expect(() => open(key, raw.toString('base64url'), 'identity.residents.phone:a')).toThrow()
    expect(() => open(randomBytes(32), sealed, 'identity.residents.phone:a')).toThrow()
  })
})

describe('master keys', () => {
  it('requires 32 bytes, and a key in production', () => {
    expect(() => parseMasterKey(Buffer.alloc(16).toString('base64'), 'K')).toThrow(MasterKeyError)
    expect(() => loadMasterKeys(loadConfig({ NODE_ENV: 'production' }))).toThrow(
      /DATA_MASTER_KEY is required/,
    )
  })

  it('makes and keeps a local key outside production, readable only by its owner', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dc-keys-'))
    const first = loadMasterKeys(loadConfig({ DATA_DIR: dataDir }))
    const second = loadMasterKeys(loadConfig({ DATA_DIR: dataDir }))
    expect(second.active.id).toBe(first.active.id)
    const file = join(dataDir, 'keys', 'master.key')
    expect(statSync(file).mode & 0o077).toBe(0)
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64')).toHaveLength(32)
  })

  it('accepts previous keys for unwrapping during a rotation', () => {
    const current = randomBytes(32).toString('base64')
    const previous = randomBytes(32).toString('base64')
    const keys = loadMasterKeys(
      loadConfig({ DATA_MASTER_KEY: current, DATA_MASTER_KEYS_PREVIOUS: previous, NODE_ENV: 'production' }),
    )
    expect(keys.byId.size).toBe(2)
    expect(keys.active.id).toBe(parseMasterKey(current, 'x').id)
  })
})
