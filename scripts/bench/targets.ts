import { callsText, mib, msText, ratioText, secs, thousands } from './format.js'
import { ACTION_SCENARIOS, TARGETS } from './scenarios.js'
import { defined, median, percentile, problemsOf } from './stats.js'
import type { BenchResults, Check, ScenarioResult } from './types.js'

const medianWall = (result: ScenarioResult): number => median(result.runs.map((run) => run.wallMs))

/** The fixed cost: the empty scenario's median wall, bare Node's, and the difference. */
export function startup(results: Pick<BenchResults, 'empty'>): { emptyWall: number; bareWall: number; overNode: number } {
  const emptyWall = medianWall(results.empty.result)
  const bareWall = median(results.empty.bareMs)
  return { emptyWall, bareWall, overNode: emptyWall - bareWall }
}

/** Exact requests and outputs, no throttling, and for the large scenarios the distance to the floor. */
function scenarioChecks(result: ScenarioResult, emptyWall: number): Check[] {
  const label = result.name === 'manual' ? 'manual (the action)' : result.name
  const problems = problemsOf(result.runs)
  const throttled = Math.max(...result.runs.map((run) => run.throttled))
  const checks: Check[] = [
    {
      target: `${label}: calls = the pages needed + 1 DescribeCertificate per flagged certificate, per account and region; outputs correct`,
      measured:
        problems.length === 0 ? `${callsText(result.runs[0]?.calls ?? {})} in every run` : problems.slice(0, 4).join('; '),
      ok: problems.length === 0
    },
    { target: `${label}: no throttling responses`, measured: `${throttled}`, ok: throttled === 0 }
  ]
  if (result.name === 'wide' || result.name === 'deep' || result.name === 'accounts') {
    const net = medianWall(result) - emptyWall
    const ratio = net / result.floorMs
    checks.push({
      target: `${label}: (wall − empty) ≤ ${TARGETS.floorRatio} × floor`,
      measured: `${ratioText(ratio)} (${secs(net)} vs ${secs(result.floorMs)})`,
      ok: ratio <= TARGETS.floorRatio
    })
  }
  return checks
}

/** deep's peak RSS against its 1,000-certificate reference, and the reference's own correctness. */
function memoryChecks(results: BenchResults, deepSmall: ScenarioResult): Check[] {
  const deep = results.results.find((result) => result.name === 'deep')
  const big = median(defined(deep?.runs.map((run) => run.maxRssKb) ?? []))
  const small = median(defined(deepSmall.runs.map((run) => run.maxRssKb)))
  const checks: Check[] = [
    {
      target: `deep: peak RSS at 50,000 ≤ ${TARGETS.deepRssRatio} × at 1,000`,
      measured: `${mib(big)} / ${mib(small)} = ${ratioText(big / small)}`,
      ok: big / small <= TARGETS.deepRssRatio
    }
  ]
  checks.push(...retainedChecks(deep?.retainedKb, deepSmall.retainedKb))
  const smallProblems = problemsOf(deepSmall.runs)
  if (smallProblems.length > 0)
    checks.push({ target: 'deep (1,000): calls and outputs correct', measured: smallProblems.join('; '), ok: false })
  return checks
}

/**
 * Memory flat in the certificates listed: what deep holds after a full collection beyond what its
 * 1,000-certificate reference holds, per certificate more. Peak RSS mostly measures how far V8 lets
 * garbage pile up before collecting it; this measures what the audit keeps.
 */
export function retainedChecks(bigKb: number | undefined, smallKb: number | undefined): Check[] {
  const deep = ACTION_SCENARIOS.find((scenario) => scenario.name === 'deep')
  const listed = deep?.layout.perRegion ?? 0
  const reference = deep?.memoryReference?.perRegion ?? 0
  if (bigKb === undefined || smallKb === undefined || listed <= reference) return []
  const perCertificate = ((bigKb - smallKb) * 1024) / (listed - reference)
  return [
    {
      target: `deep: memory held after a full collection grows by ≤ ${TARGETS.deepRetainedBytesPerCertificate} B per certificate listed beyond ${thousands(reference)}`,
      measured: `${mib(bigKb)} at ${thousands(listed)}, ${mib(smallKb)} at ${thousands(reference)}: ${Math.round(perCertificate)} B per certificate`,
      ok: perCertificate <= TARGETS.deepRetainedBytesPerCertificate
    }
  ]
}

/**
 * The emulator must not be what is measured: it never uses a whole core, and a page costs it a small
 * part of the latency it adds.
 */
function emulatorCheck(results: BenchResults): Check[] {
  const all = [results.empty.result, ...results.results]
  const busiest = all
    .map((result) => ({ name: result.name, share: median(result.runs.map((run) => run.emulatorCpuMs / run.wallMs)) }))
    .filter((entry) => Number.isFinite(entry.share))
    .sort((a, b) => b.share - a.share)[0]
  const listMs = all.flatMap((result) => result.runs.flatMap((run) => run.serverMs.ListCertificates ?? []))
  if (!busiest || listMs.length === 0) return []
  const typical = median(listMs)
  const pageBudgetMs = results.latencyMs / 4
  return [
    {
      target: `emulator not the bottleneck: its CPU ≤ 50 % of one core in every scenario, median time per ListCertificates page ≤ ${pageBudgetMs} ms`,
      measured: `busiest: ${busiest.name} ${Math.round(100 * busiest.share)} %; page median ${typical.toFixed(1)} ms (p95 ${percentile(listMs, 95).toFixed(1)} ms, ${thousands(listMs.length)} pages)`,
      ok: busiest.share <= 0.5 && typical <= pageBudgetMs
    }
  ]
}

/** Every target, in the order of the report's Targets table. */
export function evaluateTargets(results: BenchResults): Check[] {
  const { emptyWall, bareWall, overNode } = startup(results)
  const emptyProblems = problemsOf(results.empty.result.runs)
  return [
    {
      target: `empty: start-up over bare Node ≤ ${TARGETS.startupOverNodeMs} ms (median)`,
      measured: `${msText(emptyWall)} − ${msText(bareWall)} = ${msText(overNode)}`,
      ok: overNode <= TARGETS.startupOverNodeMs
    },
    ...results.results.flatMap((result) => scenarioChecks(result, emptyWall)),
    {
      target: 'empty: calls = 1 ListCertificates page; outputs correct',
      measured: emptyProblems.join('; ') || 'yes',
      ok: emptyProblems.length === 0
    },
    ...(results.deepSmall ? memoryChecks(results, results.deepSmall) : []),
    ...emulatorCheck(results)
  ]
}
