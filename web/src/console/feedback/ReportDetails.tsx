import type { Category, ConsoleReport } from '@dc/contracts'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../i18n/format.ts'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { answerLines, formatPosition, formatShortDateTime } from './reportFacts.ts'

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** What the report says and where it stands: category, text, place, agencies, dates, counts. */
export function ReportDetails({ report, categories }: { report: ConsoleReport; categories: Category[] }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const answers = answerLines(report, categories, language)
  return (
    <section className="card cf-section" aria-labelledby="cf-details-heading">
      <h2 id="cf-details-heading">{t('consoleFeedback.report.detailsHeading')}</h2>
      <dl className="info-list cf-info">
        <Fact label={t('consoleFeedback.report.category')}>{report.category.name[language]}</Fact>
        <Fact label={t('consoleFeedback.report.description')}>
          <span className="cf-text">
            {report.description || t('consoleFeedback.report.descriptionEmpty')}
          </span>
          {report.descriptionHidden ? (
            <span className="cf-aside">{t('consoleFeedback.report.descriptionHidden')}</span>
          ) : null}
        </Fact>
        {report.address ? <Fact label={t('consoleFeedback.report.address')}>{report.address}</Fact> : null}
        <Fact label={t('consoleFeedback.report.ward')}>
          {language === 'en' ? report.ward.fullNameEn : report.ward.fullName}
        </Fact>
        <Fact label={t('consoleFeedback.report.location')}>
          {report.locationPrecision === 'point'
            ? formatPosition(report.location)
            : t('consoleFeedback.report.locationWardOnly')}
        </Fact>
        <Fact label={t('consoleFeedback.report.agency')}>{report.agency.name}</Fact>
        {report.coordinators.length ? (
          <Fact label={t('consoleFeedback.report.coordinators')}>
            {report.coordinators.map((agency) => agency.name).join(', ')}
          </Fact>
        ) : null}
        {report.escalatedTo ? (
          <Fact label={t('consoleFeedback.report.escalatedTo')}>{report.escalatedTo.name}</Fact>
        ) : null}
        <Fact label={t('consoleFeedback.report.submittedAt')}>
          {formatShortDateTime(report.submittedAt, language)}
        </Fact>
        <Fact label={t('consoleFeedback.report.updatedAt')}>
          {formatShortDateTime(report.updatedAt, language)}
        </Fact>
        <Fact label={t('consoleFeedback.report.meToo')}>{formatNumber(report.meTooCount, language)}</Fact>
        {report.reopenCount > 0 ? (
          <Fact label={t('consoleFeedback.report.reopenCount')}>
            {formatNumber(report.reopenCount, language)}
          </Fact>
        ) : null}
        <Fact label={t('consoleFeedback.report.source')}>
          {t(`consoleFeedback.report.sources.${report.source}`)}
        </Fact>
        <Fact label={t('consoleFeedback.report.visibility')}>
          {report.public ? t('consoleFeedback.report.isPublic') : t('consoleFeedback.report.isPrivate')}
        </Fact>
        {report.rating !== null ? (
          <Fact label={t('consoleFeedback.report.rating')}>
            {t('consoleFeedback.report.ratingValue', { rating: report.rating })}
          </Fact>
        ) : null}
      </dl>
      {answers.length ? (
        <>
          <h3>{t('consoleFeedback.report.answersHeading')}</h3>
          <dl className="info-list cf-info">
            {answers.map((answer) => (
              <Fact key={answer.code} label={answer.label}>
                {answer.value}
              </Fact>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  )
}

/** Who sent it, only when they did not choose to stay anonymous. */
export function ReporterCard({ report }: { report: ConsoleReport }) {
  const { t } = useTranslation()
  const reporter = report.reporter
  const contact = reporter
    ? [
        [t('consoleFeedback.report.reporterName'), reporter.name],
        [t('consoleFeedback.report.reporterEmail'), reporter.email],
        [t('consoleFeedback.report.reporterPhone'), reporter.phone],
      ].filter((line): line is [string, string] => Boolean(line[1]))
    : []
  return (
    <section className="card cf-section" aria-labelledby="cf-reporter-heading">
      <h2 id="cf-reporter-heading">{t('consoleFeedback.report.reporterHeading')}</h2>
      {report.anonymous ? (
        <>
          <p className="cf-anonymous">{t('consoleFeedback.report.anonymous')}</p>
          <p className="field__hint">{t('consoleFeedback.report.anonymousNote')}</p>
        </>
      ) : contact.length ? (
        <dl className="info-list cf-info">
          {contact.map(([label, value]) => (
            <Fact key={label} label={label}>
              {value}
            </Fact>
          ))}
        </dl>
      ) : (
        <p>{t('consoleFeedback.report.noContact')}</p>
      )}
    </section>
  )
}
