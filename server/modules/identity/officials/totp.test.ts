import { Secret, TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { newTotpSecret, TOTP_ISSUER, TotpVerifier, totpCode, totpEnrollment, totpStep } from './totp.ts'

// A fixed moment in the middle of a 30-second step.
const NOW = Date.UTC(2026, 0, 15, 8, 0, 15)
const at = (steps: number) => NOW + steps * 30_000

describe('TOTP', () => {
  it('makes RFC 6238 secrets, otpauth URIs and QR codes', async () => {
    const secret = newTotpSecret()
    expect(Secret.fromBase32(secret).bytes).toHaveLength(20)
    const enrollment = await totpEnrollment(secret, 'canbo.phuongsaigon')
    const uri = new URL(enrollment.otpauthUri)
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.host).toBe('totp')
    expect(decodeURIComponent(uri.pathname)).toBe(`/${TOTP_ISSUER}:canbo.phuongsaigon`)
    expect(uri.searchParams.get('secret')).toBe(secret)
    expect(uri.searchParams.get('issuer')).toBe(TOTP_ISSUER)
    expect(uri.searchParams.get('algorithm')).toBe('SHA1')
    expect(uri.searchParams.get('digits')).toBe('6')
    expect(uri.searchParams.get('period')).toBe('30')
    expect(enrollment.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s)
  })

  it('agrees with the RFC 6238 test vector (SHA-1, T = 59 s)', () => {
    const secret = new Secret({ buffer: new TextEncoder().encode('12345678901234567890').buffer }).base32
    const eightDigits = new TOTP({ secret: Secret.fromBase32(secret), digits: 8 }).generate({
      timestamp: 59_000,
    })
    expect(eightDigits).toBe('94287082')
    expect(totpCode(secret, 59_000)).toBe('287082')
  })

  it('accepts the current step ±1 and refuses ±2', () => {
    const secret = newTotpSecret()
    const verifier = new TotpVerifier(() => NOW)
    for (const steps of [-1, 0, 1]) {
      expect(verifier.verify(secret, totpCode(secret, at(steps)), null), `step ${steps}`).toBe(
        totpStep(NOW) + steps,
      )
    }
    for (const steps of [-2, 2]) {
      expect(verifier.verify(secret, totpCode(secret, at(steps)), null), `step ${steps}`).toBeUndefined()
    }
    expect(verifier.verify(secret, 'abcdef', null)).toBeUndefined()
  })

  it('never accepts the same or an older step twice', () => {
    const secret = newTotpSecret()
    const verifier = new TotpVerifier(() => NOW)
    const current = totpStep(NOW)
    expect(verifier.verify(secret, totpCode(secret, NOW), current)).toBeUndefined()
    expect(verifier.verify(secret, totpCode(secret, at(-1)), current)).toBeUndefined()
    expect(verifier.verify(secret, totpCode(secret, at(1)), current)).toBe(current + 1)
  })
})
