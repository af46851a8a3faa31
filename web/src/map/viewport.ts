import type { Map as MapLibreMap } from 'maplibre-gl'

export interface Box {
  top: number
  bottom: number
  left: number
  right: number
}

export interface Padding {
  top: number
  right: number
  bottom: number
  left: number
}

/** Room kept between a fitted area and the edges of the map. */
const edge = 24

/**
 * Map padding that keeps what is fitted or centred out from under the panel when the panel lies
 * over the map (the sheet along the bottom of a phone screen); at most 60 % of the map's height,
 * so something is always left to show. A panel beside the map (wide screens) changes nothing.
 */
export function paddingBesidePanel(map: Box, panel: Box | undefined): Padding {
  const padding = { top: edge, right: edge, bottom: edge, left: edge }
  if (!panel) return padding
  const coversBottom =
    panel.top > map.top &&
    panel.top < map.bottom &&
    panel.left <= map.left + 1 &&
    panel.right >= map.right - 1
  if (coversBottom) padding.bottom = Math.min(map.bottom - panel.top + edge, (map.bottom - map.top) * 0.6)
  return padding
}

/** The padding for the map on the page now, given its panel's element (if one is open). */
export function uncoveredPadding(stage: HTMLElement | null, panel: HTMLElement | null): Padding {
  if (!stage) return paddingBesidePanel({ top: 0, bottom: 0, left: 0, right: 0 }, undefined)
  return paddingBesidePanel(stage.getBoundingClientRect(), panel?.getBoundingClientRect())
}

/** Pans the map when a chosen point ended up under the panel. */
export function keepInView(map: MapLibreMap, lngLat: [number, number]): void {
  const container = map.getContainer()
  const panel = container.closest('.map-body')?.querySelector<HTMLElement>('.map-body__panel') ?? null
  const padding = uncoveredPadding(container, panel)
  const point = map.project(lngLat)
  if (point.y > container.clientHeight - padding.bottom) map.easeTo({ center: lngLat, padding })
}
