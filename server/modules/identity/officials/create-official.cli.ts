// `npm run official:create -- --username <u> --agency <agency id> --role <role> [--role <role>…]
//  [--full-name "<name>"] [--email <email>] [--ward <code>…]`: creates an official with a generated
// strong password, printed once. How a fresh deployment makes its first system administrator
// (`--agency ubnd-tp --role system_admin`). On the embedded engine, stop the server first.
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { loadConfig } from '../../../config.ts'
import { printProblem, withCliDatabase } from '../../../core/cli.ts'
import { AppError } from '../../../core/errors.ts'
import { OFFICIAL_ROLES, type OfficialRole } from '../../../core/http/access.ts'
import { createOfficial } from './official.repository.ts'
import { passwordProblems } from './password-policy.ts'

const USAGE =
  'Cách dùng / usage: npm run official:create -- --username <tên> --agency <mã cơ quan, vd. ubnd-tp> ' +
  `--role <${OFFICIAL_ROLES.join('|')}> [--role …] [--full-name "<họ tên>"] [--email <email>] [--ward <mã phường>…]`

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    agency: { type: 'string' },
    role: { type: 'string', multiple: true },
    'full-name': { type: 'string' },
    email: { type: 'string' },
    ward: { type: 'string', multiple: true },
  },
})
const roles = values.role ?? []
const badRole = roles.find((role) => !(OFFICIAL_ROLES as readonly string[]).includes(role))
if (!values.username || !values.agency || roles.length === 0 || badRole) {
  if (badRole) console.error(`Vai trò không hợp lệ / unknown role: ${badRole}`)
  console.error(USAGE)
  process.exit(2)
}
const username = values.username
const agencyId = values.agency

/** 24 random base64url characters (144 bits), re-drawn in the unlikely case the policy objects. */
function generatePassword(username: string): string {
  for (;;) {
    const password = randomBytes(18).toString('base64url')
    if (passwordProblems(password, { username }).length === 0) return password
  }
}

const config = loadConfig()
try {
  await withCliDatabase(config, async (database) => {
    const agency = await database.db
      .selectFrom('identity.agencies')
      .select(['id', 'name'])
      .where('id', '=', agencyId)
      .executeTakeFirst()
    if (!agency) {
      console.error(
        `Không có cơ quan "${agencyId}" (đã chạy máy chủ một lần để nạp dữ liệu chưa?) / ` +
          `no agency "${agencyId}" (has the server started once to load the seed data?)`,
      )
      process.exitCode = 1
    } else {
      const password = generatePassword(username)
      const official = await createOfficial(database.db, {
        username,
        fullName: values['full-name'] ?? username,
        email: values.email ?? null,
        agencyId: agency.id,
        roles: roles as OfficialRole[],
        wardCodes: values.ward ?? [],
        password,
      })
      console.log(
        `Đã tạo cán bộ / created official: ${official.username} (${official.id}), ${agency.name}, ${official.roles.join(', ')}\n` +
          `Mật khẩu (chỉ hiện một lần) / password (shown once): ${password}\n` +
          'Lần đăng nhập đầu tiên sẽ cài ứng dụng xác thực (TOTP). / The first sign-in sets up the authenticator app (TOTP).',
      )
    }
  })
} catch (error) {
  if (!(error instanceof AppError)) throw error
  printProblem(error)
  process.exitCode = 1
}
