import { foldVietnamese } from '@dc/contracts'
import { hash, type Options, verify } from '@node-rs/argon2'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as zxcvbnCommon from '@zxcvbn-ts/language-common'
import { AppError, type FieldProblem } from '../../../core/errors.ts'

export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128
/** zxcvbn scores 0–4; 3 means "safely unguessable: moderate protection from offline attacks". */
const MIN_SCORE = 3

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane), which are also the library's
 * defaults; named here so a library upgrade cannot lower them silently. Parameters live in each
 * hash string, so raising them later still verifies old hashes.
 */
const ARGON2: Options = {
  algorithm: 2 as Options['algorithm'],
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
}

export const hashPassword = (password: string): Promise<string> => hash(password.normalize('NFC'), ARGON2)

/** A hash of nothing anyone knows: checked against when the username is unknown, so both cases cost the same. */
let dummyHash: Promise<string> | undefined
const theDummyHash = () => {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-never-a-password`)
  return dummyHash
}

/**
 * Checks a password against a stored hash. With no hash (unknown user, an official who signs in
 * only through e-ID) a dummy hash is checked anyway and the answer is false: the time taken does
 * not tell whether the username exists.
 */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  const target = storedHash ?? (await theDummyHash())
  let matches = false
  try {
    matches = await verify(target, password.normalize('NFC'))
  } catch {
    matches = false
  }
  return matches && storedHash != null
}

// zxcvbn with the common dictionaries: ~30,000 passwords from breach corpora and a diceware list,
// plus keyboard patterns, dates, sequences and repeats.
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...zxcvbnCommon.dictionary },
  graphs: zxcvbnCommon.adjacencyGraphs,
})

export interface PasswordOwner {
  username?: string | undefined
  fullName?: string | undefined
  email?: string | null | undefined
}

const msg = (vi: string, en: string) => ({ vi, en })

/** Why a password is refused (empty: accepted). `pointer` names the body field it came in. */
export function passwordProblems(
  password: string,
  owner: PasswordOwner,
  pointer = '/password',
): FieldProblem[] {
  const length = [...password.normalize('NFC')].length
  if (length < PASSWORD_MIN_LENGTH) {
    return [
      {
        pointer,
        message: msg(
          `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự (hiện có ${length}). Một cụm nhiều từ dễ nhớ mà khó đoán.`,
          `The password needs at least ${PASSWORD_MIN_LENGTH} characters (it has ${length}). A phrase of several words is easy to remember and hard to guess.`,
        ),
      },
    ]
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [
      {
        pointer,
        message: msg(
          `Mật khẩu dài tối đa ${PASSWORD_MAX_LENGTH} ký tự.`,
          `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`,
        ),
      },
    ]
  }
  const personal = personalWords(owner)
  const folded = foldVietnamese(password).replace(/[^a-z0-9]/g, '')
  if (personal.some((word) => folded.includes(word))) {
    return [
      {
        pointer,
        message: msg(
          'Mật khẩu không được chứa tên đăng nhập, họ tên hay địa chỉ thư điện tử của bạn.',
          'The password must not contain your username, your name or your email address.',
        ),
      },
    ]
  }
  const result = zxcvbn.check(password, personal)
  if (result.score < MIN_SCORE) {
    const common = result.sequence.some(
      (part) =>
        part.pattern === 'dictionary' &&
        'dictionaryName' in part &&
        part.dictionaryName === 'passwords-common',
    )
    return [
      {
        pointer,
        message: common
          ? msg(
              'Mật khẩu này (hoặc phần lớn của nó) nằm trong danh sách mật khẩu phổ biến, đã bị lộ. Hãy chọn cụm từ khác.',
              'This password (or most of it) is on lists of common, leaked passwords. Please choose another phrase.',
            )
          : msg(
              'Mật khẩu quá dễ đoán (chuỗi bàn phím, ngày tháng, ký tự lặp hoặc từ quen thuộc). Hãy dùng cụm nhiều từ ít liên quan.',
              'The password is too easy to guess (keyboard runs, dates, repeats or familiar words). Use a phrase of several unrelated words.',
            ),
      },
    ]
  }
  return []
}

/** Throws `weak_password` (with why, per field) unless the password passes the policy. */
export function assertStrongPassword(password: string, owner: PasswordOwner, pointer = '/password'): void {
  const errors = passwordProblems(password, owner, pointer)
  if (errors.length > 0) throw new AppError('weak_password', { errors })
}

/**
 * The owner's words a password must not contain, folded: the username and its parts, the full
 * name run together and its longer words (short ones such as "an", "thi", "van" occur in too many
 * unrelated phrases), the email's local part.
 */
function personalWords(owner: PasswordOwner): string[] {
  const alnum = (text: string) => foldVietnamese(text).replace(/[^a-z0-9]/g, '')
  const words = new Set<string>()
  const add = (text: string | undefined | null, min: number) => {
    if (!text) return
    const folded = alnum(text)
    if (folded.length >= min) words.add(folded)
  }
  add(owner.username, 3)
  for (const part of owner.username?.split(/[._-]/) ?? []) add(part, 4)
  add(owner.fullName, 3)
  for (const part of owner.fullName?.split(/\s+/) ?? []) add(part, 4)
  add(owner.email?.split('@')[0], 4)
  return [...words]
}
