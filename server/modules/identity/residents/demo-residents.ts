/**
 * The development e-ID provider's residents (dev-provider.ts). Invented people: the citizen
 * identity numbers (CCCD) follow the real layout — province code 079 (Hồ Chí Minh City), a digit
 * for sex and birth century (0/1 = male/female born 1900–1999, 2/3 = born 2000–2099), the birth
 * year's last two digits, six serial digits — but belong to nobody.
 */
export interface DemoResident {
  /** Stable, opaque subject identifier (what a real provider gives as `sub`). */
  sub: string
  /** Full name, NFC, family name first. */
  name: string
  /** 12-digit CCCD number. */
  nationalId: string
  /** YYYY-MM-DD */
  birthdate: string
  phone: string
  /** Level of assurance (acr): level2 = identity verified in person with the chip card. */
  acr: 'level1' | 'level2'
}

export const DEMO_RESIDENTS: readonly DemoResident[] = [
  {
    sub: '5f0c7d2e-8a41-4b6f-9c1d-2e7a9b3c4d01',
    name: 'Nguyễn Thị Thu Hà',
    nationalId: '079188012345',
    birthdate: '1988-03-14',
    phone: '0903123456',
    acr: 'level2',
  },
  {
    sub: '5f0c7d2e-8a41-4b6f-9c1d-2e7a9b3c4d02',
    name: 'Trần Văn Minh',
    nationalId: '079075004821',
    birthdate: '1975-11-02',
    phone: '0387654321',
    acr: 'level2',
  },
  {
    sub: '5f0c7d2e-8a41-4b6f-9c1d-2e7a9b3c4d03',
    name: 'Lê Hoàng Phúc',
    nationalId: '079201003317',
    birthdate: '2001-07-21',
    phone: '0912408815',
    acr: 'level2',
  },
  {
    sub: '5f0c7d2e-8a41-4b6f-9c1d-2e7a9b3c4d04',
    name: 'Phạm Ngọc Ánh',
    nationalId: '079195007642',
    birthdate: '1995-01-30',
    phone: '0356271904',
    acr: 'level2',
  },
  {
    sub: '5f0c7d2e-8a41-4b6f-9c1d-2e7a9b3c4d05',
    name: 'Võ Đức Thắng',
    nationalId: '079062001159',
    birthdate: '1962-09-09',
    phone: '0978330127',
    acr: 'level1',
  },
].map((resident) => ({ ...resident, name: resident.name.normalize('NFC') }) as DemoResident)

export function findDemoResident(sub: string): DemoResident | undefined {
  return DEMO_RESIDENTS.find((resident) => resident.sub === sub)
}
