import type { LocateResult } from '@dc/contracts'
import { useCallback, useEffect, useRef, useState } from 'react'
import { RequestFailedError, type RequestFailure } from '../api/errors.ts'
import { locateWard } from '../api/geo.ts'
import { isAbort } from '../api/http.ts'

/** Why "my location" gave no ward: the browser's answer, or the API's (e.g. outside_city). */
export type LocateFailure =
  | { kind: 'unsupported' }
  | { kind: 'denied' }
  | { kind: 'unavailable' }
  | { kind: 'request'; failure: RequestFailure; lngLat: [number, number] }

export interface LocateHandlers {
  onLocated: (result: LocateResult) => void
  onFailed: (failure: LocateFailure) => void
}

/**
 * The device's position (browser geolocation, asked for only when the resident presses the
 * button) and the ward it is in (`GET /api/v1/geo/locate`).
 */
export function useLocateMe({ onLocated, onFailed }: LocateHandlers): {
  locate: () => void
  locating: boolean
} {
  const [locating, setLocating] = useState(false)
  const inFlight = useRef<AbortController | null>(null)
  useEffect(() => () => inFlight.current?.abort(), [])

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      onFailed({ kind: 'unsupported' })
      return
    }
    inFlight.current?.abort()
    const controller = new AbortController()
    inFlight.current = controller
    setLocating(true)
    const fail = (failure: LocateFailure) => {
      if (controller.signal.aborted) return
      setLocating(false)
      onFailed(failure)
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const lon = position.coords.longitude
        const lat = position.coords.latitude
        locateWard(lon, lat, controller.signal).then(
          (result) => {
            setLocating(false)
            onLocated(result)
          },
          (error: unknown) => {
            if (isAbort(error)) return
            const failure: RequestFailure =
              error instanceof RequestFailedError ? error.failure : { kind: 'unexpected', status: 0 }
            fail({ kind: 'request', failure, lngLat: [lon, lat] })
          },
        )
      },
      (error) => fail({ kind: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      // A fresh fix: the resident asked where they are now, not where they were a minute ago.
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    )
  }, [onLocated, onFailed])
  return { locate, locating }
}
