// `npm run audit:verify`: walk the access log's hash chain and name the first broken row.
// Exit 0 when intact, 1 when broken. Works on a running system (reads only).

import { loadConfig } from '../../../config.ts'
import { withCliDatabase } from '../../../core/cli.ts'
import { AccessLog, BROKEN_REASON_TEXT } from '../privacy/access-log.ts'

const config = loadConfig()
await withCliDatabase(config, async (database) => {
  const result = await new AccessLog(database.db).verify()
  if (result.ok) {
    console.log(
      `OK: chuỗi nhật ký truy cập nguyên vẹn, đã kiểm tra ${result.checked} bản ghi.\n` +
        `OK: access log chain intact, ${result.checked} entries checked.`,
    )
  } else if (result.firstBroken) {
    const { seq, reason } = result.firstBroken
    console.error(
      `HỎNG / BROKEN: bản ghi số ${seq} ${BROKEN_REASON_TEXT[reason].vi}.\n` +
        `Entry seq ${seq}: ${BROKEN_REASON_TEXT[reason].en} (${reason}); ${result.checked} entries checked.`,
    )
    process.exitCode = 1
  }
})
