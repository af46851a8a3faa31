import type { RequestFailure } from '../api/errors.ts'
import { useSession } from '../auth/useSession.ts'

export type ResidentState =
  | { status: 'loading' }
  | { status: 'failed'; failure: RequestFailure; reload: () => void }
  | { status: 'resident'; name: string | null }
  /** Nobody signed in, or an official (the resident pages are for residents). */
  | { status: 'visitor' }

/** Whether a resident is signed in, from the page's shared session. */
export function useResident(): ResidentState {
  const { state, reload } = useSession()
  if (state.status === 'loading') return { status: 'loading' }
  if (state.status === 'failed') return { status: 'failed', failure: state.failure, reload }
  const session = state.data
  if (session.signedIn && session.kind === 'resident')
    return { status: 'resident', name: session.resident.fullName }
  return { status: 'visitor' }
}
