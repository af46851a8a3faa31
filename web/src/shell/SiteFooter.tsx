import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** Footer shared by both apps: a note, the app's own links, and the API documentation. */
export function SiteFooter({ links }: { links?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>{t('app.footerNote')}</p>
        <ul className="site-footer__links">
          {links}
          <li>
            <a href="/api/docs">{t('app.apiDocs')}</a>
          </li>
        </ul>
      </div>
    </footer>
  )
}
