import { readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ACM_QUOTAS } from '../../emulator/aws-emulator.js'
import { ROOT } from '../../emulator/run-action.js'
import { type BenchOptions, isSelected, parseCli, runsFor, USAGE } from './cli.js'
import { resolveBundle } from './dist.js'
import { secs } from './format.js'
import { manualScenario } from './manual.js'
import { actionScenario, emptyScenario, type MeasureContext } from './measure.js'
import { summariseProfiles } from './profile.js'
import { renderReport, spliceReport } from './report.js'
import { orgScenario, renderOrg } from './organization.js'
import { orgLargeScenario, renderOrgLarge } from './org-large.js'
import {
  ACTION_SCENARIOS,
  DEFAULT_RUNS,
  EMPTY_SCENARIO,
  LATENCY_MS,
  MANUAL_SCENARIO,
  ORG_LARGE_SCENARIO,
  ORG_SCENARIO,
  THRESHOLD_DAYS
} from './scenarios.js'
import { median } from './stats.js'
import { evaluateTargets } from './targets.js'
import type { BenchResults, Machine, ManualResult, ScenarioResult } from './types.js'

const loadAverage = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    load: loadAverage()
  }
}

/** Every selected scenario, in the report's order: empty, wide, deep (and its reference), accounts, manual. */
async function measureScenarios(context: MeasureContext, options: BenchOptions) {
  const others = runsFor(options, DEFAULT_RUNS.others)
  context.progress(EMPTY_SCENARIO.announce)
  const empty = await emptyScenario(context, runsFor(options, DEFAULT_RUNS.empty))
  const results: ScenarioResult[] = []
  let deepSmall: ScenarioResult | undefined
  for (const scenario of ACTION_SCENARIOS) {
    if (!isSelected(options, scenario.name)) continue
    context.progress(scenario.announce)
    results.push(await actionScenario(context, { ...scenario, label: scenario.name }, others))
    const reference = scenario.memoryReference
    if (reference) {
      context.progress(reference.announce)
      const layout = { ...scenario.layout, perRegion: reference.perRegion }
      deepSmall = await actionScenario(context, { ...scenario, label: reference.label, data: reference.data, layout }, others)
    }
  }
  let manual: ManualResult | undefined
  if (isSelected(options, 'manual') && !options.profileDir) {
    context.progress(
      `manual: ${MANUAL_SCENARIO.regions.length} regions × ${MANUAL_SCENARIO.perRegion} certificates, latency ${LATENCY_MS} ms; the manual method in-process, then the action`
    )
    manual = await manualScenario(context, others)
    results.push(manual.action)
  }
  return { empty, results, deepSmall, manual }
}

async function measureOrg(context: MeasureContext, empty: ReadonlyArray<{ wallMs: number }>): Promise<string> {
  context.progress(ORG_SCENARIO.announce)
  return renderOrg(await orgScenario(context), median(empty.map((run) => run.wallMs)))
}

async function measureOrgLarge(context: MeasureContext, empty: ReadonlyArray<{ wallMs: number }>): Promise<string> {
  context.progress(ORG_LARGE_SCENARIO.announce)
  return renderOrgLarge(await orgLargeScenario(context, true), median(empty.map((run) => run.wallMs)))
}

async function writeBenchmarks(report: string): Promise<string> {
  const file = join(ROOT, 'BENCHMARKS.md')
  const existing = await readFile(file, 'utf8').catch(() => undefined)
  await writeFile(file, spliceReport(existing, report))
  return file
}

async function bench(options: BenchOptions, progress: (text: string) => void, temporary: string[]): Promise<void> {
  const started = performance.now()
  const machine = describeMachine()
  const bundle = await resolveBundle(options.dist, temporary)
  progress(
    `acm-expiry-audit benchmark: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.load}; measuring ${bundle.label}, index.js sha256 ${bundle.hash}`
  )
  const context: MeasureContext = {
    bundle: join(bundle.dir, 'index.js'),
    profileDir: options.profileDir,
    latencyMs: LATENCY_MS,
    quotas: ACM_QUOTAS,
    temporary,
    progress
  }
  const measured = await measureScenarios(context, options)
  // The org scenarios print their own rows and targets; they do not change BENCHMARKS.md's results section.
  const org =
    isSelected(options, 'org') && !options.profileDir ? await measureOrg(context, measured.empty.result.runs) : undefined
  const orgLarge =
    isSelected(options, 'org-large') && !options.profileDir
      ? await measureOrgLarge(context, measured.empty.result.runs)
      : undefined
  if (options.profileDir) {
    progress(`CPU profiles in ${options.profileDir}`)
    console.log(await summariseProfiles(options.profileDir))
    return
  }
  const elapsedMs = performance.now() - started
  const results: BenchResults = {
    machine,
    loadAtEnd: loadAverage(),
    bundle: { label: bundle.label, hash: bundle.hash, sizes: bundle.sizes },
    elapsedMs,
    runs: { empty: runsFor(options, DEFAULT_RUNS.empty), others: runsFor(options, DEFAULT_RUNS.others) },
    latencyMs: LATENCY_MS,
    thresholdDays: THRESHOLD_DAYS,
    quotas: ACM_QUOTAS,
    ...measured
  }
  const checks = evaluateTargets(results)
  const report = renderReport(results, checks)
  console.log(`\n${report}`)
  if (org) console.log(`\n${org}`)
  if (orgLarge) console.log(`\n${orgLarge}`)
  if (options.write) progress(`Wrote ${await writeBenchmarks(report)}`)
  const missed = checks.filter((check) => !check.ok).length
  progress(`${checks.length - missed} targets passed, ${missed} missed (${secs(elapsedMs)}).`)
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCli(argv)
  if (parsed.kind === 'help') {
    console.log(USAGE)
    return 0
  }
  if (parsed.kind === 'error') {
    console.error(`${parsed.message}\n\n${USAGE}`)
    return 2
  }
  const temporary: string[] = []
  try {
    await bench(parsed.options, (text) => process.stderr.write(`${text}\n`), temporary)
    return 0
  } finally {
    await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })))
  }
}

process.exitCode = await main(process.argv.slice(2))
