import { Component, lazy, type ReactNode, Suspense } from 'react'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'
import type { MapExplorerProps } from './MapExplorer.tsx'

/** The map's code (and, inside it, MapLibre) is only downloaded on the pages that show a map. */
const MapExplorer = lazy(() =>
  import('./MapExplorer.tsx').then((module) => ({ default: module.MapExplorer })),
)

/** The digital map as a page section; its heading shows at once, the map when its code is in. */
export function MapSection(props: MapExplorerProps) {
  const placeholder = (notice: ReactNode) => (
    <div className="map-explorer map-explorer--placeholder">
      <h1>{props.heading}</h1>
      {notice}
    </div>
  )
  return (
    <CodeLoadBoundary
      fallback={placeholder(
        <FailureNotice failure={{ kind: 'network' }} onRetry={() => window.location.reload()} />,
      )}
    >
      <Suspense fallback={placeholder(<LoadingNotice />)}>
        <MapExplorer {...props} />
      </Suspense>
    </CodeLoadBoundary>
  )
}

/**
 * When the map's code cannot be downloaded (offline, or a deploy replaced it), say so with a way
 * to try again instead of leaving an empty page.
 */
class CodeLoadBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}
