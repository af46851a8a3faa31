// `npm run keys:rotate [-- --new-data-key]`: rotate the keys protecting personal data.
// Master key: set DATA_MASTER_KEY to the new key and DATA_MASTER_KEYS_PREVIOUS to the old one(s),
// run this (re-wraps the data keys), then drop the old key from DATA_MASTER_KEYS_PREVIOUS.
// --new-data-key also makes a new encryption data key and re-encrypts every encrypted value. Running
// servers keep encrypting with the key they loaded until restarted: restart them, then run
// `-- --reencrypt` to re-encrypt what they wrote meanwhile. On the embedded engine, stop the server first.

import { loadConfig } from '../../../config.ts'
import { withCliDatabase } from '../../../core/cli.ts'
import { loadMasterKeys } from '../crypto/master-key.ts'
import { reencryptAll, rotateKeys } from '../privacy/key-rotation.ts'

const args = new Set(process.argv.slice(2))
const known = new Set(['--new-data-key', '--reencrypt'])
const unknown = [...args].filter((arg) => !known.has(arg))
if (unknown.length > 0) {
  console.error(`Cách dùng / usage: npm run keys:rotate [-- --new-data-key | --reencrypt]`)
  process.exit(2)
}

const config = loadConfig()
const master = loadMasterKeys(config)
try {
  await withCliDatabase(config, async (database) => {
    const result = await rotateKeys(database.db, master, { newDataKey: args.has('--new-data-key') })
    console.log(
      `Đã bọc lại ${result.rewrapped} khóa dữ liệu bằng khóa chủ ${master.active.id}.\n` +
        `Re-wrapped ${result.rewrapped} data keys under master key ${master.active.id}.`,
    )
    const reencrypted =
      result.reencrypted ?? (args.has('--reencrypt') ? await reencryptAll(database.db, master) : undefined)
    if (result.newDataKeyId) {
      console.log(`Khóa mã hóa mới / new encryption data key: ${result.newDataKeyId}`)
    }
    if (reencrypted) {
      for (const [column, count] of Object.entries(reencrypted)) {
        console.log(`  ${column}: ${count} giá trị được mã hóa lại / values re-encrypted`)
      }
    }
  })
} catch (error) {
  // A missing previous master key is the usual mistake: say so plainly, without a stack trace.
  console.error(`Không xoay được khóa / key rotation failed: ${(error as Error).message}`)
  console.error(
    'Hãy đặt khóa chủ cũ vào DATA_MASTER_KEYS_PREVIOUS / set the old master key in DATA_MASTER_KEYS_PREVIOUS.',
  )
  process.exitCode = 1
}
