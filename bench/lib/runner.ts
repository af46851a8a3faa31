import type { BenchConfig } from './config.ts'
import { BenchFailure, BenchSkip } from './errors.ts'
import type { BenchContext, Scenario, ScenarioResult } from './types.ts'

export type Outcome =
  | { status: 'ok'; result: ScenarioResult; ratio: number; goalMet: boolean | null; seconds: number }
  | { status: 'failed'; error: string; seconds: number }
  | { status: 'skipped'; reason: string; seconds: number }

export interface Ran {
  scenario: Scenario
  outcome: Outcome
}

/** Failure of a scenario another one depends on, rethrown with its original kind (skip or fail). */
function rethrow(name: string, outcome: Outcome): never {
  if (outcome.status === 'skipped') throw new BenchSkip(`baseline ${name} skipped: ${outcome.reason}`)
  if (outcome.status === 'failed') throw new BenchFailure(`baseline ${name} failed: ${outcome.error}`)
  throw new Error('unreachable')
}

function describe(error: unknown): string {
  // Our own errors carry a complete message; anything else is a bug and deserves its stack.
  if (error instanceof BenchFailure || error instanceof BenchSkip) return error.message
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}

/**
 * Runs scenarios one at a time (never concurrently: they would share the two cores) and each at
 * most once, so a baseline requested by several scenarios is measured once in this run.
 */
export function createRunner(registry: Scenario[], config: BenchConfig, log: (message: string) => void) {
  const byName = new Map(registry.map((s) => [s.name, s]))
  const outcomes = new Map<string, Promise<Outcome>>()
  const order: string[] = []

  function run(name: string, chain: string[]): Promise<Outcome> {
    // Checked before the memo: a scenario waiting on its own pending result would hang forever.
    if (chain.includes(name)) throw new Error(`scenario cycle: ${[...chain, name].join(' → ')}`)
    const existing = outcomes.get(name)
    if (existing) return existing
    const scenario = byName.get(name)
    if (!scenario) throw new Error(`unknown scenario '${name}'`)
    if (chain.length > 0) log(`  ${chain.at(-1)}: needs ${name}, measuring it now`)
    const promise = execute(scenario, [...chain, name])
    outcomes.set(name, promise)
    order.push(name)
    return promise
  }

  async function execute(scenario: Scenario, chain: string[]): Promise<Outcome> {
    const ctx: BenchContext = {
      config,
      log: (message) => log(`  ${scenario.name}: ${message}`),
      async scenario(name) {
        const outcome = await run(name, chain)
        if (outcome.status !== 'ok') rethrow(name, outcome)
        return outcome.result
      },
    }
    log(`▶ ${scenario.name}`)
    const started = performance.now()
    const seconds = () => Math.round(performance.now() - started) / 1000
    try {
      const result = await scenario.run(ctx)
      const { goal } = scenario
      if (goal && goal.against !== result.baseline.name) {
        throw new BenchFailure(
          `goal is against ${goal.against} but the baseline measured is ${result.baseline.name}`,
        )
      }
      if (!(result.baseline.value > 0)) throw new BenchFailure(`baseline ${result.baseline.name} measured 0`)
      const ratio = result.value / result.baseline.value
      const goalMet = goal ? ratio >= goal.ratio : null
      log(`✔ ${scenario.name} in ${seconds()} s`)
      return { status: 'ok', result, ratio, goalMet, seconds: seconds() }
    } catch (error) {
      if (error instanceof BenchSkip) {
        log(`○ ${scenario.name} skipped: ${error.message}`)
        return { status: 'skipped', reason: error.message, seconds: seconds() }
      }
      log(`✘ ${scenario.name} failed: ${describe(error)}`)
      return { status: 'failed', error: describe(error), seconds: seconds() }
    }
  }

  return {
    run: (name: string) => run(name, []),
    /** Everything that ran, in the order it started (including baselines pulled in implicitly). */
    ran(): Promise<Ran[]> {
      return Promise.all(
        order.map(async (name) => ({ scenario: byName.get(name) as Scenario, outcome: await run(name, []) })),
      )
    },
  }
}
