import { REPORT_STATUSES } from '@dc/contracts'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../core/errors.ts'
import { canTransition, nextStatus, notFixedOutcome, residentWindowEnd } from './lifecycle.ts'
import { FEEDBACK_POLICY } from './policy.ts'

describe('report lifecycle', () => {
  it('moves forward only along the 1022 path', () => {
    expect(nextStatus('submitted', 'forward')).toBe('forwarded')
    expect(nextStatus('forwarded', 'start')).toBe('in_progress')
    expect(nextStatus('forwarded', 'resolve')).toBe('resolved')
    expect(nextStatus('in_progress', 'reject')).toBe('rejected')
    expect(nextStatus('resolved', 'reopen')).toBe('in_progress')
    expect(nextStatus('resolved', 'close_not_fixed')).toBe('closed_not_fixed')
    expect(nextStatus('rejected', 'close')).toBe('closed')
  })

  it('refuses everything from the end states, and skipping steps, with a 409', () => {
    for (const action of ['forward', 'start', 'resolve', 'reject', 'reopen', 'close'] as const) {
      expect(canTransition('closed', action)).toBe(false)
      expect(canTransition('closed_not_fixed', action)).toBe(false)
    }
    expect(canTransition('submitted', 'resolve')).toBe(false)
    expect(canTransition('rejected', 'reopen')).toBe(false)
    expect(() => nextStatus('in_progress', 'start')).toThrow(AppError)
    try {
      nextStatus('closed', 'start')
    } catch (error) {
      expect((error as AppError).status).toBe(409)
      expect((error as AppError).options.detail?.vi).toContain('Đã đóng')
    }
  })

  it('every status has a way in (but submitted) and the open ones a way out', () => {
    const reachable = new Set(['submitted'])
    for (const from of REPORT_STATUSES) {
      for (const action of [
        'forward',
        'start',
        'resolve',
        'reject',
        'reopen',
        'close',
        'close_not_fixed',
      ] as const) {
        if (canTransition(from, action)) reachable.add(nextStatus(from, action))
      }
    }
    expect([...reachable].sort()).toEqual([...REPORT_STATUSES].sort())
  })

  it('lets the reporter say "not fixed" within the window, reopening until the last time', () => {
    const resolvedAt = new Date('2026-11-02T03:00:00Z')
    const inside = new Date(resolvedAt.getTime() + 6 * 86_400_000)
    const after = new Date(resolvedAt.getTime() + (FEEDBACK_POLICY.ratingWindowDays * 86_400_000 + 1))
    expect(notFixedOutcome('resolved', 0, resolvedAt, inside)).toBe('reopen')
    expect(notFixedOutcome('resolved', FEEDBACK_POLICY.maxReopens - 1, resolvedAt, inside)).toBe('reopen')
    expect(notFixedOutcome('resolved', FEEDBACK_POLICY.maxReopens, resolvedAt, inside)).toBe(
      'close_not_fixed',
    )
    expect(() => notFixedOutcome('resolved', 0, resolvedAt, after)).toThrow(/report_window_over/)
    expect(() => notFixedOutcome('in_progress', 0, null, inside)).toThrow(/report_transition_invalid/)
    expect(residentWindowEnd('in_progress', resolvedAt)).toBeNull()
    expect(residentWindowEnd('rejected', resolvedAt)?.getTime()).toBe(resolvedAt.getTime() + 7 * 86_400_000)
  })
})
