import type { ConsoleReport } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { formatDistance, formatPosition, metersBetween } from './reportFacts.ts'

/**
 * The resident's photos and the after-photos, each opening full size; photos hidden from the
 * public say so and why. Below them, the position the first photo recorded (EXIF), which only
 * officials see, with its distance from the pin.
 */
export function ReportPhotos({ report }: { report: ConsoleReport }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const hidden = new Map(report.hiddenPhotos.map((photo) => [photo.id, photo.reason]))
  const shownIds = new Set(report.photos.map((photo) => photo.id))
  const hiddenElsewhere = report.hiddenPhotos.filter((photo) => !shownIds.has(photo.id))
  const positions = { report: 0, after: 0 }
  return (
    <section className="card cf-section" aria-labelledby="cf-photos-heading">
      <h2 id="cf-photos-heading">{t('consoleFeedback.report.photosHeading')}</h2>
      {report.photos.length === 0 && hiddenElsewhere.length === 0 ? (
        <p>{t('consoleFeedback.report.noPhotos')}</p>
      ) : (
        <ul className="cf-photos">
          {report.photos.map((photo) => {
            positions[photo.purpose] += 1
            const position = positions[photo.purpose]
            const alt =
              photo.purpose === 'after'
                ? t('consoleFeedback.report.afterPhotoAlt', { position, code: report.code })
                : t('consoleFeedback.report.photoAlt', { position, code: report.code })
            const reason = hidden.get(photo.id)
            return (
              <li key={photo.id} className="cf-photo">
                <a href={photo.url} target="_blank" rel="noreferrer">
                  <img
                    src={photo.thumbnailUrl}
                    alt={alt}
                    width={photo.width}
                    height={photo.height}
                    loading="lazy"
                  />
                </a>
                {photo.purpose === 'after' ? (
                  <span className="cf-photo__tag">{t('consoleFeedback.report.afterPhoto')}</span>
                ) : null}
                {reason !== undefined ? (
                  <span className="cf-aside">{t('consoleFeedback.report.photoHidden', { reason })}</span>
                ) : null}
              </li>
            )
          })}
          {hiddenElsewhere.map((photo) => (
            <li key={photo.id} className="cf-photo cf-photo--hidden">
              <span className="cf-aside">
                {t('consoleFeedback.report.photoHidden', { reason: photo.reason })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {report.photos.length ? (
        <>
          <h3>{t('consoleFeedback.report.exifHeading')}</h3>
          {report.photoGps ? (
            <>
              <p className="field__hint">{t('consoleFeedback.report.exifNote')}</p>
              <dl className="info-list cf-info">
                <div>
                  <dt>{t('consoleFeedback.report.exifPosition')}</dt>
                  <dd>{formatPosition(report.photoGps)}</dd>
                </div>
                {report.locationPrecision === 'point' ? (
                  <div>
                    <dt>{t('consoleFeedback.report.exifDistance')}</dt>
                    <dd>{formatDistance(metersBetween(report.photoGps, report.location), language)}</dd>
                  </div>
                ) : null}
              </dl>
            </>
          ) : (
            <p>{t('consoleFeedback.report.noExif')}</p>
          )}
        </>
      ) : null}
    </section>
  )
}
