import { createHash, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Config } from '../../../config.ts'

/** A 32-byte key-encryption key and its id (the first 16 hex digits of its SHA-256). */
export interface MasterKey {
  id: string
  key: Buffer
}

export interface MasterKeys {
  /** Wraps new and re-wrapped data keys. */
  active: MasterKey
  /** Every key that may unwrap: the active one and DATA_MASTER_KEYS_PREVIOUS. */
  byId: Map<string, MasterKey>
}

export class MasterKeyError extends Error {}

export function parseMasterKey(encoded: string, name: string): MasterKey {
  const key = Buffer.from(encoded.trim(), 'base64')
  if (key.length !== 32) throw new MasterKeyError(`${name} must be the base64 of 32 random bytes`)
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key }
}

/**
 * The master keys from configuration. Outside production, with no DATA_MASTER_KEY, a key is made
 * once and kept in DATA_DIR/keys/master.key (mode 0600) so `npm start` works with no setup; in
 * production the platform refuses to start without one.
 */
export function loadMasterKeys(config: Pick<Config, 'env' | 'dataDir' | 'identity'>): MasterKeys {
  let encoded = config.identity.dataMasterKey
  if (!encoded) {
    if (config.env === 'production') {
      throw new MasterKeyError('DATA_MASTER_KEY is required in production (base64 of 32 random bytes)')
    }
    encoded = localDevelopmentKey(join(config.dataDir, 'keys', 'master.key'))
  }
  const active = parseMasterKey(encoded, 'DATA_MASTER_KEY')
  const byId = new Map([[active.id, active]])
  for (const [index, previous] of config.identity.dataMasterKeysPrevious.entries()) {
    const key = parseMasterKey(previous, `DATA_MASTER_KEYS_PREVIOUS[${index}]`)
    byId.set(key.id, key)
  }
  return { active, byId }
}

function localDevelopmentKey(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8')
  mkdirSync(dirname(file), { recursive: true })
  const encoded = randomBytes(32).toString('base64')
  writeFileSync(file, encoded, { mode: 0o600, flag: 'wx' })
  chmodSync(file, 0o600)
  return encoded
}
