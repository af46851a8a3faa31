import type { ReactNode } from 'react'
import type { ResourceState } from '../api/useApiResource.ts'
import { FailureNotice } from './FailureNotice.tsx'
import { LoadingNotice } from './LoadingNotice.tsx'

/** Shows a loading line, the failure with a retry button, or the loaded data. */
export function ResourceView<T>({
  resource,
  children,
}: {
  resource: { state: ResourceState<T>; reload: () => void }
  children: (data: T) => ReactNode
}) {
  const { state, reload } = resource
  if (state.status === 'loading') return <LoadingNotice />
  if (state.status === 'failed') return <FailureNotice failure={state.failure} onRetry={reload} />
  return children(state.data)
}
