import { describe, expect, it } from 'vitest'
import { AppError } from '../../../core/errors.ts'
import { DEMO_PASSWORD } from './demo-officials.ts'
import { assertStrongPassword, hashPassword, passwordProblems, verifyPassword } from './password-policy.ts'

const owner = { username: 'nguyen.minhkhoa', fullName: 'Nguyễn Minh Khoa', email: 'khoa.nm@example.vn' }

describe('password policy', () => {
  it('refuses common and breached passwords, saying why in both languages', () => {
    for (const password of ['password123456', '12345678aA!', 'qwertyuiop123']) {
      const problems = passwordProblems(password, owner)
      expect(problems, password).toHaveLength(1)
      expect(problems[0]?.pointer).toBe('/password')
      expect(problems[0]?.message.vi).toMatch(/phổ biến|dễ đoán|ít nhất/)
      expect(problems[0]?.message.en).toMatch(/common|guess|at least/)
    }
  })

  it('refuses passwords shorter than 12 or longer than 128 characters', () => {
    expect(passwordProblems('Xk9#mP2$vL', owner)[0]?.message.en).toMatch(/at least 12/)
    expect(passwordProblems('a'.repeat(129), owner)[0]?.message.en).toMatch(/at most 128/)
  })

  it('refuses passwords containing the username or the name, diacritics or not', () => {
    for (const password of [
      'nguyen.minhkhoa-Ra!n-42',
      'Khoa-thich-bien-xanh-9',
      'MinhKhoa#Bay-Hai-Ba',
      'Nguyễn-lá-vàng-mùa-thu',
    ]) {
      expect(passwordProblems(password, owner)[0]?.message.en, password).toMatch(/username|name/)
    }
  })

  it('accepts a long, unrelated phrase (and the documented demo password)', () => {
    expect(passwordProblems('mây-trôi-qua-cầu-tre-7', owner)).toEqual([])
    expect(passwordProblems('correct horse battery staple', owner)).toEqual([])
    expect(passwordProblems(DEMO_PASSWORD, { username: 'quantri', fullName: 'Quản trị hệ thống' })).toEqual(
      [],
    )
  })

  it('throws weak_password with the field named', () => {
    try {
      assertStrongPassword('password123456', owner, '/newPassword')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('weak_password')
      expect((error as AppError).options.errors?.[0]?.pointer).toBe('/newPassword')
    }
  })
})

describe('password hashing', () => {
  it('uses Argon2id with the OWASP parameters and verifies', async () => {
    const hash = await hashPassword('mây-trôi-qua-cầu-tre-7')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(hash, 'mây-trôi-qua-cầu-tre-7')).toBe(true)
    // NFC and NFD spellings of the same Vietnamese text are the same password.
    expect(await verifyPassword(hash, 'mây-trôi-qua-cầu-tre-7'.normalize('NFD'))).toBe(true)
    expect(await verifyPassword(hash, 'mây-trôi-qua-cầu-tre-8')).toBe(false)
  })

  it('answers false for an unknown user after checking a dummy hash', async () => {
    expect(await verifyPassword(undefined, 'anything at all')).toBe(false)
    expect(await verifyPassword(null, '')).toBe(false)
  })
})
