import { useCallback, useState } from 'react'

export type PositionProblem = 'unsupported' | 'denied' | 'unavailable'

/**
 * The device's position, asked for only when the resident presses "use my location" (the browser
 * then asks for permission). A fresh fix: where they are now, not a minute ago.
 */
export function useDevicePosition(onFound: (point: { lon: number; lat: number }) => void) {
  const [state, setState] = useState<{ busy: boolean; problem: PositionProblem | null }>({
    busy: false,
    problem: null,
  })
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ busy: false, problem: 'unsupported' })
      return
    }
    setState({ busy: true, problem: null })
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setState({ busy: false, problem: null })
        onFound({ lon: position.coords.longitude, lat: position.coords.latitude })
      },
      (error) =>
        setState({ busy: false, problem: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    )
  }, [onFound])
  return { locate, ...state }
}
