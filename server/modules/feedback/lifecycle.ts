import type { ReportStatus } from '@dc/contracts'
import { AppError } from '../../core/errors.ts'
import { FEEDBACK_POLICY } from './policy.ts'

/** What can happen to a report. Officials: start, resolve, reject; the resident: reopen, close (rating). */
export type LifecycleAction =
  | 'forward'
  | 'start'
  | 'resolve'
  | 'reject'
  | 'reopen'
  | 'close'
  | 'close_not_fixed'

/**
 * The report state machine: submitted → forwarded → in_progress → resolved | rejected → closed;
 * a resolved report can reopen (the resident says "not fixed") or end closed_not_fixed.
 */
const TRANSITIONS: Record<ReportStatus, Partial<Record<LifecycleAction, ReportStatus>>> = {
  submitted: { forward: 'forwarded' },
  forwarded: { start: 'in_progress', resolve: 'resolved', reject: 'rejected' },
  in_progress: { resolve: 'resolved', reject: 'rejected' },
  resolved: { reopen: 'in_progress', close: 'closed', close_not_fixed: 'closed_not_fixed' },
  rejected: { close: 'closed' },
  closed: {},
  closed_not_fixed: {},
}

export function canTransition(from: ReportStatus, action: LifecycleAction): boolean {
  return TRANSITIONS[from][action] !== undefined
}

/** The status after the action, or a 409 problem naming the current status. */
export function nextStatus(from: ReportStatus, action: LifecycleAction): ReportStatus {
  const to = TRANSITIONS[from][action]
  if (!to) {
    throw new AppError('report_transition_invalid', {
      detail: {
        vi: `Phản ánh đang ở trạng thái "${STATUS_NAMES[from].vi}", không thể thực hiện thao tác này.`,
        en: `The report is "${STATUS_NAMES[from].en}": this action is not possible now.`,
      },
    })
  }
  return to
}

/** When the resident's window to rate or say "not fixed" ends (null when there is none). */
export function residentWindowEnd(status: ReportStatus, resolvedAt: Date | null): Date | null {
  if ((status !== 'resolved' && status !== 'rejected') || !resolvedAt) return null
  return new Date(resolvedAt.getTime() + FEEDBACK_POLICY.ratingWindowDays * 86_400_000)
}

/**
 * The resident says the problem is not fixed: within the window, a resolved report reopens at its
 * agency; once it has been reopened maxReopens times it ends closed_not_fixed instead.
 */
export function notFixedOutcome(
  status: ReportStatus,
  reopenCount: number,
  resolvedAt: Date | null,
  now: Date,
): 'reopen' | 'close_not_fixed' {
  if (status !== 'resolved') nextStatus(status, 'reopen')
  const until = residentWindowEnd(status, resolvedAt)
  if (!until || now > until) throw new AppError('report_window_over')
  return reopenCount >= FEEDBACK_POLICY.maxReopens ? 'close_not_fixed' : 'reopen'
}

export const STATUS_NAMES: Record<ReportStatus, { vi: string; en: string }> = {
  submitted: { vi: 'Đã gửi', en: 'Submitted' },
  forwarded: { vi: 'Đã chuyển đơn vị xử lý', en: 'Forwarded' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  rejected: { vi: 'Từ chối', en: 'Rejected' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
  closed_not_fixed: { vi: 'Đã đóng, chưa khắc phục', en: 'Closed, not fixed' },
}
