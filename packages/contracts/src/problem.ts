import Type, { type Static } from 'typebox'

/**
 * RFC 9457 problem details, as every error of the API answers them.
 * `title`/`detail` are in the request's language (Vietnamese by default);
 * `messages` always carries both languages so a client can show either.
 */
export const LocalizedText = Type.Object({
  vi: Type.String({ description: 'Tiếng Việt' }),
  en: Type.String({ description: 'English' }),
})
export type LocalizedText = Static<typeof LocalizedText>

export const ProblemField = Type.Object({
  pointer: Type.String({ description: 'JSON pointer (or query/param name) of the offending input' }),
  message: LocalizedText,
})

export const ProblemProperties = {
  type: Type.String({ description: 'URI identifying the problem type' }),
  title: Type.String(),
  status: Type.Integer({ minimum: 400, maximum: 599 }),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  code: Type.String({ description: 'Stable machine-readable code, e.g. validation_failed' }),
  requestId: Type.String(),
  messages: LocalizedText,
  errors: Type.Optional(Type.Array(ProblemField)),
}

export const Problem = Type.Object(ProblemProperties, {
  $id: 'Problem',
  description: 'RFC 9457 problem details',
})
export type Problem = Static<typeof Problem>
