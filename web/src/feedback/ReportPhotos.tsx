import type { ReportPhoto } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'

/** The resident's photos, then the agency's "after" photos; each thumbnail opens the full image. */
export function ReportPhotos({ photos }: { photos: readonly ReportPhoto[] }) {
  const { t } = useTranslation()
  const before = photos.filter((photo) => photo.purpose === 'report')
  const after = photos.filter((photo) => photo.purpose === 'after')
  if (photos.length === 0) return null
  return (
    <section className="card" aria-labelledby="photos-heading">
      <h2 id="photos-heading">{t('feedback.report.photos')}</h2>
      {before.length > 0 ? <PhotoGrid photos={before} nameKey="photo" /> : null}
      {after.length > 0 ? (
        <>
          <h3>{t('feedback.report.afterPhotos')}</h3>
          <PhotoGrid photos={after} nameKey="afterPhoto" />
        </>
      ) : null}
    </section>
  )
}

function PhotoGrid({ photos, nameKey }: { photos: readonly ReportPhoto[]; nameKey: 'photo' | 'afterPhoto' }) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <ul className="photo-grid">
      {photos.map((photo, index) => (
        <li key={photo.id}>
          <a href={photo.url}>
            <img
              src={photo.thumbnailUrl}
              alt={t(`feedback.report.${nameKey}`, { number: formatNumber(index + 1, language) })}
              width="120"
              height="120"
              loading="lazy"
            />
          </a>
        </li>
      ))}
    </ul>
  )
}
