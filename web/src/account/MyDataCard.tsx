import { useTranslation } from 'react-i18next'
import { myDataExportHref } from '../api/me.ts'

/** Download of everything the platform holds about the resident (data portability). */
export function MyDataCard() {
  const { t } = useTranslation()
  return (
    <section className="card account-card" aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">{t('account.myData.heading')}</h2>
      <p>{t('account.myData.intro')}</p>
      <a className="button button--secondary" href={myDataExportHref} download="du-lieu-cua-toi.json">
        {t('account.myData.download')}
      </a>
    </section>
  )
}
