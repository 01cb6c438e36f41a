import type { ActionRun } from '../../emulator/run-action.js'
import type { RecordedCall } from '../../emulator/types.js'
import { pagesFor } from './floor.js'
import { ACM_OPERATIONS } from './scenarios.js'
import type { CallCounts, RegionData, RunMeasure } from './types.js'

// ───────────────────────────────────────────── statistics

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0)

export const defined = (values: ReadonlyArray<number | undefined>): number[] =>
  values.filter((value): value is number => value !== undefined)

/** The nearest-rank percentile: the value at floor(p % of the count) in sorted order. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

export function range(values: readonly number[]): { min: number; max: number } {
  return { min: Math.min(...values), max: Math.max(...values) }
}

/** The median of each operation's count over the runs; a run without the operation counts 0. */
export function medianCalls(runs: readonly RunMeasure[], operations: Iterable<string> = operationsOf(runs)): CallCounts {
  const medians: CallCounts = {}
  for (const operation of operations) medians[operation] = median(runs.map((run) => run.calls[operation] ?? 0))
  return medians
}

const operationsOf = (runs: readonly RunMeasure[]) => new Set(runs.flatMap((run) => Object.keys(run.calls)))

/** Every distinct problem of the runs, in order of first appearance. */
export const problemsOf = (runs: readonly RunMeasure[]): string[] => [...new Set(runs.flatMap((run) => run.problems))]

// ───────────────────────────────────────────── requests made

/** Requests per operation (all services) and the emulator's time for each. */
export function countCalls(calls: readonly RecordedCall[]): Pick<RunMeasure, 'calls' | 'serverMs'> {
  const counted: CallCounts = {}
  const serverMs: Record<string, number[]> = {}
  for (const call of calls) {
    counted[call.operation] = (counted[call.operation] ?? 0) + 1
    ;(serverMs[call.operation] ??= []).push(call.serverMs)
  }
  return { calls: counted, serverMs }
}

/** ACM requests per account:region:operation, to check that every region got exactly what it needs. */
export function callsPerRegion(calls: readonly RecordedCall[]): Map<string, number> {
  const counted = new Map<string, number>()
  for (const call of calls) {
    if (call.service !== 'acm') continue
    const key = `${call.account}:${call.region}:${call.operation}`
    counted.set(key, (counted.get(key) ?? 0) + 1)
  }
  return counted
}

/** ACM requests of the three operations the action may use, together. */
export const acmTotal = (calls: CallCounts): number => sum(ACM_OPERATIONS.map((operation) => calls[operation] ?? 0))

// ───────────────────────────────────────────── requests needed

/** Per account:region:operation: the pages, and one DescribeCertificate per flagged certificate (imported ones too, for InUseBy). */
export function expectedCalls(regions: readonly RegionData[]): Map<string, number> {
  const expected = new Map<string, number>()
  for (const data of regions) {
    expected.set(`${data.account}:${data.region}:ListCertificates`, pagesFor(data.certificates))
    if (data.flagged > 0) expected.set(`${data.account}:${data.region}:DescribeCertificate`, data.flagged)
  }
  return expected
}

/** What the action needs in all: the totals of expectedCalls. */
export function expectedTotals(regions: readonly RegionData[]): CallCounts {
  return {
    ListCertificates: sum(regions.map((data) => pagesFor(data.certificates))),
    DescribeCertificate: sum(regions.map((data) => data.flagged)),
    ListTagsForCertificate: 0
  }
}

/** What the manual method needs without retries: its pages and one DescribeCertificate per listed certificate. */
export function manualExpectedTotals(regions: readonly RegionData[]): CallCounts {
  return {
    ListCertificates: sum(regions.map((data) => pagesFor(data.manualListed))),
    DescribeCertificate: sum(regions.map((data) => data.manualListed)),
    ListTagsForCertificate: 0
  }
}

/** One line for each key whose count differs between the requests made and those needed. */
export function compareCalls(actual: ReadonlyMap<string, number>, expected: ReadonlyMap<string, number>): string[] {
  const problems: string[] = []
  for (const key of new Set([...actual.keys(), ...expected.keys()])) {
    if ((actual.get(key) ?? 0) !== (expected.get(key) ?? 0))
      problems.push(`${key}: ${actual.get(key) ?? 0} calls, expected ${expected.get(key) ?? 0}`)
  }
  return problems
}

/** The action's exit code and outputs against the data: every certificate scanned, every flagged one reported. */
export function checkOutputs(
  run: Pick<ActionRun, 'exitCode' | 'stdout' | 'stderr' | 'outputs'>,
  regions: readonly RegionData[]
): string[] {
  const problems: string[] = []
  if (run.exitCode !== 0)
    problems.push(`exit code ${run.exitCode}: ${(run.stderr || run.stdout).trim().split('\n').slice(-5).join(' | ')}`)
  const scanned = sum(regions.map((data) => data.certificates))
  const flagged = sum(regions.map((data) => data.flagged))
  if (run.outputs['scanned-count'] !== String(scanned))
    problems.push(`scanned-count ${run.outputs['scanned-count']}, expected ${scanned}`)
  const reported = Number(run.outputs['expiring-count'] ?? NaN) + Number(run.outputs['expired-count'] ?? NaN)
  if (reported !== flagged) problems.push(`expiring + expired = ${reported}, expected ${flagged}`)
  if (run.outputs['failed-regions'] !== '') problems.push(`failed-regions: ${run.outputs['failed-regions']}`)
  return problems
}
