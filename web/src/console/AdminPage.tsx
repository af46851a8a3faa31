import type { AgencyList } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { fetchAgencies } from '../api/admin.ts'
import { useApiResource } from '../api/useApiResource.ts'
import '../auth/identity.css'
import { AppShell } from '../shell/AppShell.tsx'
import { ResourceView } from '../shell/ResourceView.tsx'
import { ApiKeysAdmin } from './ApiKeysAdmin.tsx'
import { ConsoleNav } from './ConsoleNav.tsx'
import { OfficialHeaderAccount } from './OfficialHeaderAccount.tsx'
import { OfficialsAdmin } from './OfficialsAdmin.tsx'
import { isAdmin, useOfficial } from './officialSession.tsx'

/** `/console/quan-tri`: officials and API keys, for agency and system administrators. */
export function AdminPage() {
  const { t } = useTranslation()
  const official = useOfficial()
  const agencies = useApiResource(fetchAgencies)
  return (
    <AppShell
      documentTitle={t('admin.documentTitle')}
      homeHref="/console"
      subtitle={t('console.productSubtitle')}
      nav={<ConsoleNav current="admin" />}
      account={<OfficialHeaderAccount />}
      footerLinks={
        <li>
          <a href="/">{t('console.residentLink')}</a>
        </li>
      }
    >
      <section className="welcome" aria-labelledby="admin-heading">
        <h1 id="admin-heading">{t('admin.heading')}</h1>
        <p className="lead">{t('admin.intro')}</p>
      </section>
      {official && isAdmin(official) ? (
        <ResourceView resource={agencies}>
          {(data: AgencyList) => <AdminSections agencies={data} />}
        </ResourceView>
      ) : (
        <p className="notice notice--error" role="alert">
          {t('admin.notAdmin')}
        </p>
      )}
    </AppShell>
  )
}

function AdminSections({ agencies }: { agencies: AgencyList }) {
  return (
    <>
      <OfficialsAdmin agencies={agencies.agencies} />
      <ApiKeysAdmin agencies={agencies.agencies} />
    </>
  )
}
