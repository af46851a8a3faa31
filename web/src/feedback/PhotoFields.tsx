import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFailureText } from '../auth/ProblemAlert.tsx'
import { describedBy } from '../auth/TextField.tsx'
import { formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { fieldIds, maxPhotos } from './reportForm.ts'
import type { PhotoUpload } from './usePhotoUploads.ts'

export interface PhotoFieldsProps {
  photos: readonly PhotoUpload[]
  error: string | undefined
  onAdd: (files: File[]) => number
  onRetry: (photo: PhotoUpload) => void
  onRemove: (photo: PhotoUpload) => void
}

/**
 * Up to five photos. Each is uploaded as soon as it is chosen, with its own progress bar, error
 * and "try again"; thumbnails show what was chosen; any can be removed.
 */
export function PhotoFields({ photos, error, onAdd, onRetry, onRemove }: PhotoFieldsProps) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [leftOut, setLeftOut] = useState(0)
  const full = photos.length >= maxPhotos
  const id = fieldIds.photos
  const hint = t('feedback.photos.hint', { max: formatNumber(maxPhotos, language) })
  return (
    <div className={error ? 'field field--error photo-field' : 'field photo-field'}>
      <label htmlFor={id}>{t('feedback.photos.label', { max: formatNumber(maxPhotos, language) })}</label>
      <p id={`${id}-hint`} className="field__hint">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      <input
        id={id}
        type="file"
        accept="image/*"
        multiple
        disabled={full}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? [])
          // Cleared, so choosing the same file again (after removing it) still fires a change.
          event.target.value = ''
          if (files.length) setLeftOut(onAdd(files))
        }}
      />
      <p role="status" className="field__hint">
        {leftOut > 0 ? t('feedback.photos.leftOut', { total: formatNumber(leftOut, language) }) : ''}
        {full ? t('feedback.photos.full') : ''}
      </p>
      {photos.length > 0 ? (
        <ul className="photo-list" aria-label={t('feedback.photos.listLabel')}>
          {photos.map((photo, index) => (
            <PhotoItem
              key={photo.key}
              photo={photo}
              number={index + 1}
              onRetry={() => onRetry(photo)}
              onRemove={() => {
                setLeftOut(0)
                onRemove(photo)
              }}
            />
          ))}
        </ul>
      ) : null}
    </div>
  )
}

function PhotoItem({
  photo,
  number,
  onRetry,
  onRemove,
}: {
  photo: PhotoUpload
  number: number
  onRetry: () => void
  onRemove: () => void
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const failureText = useFailureText()
  const name = t('feedback.photos.name', { number: formatNumber(number, language), file: photo.file.name })
  const statusId = `photo-${photo.key}-status`
  return (
    <li className={`photo-item photo-item--${photo.status}`}>
      <img
        className="photo-item__thumb"
        src={photo.status === 'done' ? photo.uploaded.thumbnailUrl : photo.previewUrl}
        alt={name}
        width="96"
        height="96"
      />
      <div className="photo-item__body">
        <p className="photo-item__name">{name}</p>
        {photo.status === 'uploading' ? (
          <>
            <progress
              max={1}
              value={photo.progress}
              aria-label={t('feedback.photos.progressLabel', { name })}
            />
            <p id={statusId} className="field__hint">
              {t('feedback.photos.uploading', {
                percent: formatNumber(Math.round(photo.progress * 100), language),
              })}
            </p>
          </>
        ) : null}
        {photo.status === 'done' ? (
          <p id={statusId} className="notice--ok-text">
            {t('feedback.photos.done')}
          </p>
        ) : null}
        {photo.status === 'failed' ? (
          <p id={statusId} className="field__error" role="alert">
            {failureText(photo.failure)}
          </p>
        ) : null}
        <div className="button-row button-row--tight">
          {photo.status === 'failed' ? (
            <button type="button" className="button button--secondary button--small" onClick={onRetry}>
              {t('feedback.photos.retry')}
              <span className="visually-hidden"> {name}</span>
            </button>
          ) : null}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onRemove}
            aria-describedby={statusId}
          >
            {t('feedback.photos.remove')}
            <span className="visually-hidden"> {name}</span>
          </button>
        </div>
      </div>
    </li>
  )
}
