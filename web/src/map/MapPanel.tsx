import { type ReactNode, useEffect, useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'

export interface MapPanelProps {
  title: string
  onClose: () => void
  /** Changes when the panel should take the keyboard focus (e.g. after a choice made by keyboard). */
  focusRequest: number
  children: ReactNode
}

/**
 * The panel beside the map (a sheet over its lower part on a phone): layers, search results or
 * the details of what was chosen. A labelled region, so screen-reader users can jump to it; it
 * comes before the map in the page, so the keyboard reaches it right after the toolbar.
 */
export function MapPanel({ title, onClose, focusRequest, children }: MapPanelProps) {
  const { t } = useTranslation()
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focusRequest > 0) heading.current?.focus()
  }, [focusRequest])
  return (
    <section className="map-panel" aria-labelledby={headingId}>
      <div className="map-panel__header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="icon-button" onClick={onClose}>
          <span aria-hidden="true">×</span>
          <span className="visually-hidden">{t('map.close')}</span>
        </button>
      </div>
      <div className="map-panel__body">{children}</div>
    </section>
  )
}
