import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../core/db/schema.ts'
import type { MasterKeys } from '../crypto/master-key.ts'
import {
  addEncryptionKey,
  fieldContext,
  PersonalDataCipher,
  rewrapDataKeys,
} from '../crypto/personal-data-cipher.ts'

/** An encrypted column: its ciphertexts are bound to `fieldContext(table, field, id)`. */
export interface EncryptedColumn {
  table: 'identity.residents' | 'identity.officials' | 'feedback.reports'
  column: string
  /** The field name in the encryption context (the column without _enc). */
  field: string
}

/** Every encrypted column of the platform. Modules that add one add it here. */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'identity.residents', column: 'national_id_enc', field: 'national_id' },
  { table: 'identity.residents', column: 'phone_enc', field: 'phone' },
  { table: 'identity.residents', column: 'birth_date_enc', field: 'birth_date' },
  { table: 'identity.officials', column: 'totp_secret_enc', field: 'totp_secret' },
  { table: 'feedback.reports', column: 'contact_email_enc', field: 'contact_email' },
  { table: 'feedback.reports', column: 'contact_phone_enc', field: 'contact_phone' },
]

export interface RotationResult {
  /** Data keys re-wrapped under the active master key. */
  rewrapped: number
  /** The new encryption data key (with --new-data-key). */
  newDataKeyId?: string
  /** Values re-encrypted with the new data key, by table.column. */
  reencrypted?: Record<string, number>
}

/**
 * Key rotation. Master key: set DATA_MASTER_KEY to the new key and list the old one in
 * DATA_MASTER_KEYS_PREVIOUS; this re-wraps every data key under the new one, after which the old
 * master key can be retired. Data key (newDataKey): a new encryption key becomes active and every
 * encrypted value not yet under it is re-encrypted, a batch at a time. Running servers keep the
 * key they loaded at start, so restart them and run this again: it only touches what is left.
 */
export async function rotateKeys(
  db: Kysely<DB>,
  master: MasterKeys,
  options: { newDataKey?: boolean; batchSize?: number } = {},
): Promise<RotationResult> {
  const rewrapped = await rewrapDataKeys(db, master)
  if (!options.newDataKey) return { rewrapped }
  const newDataKeyId = await addEncryptionKey(db, master.active)
  const reencrypted = await reencryptAll(db, master, options.batchSize)
  return { rewrapped, newDataKeyId, reencrypted }
}

/** Re-encrypts every value not under the active encryption key (idempotent). */
export async function reencryptAll(
  db: Kysely<DB>,
  master: MasterKeys,
  batchSize = 500,
): Promise<Record<string, number>> {
  const cipher = await PersonalDataCipher.load(db, master)
  const counts: Record<string, number> = {}
  for (const target of ENCRYPTED_COLUMNS) {
    counts[`${target.table}.${target.column}`] = await reencryptColumn(db, cipher, target, batchSize)
  }
  return counts
}

async function reencryptColumn(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  target: EncryptedColumn,
  batchSize: number,
): Promise<number> {
  const table = sql.table(target.table)
  const column = sql.ref(target.column)
  const current = `v1.${cipher.activeKeyId}.%`
  let after = '00000000-0000-0000-0000-000000000000'
  let count = 0
  for (;;) {
    const { rows } = await sql<{ id: string; value: string }>`
      select id::text as id, ${column} as value from ${table}
      where ${column} is not null and ${column} not like ${current} and id > ${after}::uuid
      order by id limit ${batchSize}
    `.execute(db)
    for (const row of rows) {
      const context = fieldContext(target.table, target.field, row.id)
      const fresh = cipher.encrypt(cipher.decrypt(row.value, context), context)
      // Only if unchanged since read: a value the application rewrote meanwhile is left alone.
      const result = await sql`
        update ${table} set ${column} = ${fresh} where id = ${row.id}::uuid and ${column} = ${row.value}
      `.execute(db)
      count += Number(result.numAffectedRows ?? 0)
    }
    if (rows.length < batchSize) return count
    after = rows[rows.length - 1]?.id ?? after
  }
}
