import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

export const TOTP_ISSUER = 'Digital Citizen HCMC'
const PERIOD_SECONDS = 30
const DIGITS = 6
/** Accept the step before and after the current one (clock drift, a code typed at the boundary). */
const DRIFT_STEPS = 1

/** RFC 6238 as every authenticator app does it: HMAC-SHA1, 6 digits, 30-second steps. */
function totpFor(secretBase32: string, username = ''): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: username,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
  })
}

/** A new secret: 20 random bytes (the RFC 4226 recommendation for SHA-1), base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32

export interface TotpEnrollmentData {
  secret: string
  otpauthUri: string
  qrSvg: string
}

export async function totpEnrollment(secretBase32: string, username: string): Promise<TotpEnrollmentData> {
  const otpauthUri = totpFor(secretBase32, username).toString()
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { secret: secretBase32, otpauthUri, qrSvg }
}

/** The 30-second step a moment falls in. */
export const totpStep = (epochMs: number): number => Math.floor(epochMs / 1000 / PERIOD_SECONDS)

/** The code for a moment (tests and the development tools use it). */
export const totpCode = (secretBase32: string, epochMs: number): string =>
  totpFor(secretBase32).generate({ timestamp: epochMs })

/**
 * Checks codes against a clock that can be injected (tests give explicit moments instead of
 * sleeping). A code is accepted for the current step ±1; it must also be for a step later than the
 * last one accepted, so neither the same code nor an older one is ever accepted twice (the caller
 * stores the step it gets back, atomically, in officials.totp_last_step).
 */
export class TotpVerifier {
  constructor(private readonly now: () => number = Date.now) {}

  /** The step the code belongs to, or undefined when it is wrong, too old or already used. */
  verify(secretBase32: string, code: string, lastAcceptedStep: number | null): number | undefined {
    if (!/^[0-9]{6}$/.test(code)) return undefined
    const now = this.now()
    const delta = totpFor(secretBase32).validate({ token: code, timestamp: now, window: DRIFT_STEPS })
    if (delta === null) return undefined
    const step = totpStep(now) + delta
    if (lastAcceptedStep !== null && step <= lastAcceptedStep) return undefined
    return step
  }
}
