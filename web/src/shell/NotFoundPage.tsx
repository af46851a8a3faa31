import { useTranslation } from 'react-i18next'
import { AppShell, type AppShellProps } from './AppShell.tsx'

/** What an app shows for a path it does not know (the server sends every app path to the app). */
export function NotFoundPage(
  props: Pick<AppShellProps, 'homeHref' | 'subtitle' | 'footerLinks' | 'account'>,
) {
  const { t } = useTranslation()
  return (
    <AppShell documentTitle={t('app.notFoundTitle')} {...props}>
      <section className="welcome" aria-labelledby="not-found-heading">
        <h1 id="not-found-heading">{t('app.notFoundTitle')}</h1>
        <p className="lead">{t('app.notFoundText')}</p>
        <p>
          <a href={props.homeHref}>{t('app.backHome')}</a>
        </p>
      </section>
    </AppShell>
  )
}
