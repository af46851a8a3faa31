import type { Category, CategoryQuestion, ReportSubmitBody } from '@dc/contracts'

/** What the report form holds while the resident fills it in (photos are tracked apart). */
export interface ReportDraft {
  groupId: string
  categoryId: string
  answers: Record<string, string | string[]>
  pin: { lon: number; lat: number } | null
  /** The pin's ward as the API found it; `outside` when the pin is not in the city. */
  pinWard: { status: 'unknown' } | { status: 'found'; name: string } | { status: 'outside' }
  address: string
  /** The ward as typed, or the code of a ward chosen from the search results. */
  ward: string
  description: string
  anonymous: boolean
  public: boolean
}

export const emptyDraft: ReportDraft = {
  groupId: '',
  categoryId: '',
  answers: {},
  pin: null,
  pinWard: { status: 'unknown' },
  address: '',
  ward: '',
  description: '',
  anonymous: false,
  public: true,
}

export const descriptionLimits = { min: 10, max: 4000 } as const
export const maxPhotos = 5

/** The form's fields, each with a stable element id (error links and aria-describedby use them). */
export const fieldIds = {
  group: 'report-group',
  category: 'report-category',
  place: 'report-pin-centre',
  ward: 'report-ward',
  address: 'report-address',
  description: 'report-description',
  photos: 'report-photos',
} as const

export const answerFieldId = (code: string) => `report-answer-${code}`

export type FieldProblem =
  | 'groupMissing'
  | 'categoryMissing'
  | 'answerMissing'
  | 'placeMissing'
  | 'pinOutside'
  | 'descriptionShort'
  | 'descriptionLong'
  | 'photosBusy'
  | 'photosFailed'

export interface FieldError {
  fieldId: string
  problem: FieldProblem
  /** The question's label, for answerMissing. */
  question?: CategoryQuestion
}

export type PhotoSummary = { uploading: number; failed: number }

/** What must be fixed before sending, in the order of the form (empty: ready to send). */
export function validateDraft(
  draft: ReportDraft,
  category: Category | undefined,
  photos: PhotoSummary,
): FieldError[] {
  const errors: FieldError[] = []
  if (!draft.groupId) errors.push({ fieldId: fieldIds.group, problem: 'groupMissing' })
  else if (!category) errors.push({ fieldId: fieldIds.category, problem: 'categoryMissing' })
  for (const question of category?.questions ?? []) {
    if (question.required && !hasAnswer(draft.answers[question.code])) {
      errors.push({ fieldId: answerFieldId(question.code), problem: 'answerMissing', question })
    }
  }
  if (draft.pin && draft.pinWard.status === 'outside') {
    errors.push({ fieldId: fieldIds.place, problem: 'pinOutside' })
  } else if (!draft.pin && !draft.ward.trim()) {
    errors.push({ fieldId: fieldIds.ward, problem: 'placeMissing' })
  }
  const length = draft.description.trim().length
  if (length < descriptionLimits.min)
    errors.push({ fieldId: fieldIds.description, problem: 'descriptionShort' })
  else if (length > descriptionLimits.max)
    errors.push({ fieldId: fieldIds.description, problem: 'descriptionLong' })
  if (photos.uploading > 0) errors.push({ fieldId: fieldIds.photos, problem: 'photosBusy' })
  else if (photos.failed > 0) errors.push({ fieldId: fieldIds.photos, problem: 'photosFailed' })
  return errors
}

function hasAnswer(value: string | string[] | undefined): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value?.trim())
}

/**
 * A `datetime-local` value ("2026-11-24T14:30") is a time the resident read on a clock in the
 * city: send it with the city's offset (Asia/Ho_Chi_Minh has no daylight saving time).
 */
export function cityDateTime(localValue: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(localValue) ? `${localValue}:00+07:00` : localValue
}

/** The request body: answers of the chosen category only, the ward only when there is no pin. */
export function submitBody(draft: ReportDraft, category: Category, photoIds: string[]): ReportSubmitBody {
  const answers: Record<string, string | string[]> = {}
  for (const question of category.questions) {
    const value = draft.answers[question.code]
    if (!hasAnswer(value) || value === undefined) continue
    if (Array.isArray(value)) answers[question.code] = value
    else answers[question.code] = question.datatype === 'datetime' ? cityDateTime(value) : value.trim()
  }
  const body: ReportSubmitBody = {
    categoryId: category.id,
    description: draft.description.trim(),
    anonymous: draft.anonymous,
    public: draft.public,
  }
  if (Object.keys(answers).length > 0) body.answers = answers
  if (draft.pin) body.location = { lon: draft.pin.lon, lat: draft.pin.lat }
  else if (draft.ward.trim()) body.ward = draft.ward.trim()
  if (draft.address.trim()) body.address = draft.address.trim()
  if (photoIds.length > 0) body.photoIds = photoIds
  return body
}

/** JSON pointers the server may name in a validation_failed answer → the form's field ids. */
export function serverFieldIds(category: Category | undefined): Record<string, string> {
  const ids: Record<string, string> = {
    '/categoryId': fieldIds.category,
    '/description': fieldIds.description,
    '/location': fieldIds.place,
    '/location/lon': fieldIds.place,
    '/location/lat': fieldIds.place,
    '/ward': fieldIds.ward,
    '/address': fieldIds.address,
    '/photoIds': fieldIds.photos,
  }
  for (const question of category?.questions ?? [])
    ids[`/answers/${question.code}`] = answerFieldId(question.code)
  return ids
}
