import type { ReportStatus } from '@dc/contracts'
import { useTranslation } from 'react-i18next'

/** A report's status in words (never colour alone), tinted by how far along it is. */
export function StatusChip({ status }: { status: ReportStatus }) {
  const { t } = useTranslation()
  return <span className={`cf-status cf-status--${status}`}>{t(`consoleFeedback.statuses.${status}`)}</span>
}
