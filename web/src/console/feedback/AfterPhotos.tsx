import type { PhotoUploaded } from '@dc/contracts'
import { type ChangeEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureOf } from '../../account/SessionsCard.tsx'
import type { RequestFailure } from '../../api/errors.ts'
import { uploadPhoto } from '../../api/feedback.ts'
import { isAbort } from '../../api/http.ts'
import { useFailureText } from '../../auth/ProblemAlert.tsx'
import { intlLocales } from '../../i18n/languages.ts'
import { useLanguage } from '../../i18n/useLanguage.ts'

export const afterPhotosId = 'cf-resolve-photos'
const maxPhotos = 5

/**
 * After-photos for "resolved": each chosen file is uploaded at once (`POST /api/v1/feedback/photos`,
 * the server strips its metadata and makes the thumbnail); the result is sent with their ids.
 * Progress and outcomes are announced; each uploaded photo can be taken off again.
 */
export function AfterPhotos({
  photos,
  onChange,
  onBusy,
  required,
  error,
}: {
  photos: PhotoUploaded[]
  onChange: (photos: PhotoUploaded[]) => void
  onBusy: (busy: boolean) => void
  required: boolean
  error?: string | undefined
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const failureText = useFailureText()
  const [progress, setProgress] = useState<number | null>(null)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [tooMany, setTooMany] = useState(false)
  const controller = useRef<AbortController | null>(null)
  useEffect(() => () => controller.current?.abort(), [])

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target
    const files = [...(input.files ?? [])]
    input.value = '' // the same file can be chosen again after taking it off
    if (!files.length) return
    setFailure(null)
    setTooMany(photos.length + files.length > maxPhotos)
    if (photos.length + files.length > maxPhotos) return
    controller.current = new AbortController()
    onBusy(true)
    const uploaded = [...photos]
    try {
      for (const file of files) {
        setProgress(0)
        uploaded.push(await uploadPhoto(file, setProgress, controller.current.signal))
        onChange([...uploaded])
      }
    } catch (caught) {
      if (!isAbort(caught)) setFailure(failureOf(caught))
    } finally {
      setProgress(null)
      onBusy(false)
    }
  }

  const percent =
    progress === null
      ? ''
      : new Intl.NumberFormat(intlLocales[language], { style: 'percent', maximumFractionDigits: 0 }).format(
          progress,
        )
  const problem = tooMany
    ? t('consoleFeedback.actions.afterPhotosTooMany')
    : failure
      ? failureText(failure)
      : ''
  const errorId = error ? `${afterPhotosId}-error` : undefined
  const problemId = problem ? `${afterPhotosId}-problem` : undefined
  return (
    <div className={error || problem ? 'field field--error' : 'field'}>
      <label htmlFor={afterPhotosId}>{t('consoleFeedback.actions.afterPhotos')}</label>
      <p id={`${afterPhotosId}-hint`} className="field__hint">
        {required ? `${t('consoleFeedback.actions.afterPhotosRequired')} ` : ''}
        {t('consoleFeedback.actions.afterPhotosHint')}
      </p>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      {problem ? (
        <p id={problemId} className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <input
        id={afterPhotosId}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        disabled={progress !== null || photos.length >= maxPhotos}
        aria-describedby={[`${afterPhotosId}-hint`, errorId, problemId].filter(Boolean).join(' ')}
        aria-invalid={error || problem ? true : undefined}
        onChange={(event) => void upload(event)}
      />
      <p className="field__hint" role="status">
        {progress !== null
          ? t('consoleFeedback.actions.uploading', { percent })
          : photos.length
            ? t('consoleFeedback.actions.uploaded', { uploaded: photos.length })
            : ''}
      </p>
      {photos.length ? (
        <ul className="cf-uploads">
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <img
                src={photo.thumbnailUrl}
                alt={t('consoleFeedback.actions.uploadedAlt', { position: index + 1 })}
                width={photo.width}
                height={photo.height}
              />
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => onChange(photos.filter((other) => other.id !== photo.id))}
              >
                {t('consoleFeedback.actions.removePhoto', { position: index + 1 })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
