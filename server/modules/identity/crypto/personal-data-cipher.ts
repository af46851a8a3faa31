import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../core/db/schema.ts'
import type { MasterKey, MasterKeys } from './master-key.ts'

const CIPHERTEXT_VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

interface DataKey {
  id: string
  key: Buffer
}

/** AES-256-GCM with a 12-byte random IV; output base64url(iv | ciphertext | tag). */
export function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
}

export function open(key: Buffer, sealed: string, aad: string): Buffer {
  const raw = Buffer.from(sealed, 'base64url')
  const iv = raw.subarray(0, IV_BYTES)
  const tag = raw.subarray(raw.length - TAG_BYTES)
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAAD(Buffer.from(aad, 'utf8'))
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()])
}

const wrapAad = (id: string, purpose: string) => `identity.data_keys:${id}:${purpose}`

/**
 * Envelope encryption of residents' personal data. Values are encrypted with a data key
 * (AES-256-GCM, associated data = where the value lives, e.g. `identity.residents.phone:<id>`, so a
 * ciphertext copied into another row or column does not decrypt); data keys are stored wrapped by
 * the master key. Lookups (find a resident by national ID) use an HMAC-SHA256 "blind index" with a
 * separate lookup key, so equality search works without decrypting anything.
 */
export class PersonalDataCipher {
  private constructor(
    private readonly encryptKey: DataKey,
    private readonly decryptKeys: Map<string, DataKey>,
    private readonly lookupKey: DataKey,
  ) {}

  /** Loads the data keys, creating the first ones on a new database. */
  static async load(db: Kysely<DB>, master: MasterKeys): Promise<PersonalDataCipher> {
    await ensureActiveKeys(db, master.active)
    const rows = await db.selectFrom('identity.data_keys').selectAll().execute()
    const decryptKeys = new Map<string, DataKey>()
    let encryptKey: DataKey | undefined
    let lookupKey: DataKey | undefined
    for (const row of rows) {
      const kek = master.byId.get(row.master_key_id)
      if (!kek) {
        throw new Error(
          `data key ${row.id} is wrapped by master key ${row.master_key_id}, which is not configured (DATA_MASTER_KEY / DATA_MASTER_KEYS_PREVIOUS)`,
        )
      }
      const dataKey = { id: row.id, key: open(kek.key, row.wrapped, wrapAad(row.id, row.purpose)) }
      if (row.purpose === 'encrypt') {
        decryptKeys.set(row.id, dataKey)
        if (row.active) encryptKey = dataKey
      } else if (row.active) lookupKey = dataKey
    }
    if (!encryptKey || !lookupKey) throw new Error('no active data keys')
    return new PersonalDataCipher(encryptKey, decryptKeys, lookupKey)
  }

  get activeKeyId(): string {
    return this.encryptKey.id
  }

  encrypt(plaintext: string, context: string): string {
    const sealed = seal(this.encryptKey.key, Buffer.from(plaintext.normalize('NFC'), 'utf8'), context)
    return `${CIPHERTEXT_VERSION}.${this.encryptKey.id}.${sealed}`
  }

  encryptOptional(plaintext: string | null | undefined, context: string): string | null {
    return plaintext == null || plaintext === '' ? null : this.encrypt(plaintext, context)
  }

  decrypt(ciphertext: string, context: string): string {
    const [version, keyId, sealed] = ciphertext.split('.')
    const dataKey = keyId ? this.decryptKeys.get(keyId) : undefined
    if (version !== CIPHERTEXT_VERSION || !dataKey || !sealed) {
      throw new Error(`cannot decrypt ${context}: unknown format or data key`)
    }
    return open(dataKey.key, sealed, context).toString('utf8')
  }

  decryptOptional(ciphertext: string | null | undefined, context: string): string | null {
    return ciphertext ? this.decrypt(ciphertext, context) : null
  }

  /** Which data key encrypted this value (the rotation command re-encrypts the old ones). */
  keyIdOf(ciphertext: string): string | undefined {
    return ciphertext.split('.')[1]
  }

  /** Keyed hash for equality lookups: the same input always gives the same hex digest. */
  lookupHash(value: string, purpose: string): string {
    return createHmac('sha256', this.lookupKey.key)
      .update(`${purpose}\u0000${value.normalize('NFC')}`)
      .digest('hex')
  }
}

/** Context strings: table.column:rowId. */
export const fieldContext = (table: string, column: string, rowId: string) => `${table}.${column}:${rowId}`

async function ensureActiveKeys(db: Kysely<DB>, master: MasterKey): Promise<void> {
  for (const purpose of ['encrypt', 'lookup'] as const) {
    const id = randomUUID()
    // Two instances starting together: the partial unique index keeps exactly one active key.
    await sql`
      insert into identity.data_keys (id, purpose, wrapped, master_key_id)
      select ${id}, ${purpose}, ${seal(master.key, randomBytes(32), wrapAad(id, purpose))}, ${master.id}
      where not exists (select 1 from identity.data_keys where purpose = ${purpose} and active)
      on conflict do nothing
    `.execute(db)
  }
}

/** Master-key rotation: re-wrap every data key under the active master key. */
export async function rewrapDataKeys(db: Kysely<DB>, master: MasterKeys): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('identity.data_keys').selectAll().forUpdate().execute()
    let rewrapped = 0
    for (const row of rows) {
      if (row.master_key_id === master.active.id) continue
      const kek = master.byId.get(row.master_key_id)
      if (!kek) throw new Error(`data key ${row.id}: master key ${row.master_key_id} is not configured`)
      const key = open(kek.key, row.wrapped, wrapAad(row.id, row.purpose))
      await trx
        .updateTable('identity.data_keys')
        .set({
          wrapped: seal(master.active.key, key, wrapAad(row.id, row.purpose)),
          master_key_id: master.active.id,
        })
        .where('id', '=', row.id)
        .execute()
      rewrapped++
    }
    return rewrapped
  })
}

/** Data-key rotation: a new encryption key becomes active (old ones stay for decryption). */
export async function addEncryptionKey(db: Kysely<DB>, master: MasterKey): Promise<string> {
  const id = randomUUID()
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('identity.data_keys')
      .set({ active: false })
      .where('purpose', '=', 'encrypt')
      .execute()
    await trx
      .insertInto('identity.data_keys')
      .values({
        id,
        purpose: 'encrypt',
        wrapped: seal(master.key, randomBytes(32), wrapAad(id, 'encrypt')),
        master_key_id: master.id,
      })
      .execute()
  })
  return id
}
