import type { BenchConfig } from './config.ts'

/** Latency percentiles in milliseconds, present for HTTP measurements. */
export interface Latency {
  p50: number
  p99: number
}

/** One measured throughput figure, e.g. `{ value: 9000, unit: 'req/s' }`. */
export interface Figure {
  value: number
  unit: string
  latency?: Latency
  /** Anything worth keeping in latest.json (request counts, server versions, sizes). */
  details?: Record<string, unknown>
}

/**
 * What a scenario returns: its own figure plus the baseline it measured in this same run.
 * The ratio is always figure.value / baseline.value, so a scenario cannot compare against a
 * number stored from another day or another machine.
 */
export interface ScenarioResult extends Figure {
  baseline: Figure & { name: string }
}

/** Minimum acceptable figure/baseline ratio; `against` must name the baseline actually measured. */
export interface Goal {
  ratio: number
  against: string
}

export interface BenchContext {
  config: BenchConfig
  /**
   * The result of another scenario (usually a baseline) in this run. Each scenario runs at most
   * once per run, so two scenarios asking for 'http-baseline' share one measurement, and asking
   * for it when it was not selected measures it anyway.
   */
  scenario(name: string): Promise<ScenarioResult>
  /** Progress line on stderr (stdout is kept for the table). */
  log(message: string): void
}

export interface Scenario {
  name: string
  description: string
  goal?: Goal
  run(ctx: BenchContext): Promise<ScenarioResult>
}

/** A measurement used as its own baseline (ratio 1): for the baseline scenarios themselves. */
export function selfBaseline(name: string, figure: Figure): ScenarioResult {
  return { ...figure, baseline: { name, ...figure } }
}

/** Turns another scenario's result into the baseline field of this one. */
export function asBaseline(name: string, result: ScenarioResult): ScenarioResult['baseline'] {
  const { baseline: _ignored, ...figure } = result
  return { name, ...figure }
}
