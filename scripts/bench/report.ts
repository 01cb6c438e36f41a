import { callsText, mib, msText, otherCallsText, passMiss, ratioText, secs, serverText, table, wallText } from './format.js'
import { sections } from './sections.js'
import { ACM_OPERATIONS, MANUAL_SCENARIO } from './scenarios.js'
import { defined, manualExpectedTotals, median, medianCalls, range } from './stats.js'
import { startup } from './targets.js'
import type { BenchResults, Check, ManualResult, RunMeasure, ScenarioResult } from './types.js'

export const START_MARKER = '<!-- bench:start -->'
export const END_MARKER = '<!-- bench:end -->'

const minMaxWall = (runs: readonly RunMeasure[]): string => {
  const walls = runs.map((run) => run.wallMs)
  const { min, max } = range(walls)
  return wallText(median(walls), min, max)
}

/** A row of the results table and one of the where-the-time-goes table. */
function scenarioRows(result: ScenarioResult, emptyWall: number): { row: string[]; detail: string[] } {
  const wall = median(result.runs.map((run) => run.wallMs))
  const net = wall - emptyWall
  const calls = medianCalls(result.runs)
  const isEmpty = result.name === 'empty'
  const emulatorCpu = median(result.runs.map((run) => run.emulatorCpuMs))
  return {
    row: [
      result.label,
      result.data,
      minMaxWall(result.runs),
      isEmpty ? '–' : secs(net),
      isEmpty ? '–' : secs(result.floorMs),
      isEmpty ? '–' : `**${ratioText(net / result.floorMs)}**`,
      callsText(calls),
      callsText(result.expected),
      String(Math.max(...result.runs.map((run) => run.throttled))),
      mib(median(defined(result.runs.map((run) => run.maxRssKb))))
    ],
    detail: [
      result.label,
      msText(median(defined(result.runs.map((run) => run.cpuMs)))),
      `${msText(emulatorCpu)} (${Math.round((100 * emulatorCpu) / wall)} % of the wall time)`,
      serverText(result.runs),
      otherCallsText(calls)
    ]
  }
}

/** The manual loop's rows: it runs in the bench process, so it has no floor, no RSS and no emulator CPU of its own. */
function manualRows(manual: ManualResult): { row: string[]; detail: string[] } {
  return {
    row: [
      'manual: by hand',
      `${manual.regions.length} regions × ${MANUAL_SCENARIO.perRegion} certificates (SDK loop in the bench process)`,
      minMaxWall(manual.manual),
      '–',
      '–',
      '–',
      callsText(medianCalls(manual.manual, ACM_OPERATIONS)),
      `${callsText(manualExpectedTotals(manual.regions))}, + retries`,
      String(Math.max(...manual.manual.map((run) => run.throttled))),
      'n/a (in-process)'
    ],
    detail: [
      'manual: by hand',
      `${msText(median(defined(manual.manual.map((run) => run.cpuMs))))} (loop and emulator together)`,
      '–',
      serverText(manual.manual),
      '–'
    ]
  }
}

const RESULTS_HEADER: readonly string[] = [
  'Scenario',
  'Data',
  'Wall: median (min–max)',
  'Wall − empty',
  'Floor',
  '(Wall − empty) / floor',
  'ACM requests (median)',
  'Needed',
  'Throttled (max)',
  'Peak RSS (median)'
]
const DETAIL_HEADER: readonly string[] = [
  'Scenario',
  'Action CPU, user + system (median)',
  'Emulator CPU (median)',
  'Emulator time per request, ms: mean / max',
  'Other requests'
]

function runLine(results: BenchResults): string {
  const { machine, bundle } = results
  return `Run on ${machine.date.slice(0, 16).replace('T', ' ')} UTC · ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB memory · ${machine.os} · Node ${machine.node} · load average at start ${machine.load}, at the end ${results.loadAtEnd} · measured ${bundle.label}, \`index.js\` sha256 ${bundle.hash}… · bench time ${secs(results.elapsedMs)}`
}

function emulatorLine(results: BenchResults): string {
  const quotas = Object.entries(results.quotas)
    .map(([operation, rate]) => `${operation} ${rate}/s`)
    .join(', ')
  return `Emulator: latency ${results.latencyMs} ms per AWS response (0 for empty); ACM quotas per account, region and operation (token buckets as large as the rate, full at first): ${quotas}. Threshold ${results.thresholdDays} days; 1 % of each region's certificates inside it, alternately IMPORTED and AMAZON_ISSUED. Runs: ${results.runs.empty} for empty, ${results.runs.others} for the others; wall = spawn to exit of \`node dist/index.js\`; "empty" is the median wall of the empty scenario; emulator time from \`calls[].serverMs\` (mean / max, ms).`
}

/** The markdown between the bench markers of BENCHMARKS.md (it ends with an empty line). */
export function renderReport(results: BenchResults, checks: readonly Check[]): string {
  const { emptyWall } = startup(results)
  const all = [results.empty.result, ...results.results, ...(results.deepSmall ? [results.deepSmall] : [])]
  const rows = [...all.map((result) => scenarioRows(result, emptyWall)), ...(results.manual ? [manualRows(results.manual)] : [])]
  return [
    runLine(results),
    '',
    emulatorLine(results),
    '',
    table(
      RESULTS_HEADER,
      rows.map(({ row }) => row),
      ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'l', 'r', 'r']
    ),
    '',
    "Where the time goes: the action's own CPU time, the CPU time the emulator (the bench process) spent while it ran, and the emulator's time per request from `calls[].serverMs` (from reading the request to the response being ready, injected latency excluded; it includes waiting for the requests handled at the same time).",
    '',
    table(
      DETAIL_HEADER,
      rows.map(({ detail }) => detail),
      ['l', 'r', 'r', 'l', 'l']
    ),
    '',
    '### Targets',
    '',
    table(
      ['Target', 'Measured', 'Result'],
      checks.map((check) => [check.target, check.measured, `**${passMiss(check.ok)}**`]),
      ['l', 'l', 'l']
    ),
    '',
    ...sections(results).flatMap((section) => [section, ''])
  ].join('\n')
}

/** `existing` (BENCHMARKS.md) with the text between the bench markers replaced by `report`; the rest is kept. */
export function spliceReport(existing: string | undefined, report: string): string {
  const text =
    existing ??
    `# Benchmarks\n\nWritten by \`npm run bench\` (scripts/bench/main.ts); the text outside the bench markers is kept.\n\n${START_MARKER}\n${END_MARKER}\n`
  const block = `${START_MARKER}\n${report.trimEnd()}\n${END_MARKER}`
  const start = text.indexOf(START_MARKER)
  const end = text.indexOf(END_MARKER)
  return start >= 0 && end >= 0
    ? text.slice(0, start) + block + text.slice(end + END_MARKER.length)
    : `${text.trimEnd()}\n\n${block}\n`
}
