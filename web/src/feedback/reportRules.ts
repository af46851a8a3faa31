import type { OwnReport, ReportStatus } from '@dc/contracts'

/** How a status reads at a glance; the badge always says it in words too. */
export type StatusTone = 'open' | 'done' | 'refused' | 'closed'

export function statusTone(status: ReportStatus): StatusTone {
  switch (status) {
    case 'submitted':
    case 'forwarded':
    case 'in_progress':
      return 'open'
    case 'resolved':
      return 'done'
    case 'rejected':
    case 'closed_not_fixed':
      return 'refused'
    case 'closed':
      return 'closed'
  }
}

const before = (until: string | null, now: Date) => until !== null && now.getTime() < Date.parse(until)

/** The reporter may rate a resolved or rejected report once, until the rating window ends. */
export function canRate(report: OwnReport, now: Date): boolean {
  return (
    report.isReporter &&
    report.rating === null &&
    (report.status === 'resolved' || report.status === 'rejected') &&
    before(report.ratingUntil, now)
  )
}

/** The reporter may say "not fixed" about a resolved report while the server allows it. */
export function canSayNotFixed(report: OwnReport, now: Date): boolean {
  return report.isReporter && report.status === 'resolved' && before(report.notFixedUntil, now)
}

/** "Me too" is for others who meet the same problem while it is still being handled. */
export function canMeToo(report: { status: ReportStatus }, isReporter: boolean): boolean {
  return (
    !isReporter &&
    (report.status === 'submitted' || report.status === 'forwarded' || report.status === 'in_progress')
  )
}
