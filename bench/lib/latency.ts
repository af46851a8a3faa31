// autocannon's latency histogram has 1 ms resolution, so a fast route shows p50 = 0 ms. We keep
// the exact per-response times instead (one float each, ~4 MB per 500k responses) and sort once.

export class LatencyRecorder {
  private values = new Float64Array(1 << 16)
  private count = 0

  record(ms: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.count++] = ms
  }

  /** Nearest-rank percentiles in milliseconds, rounded to 0.01 ms. */
  percentiles(...ps: number[]): number[] {
    const sorted = this.values.slice(0, this.count).sort()
    return ps.map((p) => {
      if (sorted.length === 0) return Number.NaN
      const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
      return Math.round((sorted[rank] ?? Number.NaN) * 100) / 100
    })
  }
}
