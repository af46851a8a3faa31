import type { LocalizedText } from '@dc/contracts'
import type { FieldProblem } from '../errors.ts'

/** The shape of one schema-validation error as Fastify's validator (Ajv) reports it. */
export interface SchemaError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message?: string
}

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: { vi: 'chuỗi ký tự', en: 'text' },
  number: { vi: 'số', en: 'a number' },
  integer: { vi: 'số nguyên', en: 'a whole number' },
  boolean: { vi: 'đúng hoặc sai', en: 'true or false' },
  object: { vi: 'đối tượng', en: 'an object' },
  array: { vi: 'danh sách', en: 'a list' },
  null: { vi: 'rỗng (null)', en: 'null' },
}

const typeName = (type: unknown): LocalizedText => {
  const names = String(type)
    .split(',')
    .map((name) => TYPE_NAMES[name] ?? { vi: name, en: name })
  return { vi: names.map((n) => n.vi).join(' hoặc '), en: names.map((n) => n.en).join(' or ') }
}

/**
 * Field problems for a list of schema errors (Ajv's or TypeBox's, which share the shape): one per
 * field, the first reported for it (a union reports each branch; the resident needs one line).
 */
export function schemaProblems(errors: Iterable<SchemaError>, context: string | undefined): FieldProblem[] {
  const byPointer = new Map<string, FieldProblem>()
  for (const error of errors) {
    // TypeBox lists all missing properties in one error; Ajv reports one error per property.
    const expanded = Array.isArray(error.params.requiredProperties)
      ? error.params.requiredProperties.map((missingProperty) => ({ ...error, params: { missingProperty } }))
      : [error]
    for (const one of expanded) {
      const problem = describeSchemaError(one, context)
      if (!byPointer.has(problem.pointer)) byPointer.set(problem.pointer, problem)
    }
  }
  return [...byPointer.values()]
}

/**
 * Turns one validation error into a field pointer and a message a resident can act on, in both
 * languages. `context` is where the value came from: body, querystring, params or headers.
 */
export function describeSchemaError(error: SchemaError, context: string | undefined): FieldProblem {
  const base = context && context !== 'body' ? `${context}:` : ''
  const p = error.params
  let pointer = error.instancePath || '/'
  let message: LocalizedText
  switch (error.keyword) {
    case 'required': {
      pointer = `${error.instancePath}/${String(p.missingProperty)}`
      message = { vi: 'Mục này là bắt buộc.', en: 'This field is required.' }
      break
    }
    case 'type': {
      const t = typeName(p.type)
      message = { vi: `Phải là ${t.vi}.`, en: `Must be ${t.en}.` }
      break
    }
    case 'minLength':
      message =
        p.limit === 1
          ? { vi: 'Không được để trống.', en: 'Must not be empty.' }
          : { vi: `Phải có ít nhất ${p.limit} ký tự.`, en: `Must have at least ${p.limit} characters.` }
      break
    case 'maxLength':
      message = {
        vi: `Không được dài quá ${p.limit} ký tự.`,
        en: `Must not be longer than ${p.limit} characters.`,
      }
      break
    case 'minimum':
    case 'exclusiveMinimum':
      message = {
        vi: `Phải ${error.keyword === 'minimum' ? 'lớn hơn hoặc bằng' : 'lớn hơn'} ${p.limit}.`,
        en: `Must be ${error.keyword === 'minimum' ? 'at least' : 'more than'} ${p.limit}.`,
      }
      break
    case 'maximum':
    case 'exclusiveMaximum':
      message = {
        vi: `Phải ${error.keyword === 'maximum' ? 'nhỏ hơn hoặc bằng' : 'nhỏ hơn'} ${p.limit}.`,
        en: `Must be ${error.keyword === 'maximum' ? 'at most' : 'less than'} ${p.limit}.`,
      }
      break
    case 'minItems':
      message = { vi: `Cần ít nhất ${p.limit} mục.`, en: `Needs at least ${p.limit} items.` }
      break
    case 'maxItems':
      message = { vi: `Không được quá ${p.limit} mục.`, en: `Must not have more than ${p.limit} items.` }
      break
    case 'format':
      message = { vi: `Không đúng định dạng ${p.format}.`, en: `Must be a valid ${p.format}.` }
      break
    case 'pattern':
      message = { vi: 'Không đúng định dạng yêu cầu.', en: 'Does not have the expected format.' }
      break
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      message = { vi: 'Giá trị không nằm trong danh sách cho phép.', en: 'Is not one of the allowed values.' }
      break
    case 'additionalProperties':
      pointer = `${error.instancePath}/${String(p.additionalProperty)}`
      message = { vi: 'Mục này không được phép gửi.', en: 'This field is not allowed.' }
      break
    default:
      message = { vi: 'Giá trị không hợp lệ.', en: 'Invalid value.' }
  }
  return { pointer: `${base}${pointer}`, message }
}
