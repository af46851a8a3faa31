import type { Ready } from '@dc/contracts'
import { useTranslation } from 'react-i18next'

const checkOrder = [
  'database',
  'migrations',
  'seed',
  'accepting',
] as const satisfies readonly (keyof Ready['checks'])[]

/** One row a readiness check; the state is written out, the colour only repeats it. */
export function ReadinessTable({ ready }: { ready: Ready }) {
  const { t } = useTranslation()
  return (
    <>
      <p className={`overall overall--${ready.status}`}>
        {ready.status === 'ready' ? t('status.overallReady') : t('status.overallNotReady')}
      </p>
      <table className="status-table">
        <caption className="visually-hidden">{t('status.readinessHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('status.checkColumn')}</th>
            <th scope="col">{t('status.stateColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {checkOrder.map((check) => (
            <tr key={check}>
              <th scope="row">{t(`status.checks.${check}`)}</th>
              <td>
                <CheckState passed={ready.checks[check]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

function CheckState({ passed }: { passed: boolean }) {
  const { t } = useTranslation()
  return (
    <span className={passed ? 'check-state check-state--ok' : 'check-state check-state--failed'}>
      <span aria-hidden="true">{passed ? '✓ ' : '✗ '}</span>
      {passed ? t('status.ready') : t('status.notReady')}
    </span>
  )
}
