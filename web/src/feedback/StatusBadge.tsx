import type { ReportStatus } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { statusTone } from './reportRules.ts'

/** The status in words, on a tinted badge (the colour only repeats what the words say). */
export function StatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation()
  return (
    <span className={`status-badge status-badge--${statusTone(status)}`}>
      {t(`feedback.status.${status}`)}
    </span>
  )
}
