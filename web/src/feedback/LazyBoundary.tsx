import { Component, type ReactNode } from 'react'

/**
 * Around a lazily loaded part (a map, whose code is fetched on first use): when that code cannot be
 * downloaded (offline, or a new deploy removed the old chunk), `fallback` says so and the rest of
 * the page goes on working.
 */
export class LazyBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}
