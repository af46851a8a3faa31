// `npm run bench [-- name ...]`: runs the named scenarios (all by default), prints a table on
// stdout (progress goes to stderr) and writes bench/results/latest.json. See bench/README.md.
import { fileURLToPath } from 'node:url'
import { readConfig } from './lib/config.ts'
import { BenchUsageError } from './lib/errors.ts'
import { machineInfo, renderTable, writeResults } from './lib/report.ts'
import { createRunner } from './lib/runner.ts'
import { scenarios } from './scenarios/index.ts'

const resultsFile = new URL('./results/latest.json', import.meta.url)
const log = (message: string) => process.stderr.write(`${message}\n`)

function usage(): string {
  return [
    'usage: npm run bench [-- [--list] [scenario ...]]',
    'env: BENCH_DURATION (s, default 5), BENCH_WARMUP (s, default 1), BENCH_CONNECTIONS (default 50),',
    '     BENCH_DATABASE_URL / DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)',
  ].join('\n')
}

function list(): string {
  const width = Math.max(...scenarios.map((s) => s.name.length))
  return scenarios
    .map((s) => {
      const goal = s.goal ? ` [goal ≥ ${s.goal.ratio} × ${s.goal.against}]` : ''
      return `${s.name.padEnd(width)}  ${s.description}${goal}`
    })
    .join('\n')
}

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((a) => a.startsWith('-'))
  const names = argv.filter((a) => !a.startsWith('-'))
  if (flags.includes('--help') || flags.includes('-h')) {
    console.log(usage())
    return 0
  }
  if (flags.includes('--list')) {
    console.log(list())
    return 0
  }
  const unknownFlags = flags.filter((f) => f !== '--')
  if (unknownFlags.length) throw new BenchUsageError(`unknown option ${unknownFlags.join(' ')}`)
  const known = new Set(scenarios.map((s) => s.name))
  const unknown = names.filter((n) => !known.has(n))
  if (unknown.length) throw new BenchUsageError(`unknown scenario ${unknown.join(', ')}; try --list`)

  const config = readConfig()
  // Registry order, not command-line order: baselines come first and are then shared.
  const selected = scenarios.map((s) => s.name).filter((n) => names.length === 0 || names.includes(n))
  const machine = machineInfo()
  log(
    `bench: ${selected.join(', ')} | ${config.durationSec} s measured after ${config.warmupSec} s warm-up, ` +
      `${config.connections} connections | ${machine.cpus} cpus, node ${machine.node}`,
  )
  const runner = createRunner(scenarios, config, log)
  for (const name of selected) await runner.run(name)
  const ran = await runner.ran()
  const shown = ran.filter((r) => selected.includes(r.scenario.name))

  console.log(`\n${renderTable(shown)}\n`)
  await writeResults(resultsFile, config, selected, ran)
  console.log(`Results: ${fileURLToPath(resultsFile)}`)
  const bad = shown.filter(
    (r) => r.outcome.status === 'failed' || (r.outcome.status === 'ok' && r.outcome.goalMet === false),
  )
  return bad.length ? 1 : 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof BenchUsageError ? `bench: ${error.message}\n${usage()}` : error)
    process.exitCode = 2
  },
)
