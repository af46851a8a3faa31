import type { PhotoUploaded } from '@dc/contracts'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RequestFailure } from '../api/errors.ts'
import { uploadPhoto } from '../api/feedback.ts'
import { isAbort } from '../api/http.ts'
import { failureOf } from './failure.ts'
import { maxPhotos } from './reportForm.ts'

export type PhotoUpload = {
  key: number
  file: File
  /** A local preview (object URL) until the server's thumbnail is there. */
  previewUrl: string
} & (
  | { status: 'uploading'; progress: number }
  | { status: 'done'; uploaded: PhotoUploaded }
  | { status: 'failed'; failure: RequestFailure }
)

/**
 * Photos of the report form: each chosen file is uploaded at once (so the resident sees progress
 * and errors per photo while writing), can be retried or removed; at most `maxPhotos`.
 */
export function usePhotoUploads() {
  const [photos, setPhotos] = useState<PhotoUpload[]>([])
  const nextKey = useRef(1)
  const controllers = useRef(new Map<number, AbortController>())
  const previews = useRef(new Set<string>())

  useEffect(
    () => () => {
      for (const controller of controllers.current.values()) controller.abort()
      for (const url of previews.current) URL.revokeObjectURL(url)
    },
    [],
  )

  const update = useCallback((key: number, change: (photo: PhotoUpload) => PhotoUpload) => {
    setPhotos((current) => current.map((photo) => (photo.key === key ? change(photo) : photo)))
  }, [])

  const start = useCallback(
    (key: number, file: File) => {
      const controller = new AbortController()
      controllers.current.set(key, controller)
      uploadPhoto(
        file,
        (progress) => update(key, (photo) => (photo.status === 'uploading' ? { ...photo, progress } : photo)),
        controller.signal,
      )
        .then(
          (uploaded) => update(key, (photo) => ({ ...base(photo), status: 'done', uploaded })),
          (error: unknown) => {
            if (isAbort(error)) return
            update(key, (photo) => ({ ...base(photo), status: 'failed', failure: failureOf(error) }))
          },
        )
        .finally(() => controllers.current.delete(key))
    },
    [update],
  )

  /** Adds files up to the limit; returns how many were left out. */
  const add = useCallback(
    (files: readonly File[], alreadyThere: number): number => {
      const room = Math.max(0, maxPhotos - alreadyThere)
      const taken = files.slice(0, room)
      const added: PhotoUpload[] = taken.map((file) => {
        const previewUrl = URL.createObjectURL(file)
        previews.current.add(previewUrl)
        return { key: nextKey.current++, file, previewUrl, status: 'uploading', progress: 0 }
      })
      setPhotos((current) => [...current, ...added])
      for (const photo of added) start(photo.key, photo.file)
      return files.length - taken.length
    },
    [start],
  )

  const retry = useCallback(
    (photo: PhotoUpload) => {
      update(photo.key, (current) => ({ ...base(current), status: 'uploading', progress: 0 }))
      start(photo.key, photo.file)
    },
    [start, update],
  )

  const remove = useCallback((photo: PhotoUpload) => {
    controllers.current.get(photo.key)?.abort()
    URL.revokeObjectURL(photo.previewUrl)
    previews.current.delete(photo.previewUrl)
    setPhotos((current) => current.filter((p) => p.key !== photo.key))
  }, [])

  return { photos, add, retry, remove }
}

function base(photo: PhotoUpload): Pick<PhotoUpload, 'key' | 'file' | 'previewUrl'> {
  return { key: photo.key, file: photo.file, previewUrl: photo.previewUrl }
}
