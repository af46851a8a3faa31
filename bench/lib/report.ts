import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import type { BenchConfig } from './config.ts'
import type { Ran } from './runner.ts'

export function machineInfo() {
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
    platform: os.platform(),
    arch: os.arch(),
    release: os.release(),
    node: process.version,
  }
}

export function formatNumber(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US')
  return value.toLocaleString('en-US', { maximumSignificantDigits: 3 })
}

function formatMs(value: number): string {
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`
}

function row({ scenario, outcome }: Ran): string[] {
  if (outcome.status !== 'ok') {
    return [scenario.name, outcome.status === 'skipped' ? 'skipped' : 'FAILED', '', '', '', '']
  }
  const { result, ratio, goalMet } = outcome
  const { goal } = scenario
  return [
    scenario.name,
    `${formatNumber(result.value)} ${result.unit}`,
    `${result.baseline.name} ${formatNumber(result.baseline.value)} ${result.baseline.unit}`,
    ratio.toFixed(2),
    goal ? `≥ ${goal.ratio} ${goalMet ? 'pass' : 'MISS'}` : '',
    result.latency ? formatMs(result.latency.p99) : '',
  ]
}

/** Plain-text table for the terminal; the reasons for skips and failures follow below it. */
export function renderTable(ran: Ran[]): string {
  const header = ['Scenario', 'Figure', 'Baseline (same run)', 'Ratio', 'Goal', 'p99']
  const rows = [header, ...ran.map(row)]
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === 0 || i === 2 || i === 4 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  const notes = ran.flatMap(({ scenario, outcome }) => {
    if (outcome.status === 'skipped') return [`  ${scenario.name} skipped: ${outcome.reason}`]
    if (outcome.status === 'failed') return [`  ${scenario.name} FAILED: ${outcome.error}`]
    return []
  })
  return [line(header), rule, ...rows.slice(1).map(line), ...(notes.length ? ['', ...notes] : [])].join('\n')
}

export async function writeResults(file: URL, config: BenchConfig, selected: string[], ran: Ran[]) {
  const report = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    config,
    selected,
    scenarios: ran.map(({ scenario, outcome }) => ({
      name: scenario.name,
      description: scenario.description,
      // Baselines pulled in by another scenario ran too, but were not asked for on the command line.
      selected: selected.includes(scenario.name),
      goal: scenario.goal ?? null,
      ...outcome,
    })),
  }
  await mkdir(new URL('.', file), { recursive: true })
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
}
