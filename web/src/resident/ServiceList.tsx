import { useTranslation } from 'react-i18next'
import { feedbackPaths } from '../feedback/paths.ts'
import { mapPath } from './MapPage.tsx'
import { ServiceIcon, type ServiceIconName } from './ServiceIcon.tsx'

/** The platform's services, in the order residents meet them. Each becomes a page in a later issue. */
const services = ['feedback', 'procedures', 'map', 'warnings'] as const satisfies readonly ServiceIconName[]
type Service = (typeof services)[number]

/** Services that have a page already, and where it is. */
const servicePages: Partial<Record<Service, string>> = { map: mapPath, feedback: feedbackPaths.list }

export function ServiceList() {
  const { t } = useTranslation()
  return (
    <section className="services" aria-labelledby="services-heading">
      <h2 id="services-heading">{t('services.heading')}</h2>
      <ul className="services__grid">
        {services.map((service) => (
          <li key={service}>
            <ServiceCard service={service} href={servicePages[service]} />
          </li>
        ))}
      </ul>
    </section>
  )
}

/**
 * A service with a page is a link (its title; the whole card takes the tap). One without is
 * marked "coming soon" and is not a link, on purpose: a card that goes nowhere would be a dead end.
 */
function ServiceCard({ service, href }: { service: Service; href: string | undefined }) {
  const { t } = useTranslation()
  const title = t(`services.${service}.title`)
  return (
    <article
      className={href ? 'card service-card service-card--link' : 'card service-card'}
      aria-labelledby={`service-${service}`}
    >
      <h3 id={`service-${service}`} className="service-card__title">
        <ServiceIcon name={service} />
        {href ? <a href={href}>{title}</a> : title}
      </h3>
      <p>{t(`services.${service}.description`)}</p>
      {href ? null : <p className="badge">{t('services.comingSoon')}</p>}
    </article>
  )
}
