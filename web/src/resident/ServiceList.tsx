import { useTranslation } from 'react-i18next'
import { ServiceIcon, type ServiceIconName } from './ServiceIcon.tsx'

/** The platform's services, in the order residents meet them. Each becomes a page in a later issue. */
const services = ['feedback', 'procedures', 'map', 'warnings'] as const satisfies readonly ServiceIconName[]
type Service = (typeof services)[number]

export function ServiceList() {
  const { t } = useTranslation()
  return (
    <section className="services" aria-labelledby="services-heading">
      <h2 id="services-heading">{t('services.heading')}</h2>
      <ul className="services__grid">
        {services.map((service) => (
          <li key={service}>
            <ComingSoonServiceCard service={service} />
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Not a link yet, on purpose: a card that goes nowhere would be a dead end. */
function ComingSoonServiceCard({ service }: { service: Service }) {
  const { t } = useTranslation()
  return (
    <article className="card service-card" aria-labelledby={`service-${service}`}>
      <h3 id={`service-${service}`} className="service-card__title">
        <ServiceIcon name={service} />
        {t(`services.${service}.title`)}
      </h3>
      <p>{t(`services.${service}.description`)}</p>
      <p className="badge">{t('services.comingSoon')}</p>
    </article>
  )
}
