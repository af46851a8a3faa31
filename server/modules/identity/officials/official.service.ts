import type { Kysely, Selectable } from 'kysely'
import type { IdentityConfig } from '../../../config.ts'
import type { DB, OfficialsTable } from '../../../core/db/schema.ts'
import { AppError } from '../../../core/errors.ts'
import { fieldContext, type PersonalDataCipher } from '../crypto/personal-data-cipher.ts'
import { hashToken, newToken } from '../sessions.ts'
import { assertStrongPassword, hashPassword, verifyPassword } from './password-policy.ts'
import { newTotpSecret, type TotpEnrollmentData, TotpVerifier, totpEnrollment } from './totp.ts'

/** How long the TOTP step of a sign-in may take after the password was accepted. */
const CHALLENGE_MINUTES = 5
/** The longest lock, however many failures: a day. */
const MAX_LOCK_SECONDS = 24 * 3600

export const totpSecretContext = (officialId: string) =>
  fieldContext('identity.officials', 'totp_secret', officialId)

type OfficialRow = Selectable<OfficialsTable>

export type SignInStep = { status: 'totp_required' | 'totp_enrollment_required'; challenge: string }

/**
 * Officials' own sign-in: password (Argon2id), then a TOTP code; the TOTP secret is set up during
 * the first sign-in. Failures of either step count toward a lockout that doubles with every
 * further failure (LOCKOUT_THRESHOLD failures → LOCKOUT_BASE_SECONDS, then ×2 each, at most a day).
 * The counter resets only when a sign-in completes (password and code): resetting it on a correct
 * password alone would let someone who knows the password guess codes without limit.
 */
