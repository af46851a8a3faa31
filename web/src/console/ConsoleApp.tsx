import { useTranslation } from 'react-i18next'
import { AppShell } from '../shell/AppShell.tsx'
import { ConsoleNav } from './ConsoleNav.tsx'
import { OfficialHeaderAccount } from './OfficialHeaderAccount.tsx'
import { SystemStatusPanel } from './SystemStatusPanel.tsx'

/** The officials' console home (`/console`): the system status panel. */
export function ConsoleApp() {
  const { t } = useTranslation()
  return (
    <AppShell
      documentTitle={t('console.documentTitle')}
      homeHref="/console"
      subtitle={t('console.productSubtitle')}
      account={<OfficialHeaderAccount />}
      nav={<ConsoleNav current="status" />}
      footerLinks={
        <li>
          <a href="/">{t('console.residentLink')}</a>
        </li>
      }
    >
      <section className="welcome" aria-labelledby="console-heading">
        <h1 id="console-heading">{t('console.heading')}</h1>
        <p className="lead">{t('console.intro')}</p>
      </section>
      <SystemStatusPanel />
    </AppShell>
  )
}
