import { describe, expect, it } from 'vitest'
import { paddingBesidePanel } from './viewport.ts'

const map = { top: 300, bottom: 740, left: 0, right: 360 }

describe('paddingBesidePanel', () => {
  it('keeps the usual margin when no panel is open', () => {
    expect(paddingBesidePanel(map, undefined)).toEqual({ top: 24, right: 24, bottom: 24, left: 24 })
  })

  it('keeps fitted areas above a sheet that covers the bottom of the map', () => {
    const sheet = { top: 540, bottom: 740, left: 0, right: 360 }
    expect(paddingBesidePanel(map, sheet).bottom).toBe(200 + 24)
  })

  it('never gives more than 60 % of the map to the padding', () => {
    const tallSheet = { top: 310, bottom: 740, left: 0, right: 360 }
    expect(paddingBesidePanel(map, tallSheet).bottom).toBeCloseTo(440 * 0.6)
  })

  it('ignores a panel beside the map', () => {
    const side = { top: 300, bottom: 740, left: -384, right: 0 }
    expect(paddingBesidePanel(map, side)).toEqual({ top: 24, right: 24, bottom: 24, left: 24 })
  })
})