export class OfficialService {
  readonly totp: TotpVerifier

  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: PersonalDataCipher,
    private readonly config: Pick<IdentityConfig, 'lockoutThreshold' | 'lockoutBaseSeconds'>,
    private readonly clock: () => number = Date.now,
  ) {
    this.totp = new TotpVerifier(clock)
  }

  /** Step 1: username and password. Wrong username and wrong password give the same answer. */
  async signIn(usernameInput: string, password: string): Promise<SignInStep> {
    const username = usernameInput.trim().toLowerCase()
    const official = await this.db
      .selectFrom('identity.officials')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst()
    if (official) this.assertNotLocked(official)
    // Always one Argon2 verification, against a dummy hash when there is no user: equal work.
    const passwordOk = await verifyPassword(official?.password_hash, password)
    if (!official || official.disabled_at !== null) throw new AppError('sign_in_failed')
    if (!passwordOk) {
      await this.recordFailure(official.id)
      throw new AppError('sign_in_failed')
    }
    const challenge = newToken()
    const now = this.clock()
    await this.db
      .deleteFrom('identity.pending_sign_ins')
      .where('kind', '=', 'totp')
      .where('expires_at', '<', new Date(now))
      .execute()
    await this.db
      .insertInto('identity.pending_sign_ins')
      .values({
        token_hash: hashToken(challenge),
        kind: 'totp',
        data: JSON.stringify({ officialId: official.id }),
        expires_at: new Date(now + CHALLENGE_MINUTES * 60_000),
      })
      .execute()
    return { status: official.totp_enabled ? 'totp_required' : 'totp_enrollment_required', challenge }
  }

  /** First sign-in: a new TOTP secret for the authenticator app (stored encrypted, enabled by the first good code). */
  async enrollTotp(challenge: string): Promise<TotpEnrollmentData> {
    const official = await this.officialForChallenge(challenge)
    if (official.totp_enabled) {
      throw new AppError('conflict', {
        detail: {
          vi: 'Tài khoản đã cài ứng dụng xác thực. Hãy nhập mã 6 chữ số; nếu mất thiết bị, nhờ quản trị viên đặt lại.',
          en: 'This account already has an authenticator app. Enter its 6-digit code; if the device is lost, ask an administrator to reset it.',
        },
      })
    }
    const secret = newTotpSecret()
    await this.db
      .updateTable('identity.officials')
      .set({
        totp_secret_enc: this.cipher.encrypt(secret, totpSecretContext(official.id)),
        totp_last_step: null,
      })
      .where('id', '=', official.id)
      .where('totp_enabled', '=', false)
      .execute()
    return totpEnrollment(secret, official.username)
  }

  /**
   * Step 2: the TOTP code. Right code → the challenge is used up, the failure counter resets, TOTP
   * is enabled (first sign-in) and the official's id is returned for a new session.
   */
  async completeTotp(challenge: string, code: string): Promise<{ officialId: string }> {
    const official = await this.officialForChallenge(challenge)
    const secret = official.totp_secret_enc
      ? this.cipher.decrypt(official.totp_secret_enc, totpSecretContext(official.id))
      : undefined
    const step = secret ? this.totp.verify(secret, code, official.totp_last_step) : undefined
    // Record the step only if no other request took it (or a later one) first: no replay, even racing.
    const accepted =
      step !== undefined &&
      Number(
        (
          await this.db
            .updateTable('identity.officials')
            .set({ totp_last_step: step, totp_enabled: true, failed_attempts: 0, locked_until: null })
            .where('id', '=', official.id)
            .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
            .executeTakeFirst()
        ).numUpdatedRows,
      ) === 1
    if (!accepted) {
      await this.recordFailure(official.id)
      throw new AppError('totp_invalid')
    }
    await this.db
      .deleteFrom('identity.pending_sign_ins')
      .where('token_hash', '=', hashToken(challenge))
      .execute()
    return { officialId: official.id }
  }

  /** A signed-in official changes their password (the current one is checked and counts toward the lockout). */
  async changePassword(officialId: string, currentPassword: string, newPassword: string): Promise<void> {
    const official = await this.db
      .selectFrom('identity.officials')
      .selectAll()
      .where('id', '=', officialId)
      .executeTakeFirstOrThrow()
    this.assertNotLocked(official)
    if (!(await verifyPassword(official.password_hash, currentPassword))) {
      await this.recordFailure(official.id)
      throw new AppError('validation_failed', {
        errors: [
          {
            pointer: '/currentPassword',
            message: { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
          },
        ],
      })
    }
    assertStrongPassword(
      newPassword,
      { username: official.username, fullName: official.full_name, email: official.email },
      '/newPassword',
    )
    await this.db
      .updateTable('identity.officials')
      .set({ password_hash: await hashPassword(newPassword), updated_at: new Date(this.clock()) })
      .where('id', '=', official.id)
      .execute()
  }

  /** Counts a failed attempt; at the threshold the account locks, and answers account_locked from then on. */
  private async recordFailure(officialId: string): Promise<void> {
    const { failed_attempts: failures } = await this.db
      .updateTable('identity.officials')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('id', '=', officialId)
      .returning('failed_attempts')
      .executeTakeFirstOrThrow()
    const seconds = lockSeconds(failures, this.config)
    if (seconds === 0) return
    await this.db
      .updateTable('identity.officials')
      .set({ locked_until: new Date(this.clock() + seconds * 1000) })
      .where('id', '=', officialId)
      .execute()
    throw lockedError(seconds)
  }

  private assertNotLocked(official: OfficialRow): void {
    const remainingMs = (official.locked_until?.getTime() ?? 0) - this.clock()
    if (remainingMs > 0) throw lockedError(Math.ceil(remainingMs / 1000))
  }

  private async officialForChallenge(challenge: string): Promise<OfficialRow> {
    const pending = await this.db
      .selectFrom('identity.pending_sign_ins')
      .select(['data'])
      .where('token_hash', '=', hashToken(challenge))
      .where('kind', '=', 'totp')
      .where('expires_at', '>', new Date(this.clock()))
      .executeTakeFirst()
    const officialId = (pending?.data as { officialId?: unknown } | undefined)?.officialId
    const official =
      typeof officialId === 'string'
        ? await this.db
            .selectFrom('identity.officials')
            .selectAll()
            .where('id', '=', officialId)
            .executeTakeFirst()
        : undefined
    if (!official || official.disabled_at !== null) {
      if (pending) {
        await this.db
          .deleteFrom('identity.pending_sign_ins')
          .where('token_hash', '=', hashToken(challenge))
          .execute()
      }
      throw new AppError('sign_in_expired')
    }
    this.assertNotLocked(official)
    return official
  }
}

/** Lock length after this many consecutive failures: 0 below the threshold, then base × 2^(over), capped at a day. */
export function lockSeconds(
  failures: number,
  config: Pick<IdentityConfig, 'lockoutThreshold' | 'lockoutBaseSeconds'>,
): number {
  if (failures < config.lockoutThreshold) return 0
  const over = Math.min(failures - config.lockoutThreshold, 20)
  return Math.min(config.lockoutBaseSeconds * 2 ** over, MAX_LOCK_SECONDS)
}

const lockedError = (seconds: number) =>
  new AppError('account_locked', { headers: { 'retry-after': String(seconds) } })
