import type { Category } from '@dc/contracts'
import { describe, expect, it } from 'vitest'
import {
  cityDateTime,
  emptyDraft,
  fieldIds,
  type ReportDraft,
  serverFieldIds,
  submitBody,
  validateDraft,
} from './reportForm.ts'

const text = (vi: string) => ({ vi, en: vi })

const pothole: Category = {
  id: 'roads.pothole',
  parentId: 'roads',
  name: text('Ổ gà'),
  description: text(''),
  deadlineWorkingDays: 10,
  requiresAfterPhoto: true,
  selectable: true,
  questions: [
    {
      code: 'size',
      label: text('Kích thước'),
      datatype: 'singlevaluelist',
      required: true,
      options: [{ key: 'small', name: text('Nhỏ') }],
    },
    { code: 'seen_at', label: text('Thấy lúc'), datatype: 'datetime', required: false, options: [] },
    { code: 'kinds', label: text('Loại'), datatype: 'multivaluelist', required: false, options: [] },
  ],
}

const ready: ReportDraft = {
  ...emptyDraft,
  groupId: 'roads',
  categoryId: 'roads.pothole',
  answers: { size: 'small' },
  pin: { lon: 106.7009, lat: 10.7769 },
  pinWard: { status: 'found', name: 'Phường Sài Gòn' },
  description: 'Ổ gà lớn trước số 12, xe máy dễ ngã.',
}
const noPhotos = { uploading: 0, failed: 0 }

describe('validateDraft', () => {
  it('accepts a complete draft', () => {
    expect(validateDraft(ready, pothole, noPhotos)).toEqual([])
  })

  it('lists what is missing in the order of the form, each tied to its field', () => {
    const errors = validateDraft(emptyDraft, undefined, noPhotos)
    expect(errors.map((error) => [error.fieldId, error.problem])).toEqual([
      [fieldIds.group, 'groupMissing'],
      [fieldIds.ward, 'placeMissing'],
      [fieldIds.description, 'descriptionShort'],
    ])
  })

  it('asks for the kind once the group is chosen, and for required answers', () => {
    expect(validateDraft({ ...ready, categoryId: '' }, undefined, noPhotos)[0]?.problem).toBe(
      'categoryMissing',
    )
    const unanswered = validateDraft({ ...ready, answers: {} }, pothole, noPhotos)
    expect(unanswered).toEqual([
      expect.objectContaining({ fieldId: 'report-answer-size', problem: 'answerMissing' }),
    ])
    expect(validateDraft({ ...ready, answers: { size: '  ' } }, pothole, noPhotos)).toHaveLength(1)
  })

  it('takes a typed ward instead of a pin, and refuses a pin outside the city', () => {
    expect(validateDraft({ ...ready, pin: null, ward: 'Bến Nghé' }, pothole, noPhotos)).toEqual([])
    expect(validateDraft({ ...ready, pin: null, ward: '  ' }, pothole, noPhotos)[0]?.problem).toBe(
      'placeMissing',
    )
    expect(validateDraft({ ...ready, pinWard: { status: 'outside' } }, pothole, noPhotos)[0]).toMatchObject({
      fieldId: fieldIds.place,
      problem: 'pinOutside',
    })
  })

  it('counts the description without surrounding spaces, within 10–4000 characters', () => {
    expect(validateDraft({ ...ready, description: '   short    ' }, pothole, noPhotos)[0]?.problem).toBe(
      'descriptionShort',
    )
    expect(validateDraft({ ...ready, description: 'x'.repeat(4001) }, pothole, noPhotos)[0]?.problem).toBe(
      'descriptionLong',
    )
  })

  it('waits for uploads, and refuses to send with a failed photo', () => {
    expect(validateDraft(ready, pothole, { uploading: 1, failed: 1 })[0]?.problem).toBe('photosBusy')
    expect(validateDraft(ready, pothole, { uploading: 0, failed: 1 })[0]?.problem).toBe('photosFailed')
  })
})

describe('submitBody', () => {
  it('sends the pin (not the ward), trimmed text, photos and the privacy choices', () => {
    const body = submitBody(
      { ...ready, ward: 'ignored', address: ' 12 Lê Lợi ', anonymous: true, public: false },
      pothole,
      ['a1b2c3d4-0000-4000-8000-000000000001'],
    )
    expect(body).toEqual({
      categoryId: 'roads.pothole',
      description: 'Ổ gà lớn trước số 12, xe máy dễ ngã.',
      answers: { size: 'small' },
      location: { lon: 106.7009, lat: 10.7769 },
      address: '12 Lê Lợi',
      photoIds: ['a1b2c3d4-0000-4000-8000-000000000001'],
      anonymous: true,
      public: false,
    })
  })

  it('sends the ward when there is no pin, and leaves empty parts out', () => {
    const body = submitBody(
      { ...ready, pin: null, ward: '26740', answers: { size: 'small', kinds: [] } },
      pothole,
      [],
    )
    expect(body.ward).toBe('26740')
    expect(body.location).toBeUndefined()
    expect(body.address).toBeUndefined()
    expect(body.photoIds).toBeUndefined()
    expect(body.answers).toEqual({ size: 'small' })
  })

  it('drops answers to questions of another category and writes times in city time', () => {
    const body = submitBody(
      { ...ready, answers: { size: 'small', seen_at: '2026-11-24T14:30', other: 'x' } },
      pothole,
      [],
    )
    expect(body.answers).toEqual({ size: 'small', seen_at: '2026-11-24T14:30:00+07:00' })
  })
})

describe('cityDateTime', () => {
  it('adds the city offset to a datetime-local value and leaves anything else alone', () => {
    expect(cityDateTime('2026-01-05T07:05')).toBe('2026-01-05T07:05:00+07:00')
    expect(cityDateTime('not a time')).toBe('not a time')
  })
})

describe('serverFieldIds', () => {
  it('maps the JSON pointers of a refused body to the form fields, questions included', () => {
    const ids = serverFieldIds(pothole)
    expect(ids['/description']).toBe(fieldIds.description)
    expect(ids['/answers/size']).toBe('report-answer-size')
    expect(ids['/ward']).toBe(fieldIds.ward)
  })
})
