import { LRUCache } from 'lru-cache'
import type { FeedbackService } from './feedback.service.ts'
import { findReport } from './report.repository.ts'
import type { ReportViews } from './report.views.ts'

/** How long another instance's change may take to show here (this instance's own changes show at once). */
const TTL_MS = 5_000

interface Entry {
  json: string
  etag: string
}

/**
 * Public report pages are read far more than they change: each is built and serialised once per
 * version and kept briefly. A change made through this process drops the entry at once; one made
 * by another instance shows within TTL_MS. Private reports are cached as "absent" the same way.
 */
export class PublicReportCache {
  readonly #entries = new LRUCache<string, Entry | 'absent'>({ max: 5_000, ttl: TTL_MS })
  readonly #loading = new Map<string, Promise<Entry | 'absent'>>()

  constructor(
    private readonly feedback: FeedbackService,
    private readonly views: ReportViews,
  ) {
    feedback.changed.add((id) => this.#entries.delete(id))
  }

  async get(id: string): Promise<Entry | undefined> {
    const cached = this.#entries.get(id) ?? (await this.#load(id))
    return cached === 'absent' ? undefined : cached
  }

  #load(id: string): Promise<Entry | 'absent'> {
    // Many readers of one cold report share one build.
    let loading = this.#loading.get(id)
    if (!loading) {
      loading = this.#build(id).finally(() => this.#loading.delete(id))
      this.#loading.set(id, loading)
    }
    return loading
  }

  async #build(id: string): Promise<Entry | 'absent'> {
    const row = await findReport(this.feedback.db, id)
    const entry: Entry | 'absent' =
      row?.is_public === true
        ? { json: JSON.stringify(await this.views.publicReport(row)), etag: `"${row.id}-${row.version}"` }
        : 'absent'
    this.#entries.set(id, entry)
    return entry
  }
}
