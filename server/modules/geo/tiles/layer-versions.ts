import type { LayerState } from '../layer.repository.ts'

/** How old a versions read may be and still answer a request: the bound on how late a change shows. */
export const VERSIONS_MAX_AGE_MS = 1000

/**
 * The layers' current versions, read from the database at most once per VERSIONS_MAX_AGE_MS and
 * shared by every request meanwhile (one read at a time; concurrent requests wait for the same
 * one). So a change committed on any instance reaches every instance's tiles and ETags within about
 * a second, with no notification channel, while cached tiles cost no query at all: reading per
 * request halved the cached-tile rate. Browsers keep a tile for a minute anyway (max-age=60).
 */
export class LayerVersions {
  #reading: Promise<Map<string, LayerState>> | undefined
  #startedAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly read: () => Promise<Map<string, LayerState>>,
    private readonly maxAgeMs = VERSIONS_MAX_AGE_MS,
  ) {}

  current(): Promise<Map<string, LayerState>> {
    const now = performance.now()
    if (!this.#reading || now - this.#startedAt >= this.maxAgeMs) {
      const reading = this.read()
      this.#reading = reading
      this.#startedAt = now
      // A failed read is not kept: the next request tries again.
      reading.catch(() => {
        if (this.#reading === reading) this.#reading = undefined
      })
    }
    return this.#reading
  }
}
