// Run-wide knobs, read once from the environment so every scenario measures the same way.
import { BenchUsageError } from './errors.ts'

export interface BenchConfig {
  /** Seconds of each measured run (BENCH_DURATION, default 5). */
  durationSec: number
  /** Seconds of warm-up before each measured run, discarded (BENCH_WARMUP, default 1). */
  warmupSec: number
  /** Concurrent HTTP connections (BENCH_CONNECTIONS, default 50). */
  connections: number
}

function positiveNumber(name: string, fallback: number, integer: boolean): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  const ok = Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value))
  if (!ok) {
    const kind = integer ? 'integer' : 'number'
    throw new BenchUsageError(`${name} must be a positive ${kind}, got '${raw}'`)
  }
  return value
}

export function readConfig(): BenchConfig {
  return {
    durationSec: positiveNumber('BENCH_DURATION', 5, false),
    warmupSec: positiveNumber('BENCH_WARMUP', 1, false),
    connections: positiveNumber('BENCH_CONNECTIONS', 50, true),
  }
}
