import { LRUCache } from 'lru-cache'

export interface CachedTile {
  body: Buffer
  etag: string
}

/** Bytes of bookkeeping per entry, so a cache of many empty tiles is bounded too. */
const ENTRY_OVERHEAD = 128

/**
 * The in-memory LRU of encoded tiles, bounded in bytes. Keys carry the tileset's revision (for a
 * registry layer: its version), so a changed layer is simply asked under new keys: its old tiles
 * are never served again and age out. Concurrent requests for one missing tile share one render.
 */
export class TileCache {
  readonly #lru: LRUCache<string, CachedTile> | undefined
  readonly #rendering = new Map<string, Promise<CachedTile>>()

  constructor(maxBytes: number) {
    this.#lru =
      maxBytes > 0
        ? new LRUCache<string, CachedTile>({
            maxSize: maxBytes,
            sizeCalculation: (tile) => tile.body.byteLength + ENTRY_OVERHEAD,
          })
        : undefined
  }

  /** The cached tile, or the one `render` makes (then cached); one render per key at a time. */
  getOrRender(key: string, render: () => Promise<CachedTile>): Promise<CachedTile> {
    const cached = this.#lru?.get(key)
    if (cached) return Promise.resolve(cached)
    const pending = this.#rendering.get(key)
    if (pending) return pending
    const rendering = render()
      .then((tile) => {
        this.#lru?.set(key, tile)
        return tile
      })
      .finally(() => this.#rendering.delete(key))
    this.#rendering.set(key, rendering)
    return rendering
  }

  get size(): number {
    return this.#lru?.size ?? 0
  }
}

/**
 * The tile cache's size: `TILE_CACHE_MB` (default 64; 0 turns it off, as the benchmark of uncached
 * tiles does). Read here until it joins server/config.ts.
 */
export function tileCacheBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TILE_CACHE_MB
  const mb = raw === undefined || raw === '' ? 64 : Number(raw)
  if (!Number.isFinite(mb) || mb < 0 || mb > 65_536) {
    throw new Error(`TILE_CACHE_MB must be a number of megabytes from 0 to 65536; got "${raw}"`)
  }
  return Math.round(mb * 1024 * 1024)
}
