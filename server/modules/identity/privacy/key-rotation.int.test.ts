import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkerDatabase, TEST_MASTER_KEY, testConfig } from '../../../../tests/support/test-platform.ts'
import type { Database } from '../../../core/db/database.ts'
import { loadMasterKeys } from '../crypto/master-key.ts'
import { fieldContext, PersonalDataCipher } from '../crypto/personal-data-cipher.ts'
import {
  findResidentIdsByNationalId,
  type ResidentClaims,
  readResidentProfile,
  upsertResident,
} from '../residents/resident.repository.ts'
import { ENCRYPTED_COLUMNS, rotateKeys } from './key-rotation.ts'

// Rotation rewrites every data key and ciphertext of a database, so it gets a database of its own
// rather than the worker's shared one (whose other test files hold the test master key).
let database: Database
const OLD_MASTER = TEST_MASTER_KEY
const NEW_MASTER = Buffer.alloc(32, 9).toString('base64')
const keys = (env: Record<string, string>) => loadMasterKeys(testConfig(env))
const oldOnly = () => keys({ DATA_MASTER_KEY: OLD_MASTER })
const newWithOld = () => keys({ DATA_MASTER_KEY: NEW_MASTER, DATA_MASTER_KEYS_PREVIOUS: OLD_MASTER })
const newOnly = () => keys({ DATA_MASTER_KEY: NEW_MASTER })

const residents: { id: string; claims: ResidentClaims }[] = []
let officialId: string
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

beforeAll(async () => {
  database = await openWorkerDatabase('w-keys')
  const cipher = await PersonalDataCipher.load(database.db, oldOnly())
  for (let index = 0; index < 7; index++) {
    const claims = {
      issuer: 'https://rotation.invalid',
      subject: randomUUID(),
      fullName: `Trần Văn Xoay ${index}`,
      nationalId: `0790${String(index).padStart(8, '7')}`,
      phone: `0912${String(index).padStart(6, '3')}`,
      birthDate: `1985-0${index + 1}-15`,
    }
    residents.push({ id: (await upsertResident(database.db, cipher, claims)).id, claims })
  }
  const agencyId = `test-rotation-${randomUUID().slice(0, 8)}`
  await database.db
    .insertInto('identity.agencies')
    .values({ id: agencyId, kind: 'department', name: 'Sở thử', name_en: 'Test', search_text: 'so thu' })
    .execute()
  officialId = randomUUID()
  await database.db
    .insertInto('identity.officials')
    .values({
      id: officialId,
      username: `rotation.${officialId.slice(0, 8)}`,
      full_name: 'Cán bộ Xoay Khóa',
      agency_id: agencyId,
      roles: ['officer'],
      totp_secret_enc: cipher.encrypt(
        TOTP_SECRET,
        fieldContext('identity.officials', 'totp_secret', officialId),
      ),
    })
    .execute()
})
afterAll(() => database?.close())

async function expectAllReadable(cipher: PersonalDataCipher) {
  for (const { id, claims } of residents) {
    const profile = await readResidentProfile(database.db, cipher, id)
    expect(profile).toMatchObject({
      nationalId: claims.nationalId,
      phone: claims.phone,
      birthDate: claims.birthDate,
    })
    expect(await findResidentIdsByNationalId(database.db, cipher, claims.nationalId as string)).toEqual([id])
  }
  const official = await database.db
    .selectFrom('identity.officials')
    .select('totp_secret_enc')
    .where('id', '=', officialId)
    .executeTakeFirstOrThrow()
  expect(
    cipher.decrypt(
      official.totp_secret_enc as string,
      fieldContext('identity.officials', 'totp_secret', officialId),
    ),
  ).toBe(TOTP_SECRET)
}

async function ciphertexts(): Promise<string[]> {
  const values: string[] = []
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const rows = await database.db
      .selectFrom(table)
      .select((eb) => eb.ref(column as 'id').as('value'))
      .execute()
    for (const row of rows) if (row.value) values.push(row.value as string)
  }
  return values
}

describe('key rotation', () => {
  it('master key: readable with the new key + old as previous, then with the new key alone', async () => {
    await expect(PersonalDataCipher.load(database.db, newOnly())).rejects.toThrow(/not configured/)
    await expectAllReadable(await PersonalDataCipher.load(database.db, newWithOld()))

    const result = await rotateKeys(database.db, newWithOld())
    expect(result.rewrapped).toBeGreaterThanOrEqual(2)
    expect(result.reencrypted).toBeUndefined()

    await expectAllReadable(await PersonalDataCipher.load(database.db, newOnly()))
    await expect(PersonalDataCipher.load(database.db, oldOnly())).rejects.toThrow(/not configured/)
    // Again: nothing left to re-wrap.
    expect((await rotateKeys(database.db, newOnly())).rewrapped).toBe(0)
  })

  it('--new-data-key: every ciphertext is re-encrypted under the new data key', async () => {
    const before = await PersonalDataCipher.load(database.db, newOnly())
    const oldKeyId = before.activeKeyId
    expect((await ciphertexts()).some((value) => before.keyIdOf(value) === oldKeyId)).toBe(true)

    const result = await rotateKeys(database.db, newOnly(), { newDataKey: true, batchSize: 3 })
    expect(result.newDataKeyId).toBeDefined()
    expect(result.newDataKeyId).not.toBe(oldKeyId)
    expect(result.reencrypted?.['identity.residents.national_id_enc']).toBeGreaterThanOrEqual(
      residents.length,
    )
    expect(result.reencrypted?.['identity.officials.totp_secret_enc']).toBeGreaterThanOrEqual(1)

    const after = await PersonalDataCipher.load(database.db, newOnly())
    expect(after.activeKeyId).toBe(result.newDataKeyId)
    const values = await ciphertexts()
    expect(values.length).toBeGreaterThanOrEqual(residents.length * 3 + 1)
    expect(values.filter((value) => after.keyIdOf(value) !== result.newDataKeyId)).toEqual([])
    await expectAllReadable(after)

    // Idempotent: a second pass finds nothing under an old key.
    const again = await rotateKeys(database.db, newOnly(), { newDataKey: false })
    expect(again.rewrapped).toBe(0)
  })
})
