import { describe, expect, it } from 'vitest'
import { feedbackRouteOf, handlesFeedback, isFeedbackPath, reportPath } from './paths.ts'

const id = '0b6f1c2e-4a8d-4f7e-9c3b-2d1e0f9a8b7c'

describe('feedback page paths', () => {
  it('knows the queue, the rules and the templates pages', () => {
    expect(feedbackRouteOf('/console/phan-anh')).toEqual({ page: 'queue' })
    expect(feedbackRouteOf('/console/phan-anh/quy-tac')).toEqual({ page: 'rules' })
    expect(feedbackRouteOf('/console/phan-anh/mau')).toEqual({ page: 'templates' })
  })

  it('reads a report id (any case) from the path, and links back to the same path', () => {
    expect(feedbackRouteOf(reportPath(id))).toEqual({ page: 'report', id })
    expect(feedbackRouteOf(`/console/phan-anh/${id.toUpperCase()}`)).toEqual({ page: 'report', id })
  })

  it('calls anything else below the queue not found, broken escapes included', () => {
    expect(feedbackRouteOf('/console/phan-anh/PA-2026-000123')).toEqual({ page: 'notFound' })
    expect(feedbackRouteOf(`/console/phan-anh/${id}/extra`)).toEqual({ page: 'notFound' })
    expect(feedbackRouteOf('/console/phan-anh/%E0%A4%A')).toEqual({ page: 'notFound' })
  })

  it('claims only its own paths from the console router', () => {
    expect(isFeedbackPath('/console/phan-anh')).toBe(true)
    expect(isFeedbackPath(`/console/phan-anh/${id}`)).toBe(true)
    expect(isFeedbackPath('/console/phan-anh-cu')).toBe(false)
    expect(isFeedbackPath('/console/ban-do')).toBe(false)
  })

  it('offers the pages to the roles that handle reports only', () => {
    expect(handlesFeedback(['officer'])).toBe(true)
    expect(handlesFeedback(['alert_operator', 'leader'])).toBe(true)
    expect(handlesFeedback(['alert_operator'])).toBe(false)
    expect(handlesFeedback([])).toBe(false)
  })
})
