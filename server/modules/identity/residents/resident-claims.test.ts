import { describe, expect, it } from 'vitest'
import { ResidentSignInError, residentClaimsFrom } from './oidc-client.ts'
import { safeReturnTo } from './resident-auth.routes.ts'

describe('returnTo', () => {
  it('keeps paths on this site', () => {
    expect(safeReturnTo('/tai-khoan/ho-so?tab=1#x')).toBe('/tai-khoan/ho-so?tab=1#x')
    expect(safeReturnTo('/')).toBe('/')
  })

  it.each([
    undefined,
    '',
    'tai-khoan',
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/a\\b',
    `/${'a'.repeat(2001)}`,
  ])('sends %j to the account page instead', (value) => {
    expect(safeReturnTo(value)).toBe('/tai-khoan')
  })
})

describe('claims to a resident', () => {
  const claims = {
    sub: 'abc',
    name: 'Nguye\u0302\u0303n  Thi\u0323 Hoa',
    national_id: '079188012345',
    birthdate: '1988-03-14',
    phone_number: '0903123456',
    acr: 'level2',
  }

  it('maps the claims, with the name in NFC', () => {
    const resident = residentClaimsFrom('https://id.example.vn', claims)
    expect(resident).toEqual({
      issuer: 'https://id.example.vn',
      subject: 'abc',
      fullName: 'Nguyễn Thị Hoa',
      nationalId: '079188012345',
      birthDate: '1988-03-14',
      phone: '0903123456',
      assuranceLevel: 'level2',
    })
    expect(resident.fullName).toBe(resident.fullName?.normalize('NFC'))
  })

  it('builds the name from its parts, family name first', () => {
    const { name: _name, ...rest } = claims
    const resident = residentClaimsFrom('x', {
      ...rest,
      family_name: 'Lê',
      middle_name: 'Văn',
      given_name: 'Tám',
    })
    expect(resident.fullName).toBe('Lê Văn Tám')
  })

  it.each([undefined, '', '07918801234', '0791880123456', '07918801234a', 79188012345])(
    'refuses national_id %j',
    (nationalId) => {
      expect(() => residentClaimsFrom('x', { ...claims, national_id: nationalId })).toThrow(
        expect.objectContaining({ code: 'identity_incomplete' }) as unknown as Error,
      )
    },
  )

  it('drops a birth date that is not YYYY-MM-DD', () => {
    expect(residentClaimsFrom('x', { ...claims, birthdate: '14/03/1988' }).birthDate).toBeNull()
  })

  it('refuses claims without a subject', () => {
    expect(() => residentClaimsFrom('x', { ...claims, sub: '' })).toThrow(ResidentSignInError)
  })
})
