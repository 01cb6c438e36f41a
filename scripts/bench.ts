/**
 * `npm run bench`: runs the bundled action (node dist/index.js, exactly as the runner does) against the
 * in-repository emulator with an injected round-trip latency and ACM's per-account, per-region request
 * quotas enforced, and compares each scenario with its floor: the time the quotas and the latency alone
 * impose. Prints a table, checks the targets, and writes the results into BENCHMARKS.md (between the
 * bench markers; the rest of the file, such as the Findings, is kept).
 *
 * Options:
 *   --only empty,wide,…   run only these scenarios (BENCHMARKS.md is then left alone unless --write)
 *   --runs N               runs per scenario instead of the defaults (5 for empty, 3 for the others)
 *   --write / --no-write   force writing BENCHMARKS.md, or not
 *   --profile DIR          instead of benchmarking, run each selected scenario once with node --cpu-prof
 *                          into DIR and print, for each profile, the functions that took the most CPU time
 *   --dist DIR|REV         the bundle to measure: a folder holding index.js, or a git revision whose
 *                          committed dist/ is copied out (read-only `git show`) to a temporary folder;
 *                          default: this working tree's dist/
 */
import { ACMClient, DescribeCertificateCommand, paginateListCertificates } from '@aws-sdk/client-acm'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  ACM_QUOTAS,
  AwsEmulator,
  DEFAULT_ACCOUNT,
  STATIC_ACCESS_KEY_ID,
  STATIC_SECRET_ACCESS_KEY
} from '../emulator/aws-emulator.js'
import { acmResponseBody } from '../emulator/acm-service.js'
import { type ActionRun, ROOT, runAction, spawnNode } from '../emulator/run-action.js'
import type { CertificateSeed, RecordedCall } from '../emulator/types.js'

const DAY = 86_400_000
const LATENCY_MS = 40
const THRESHOLD_DAYS = 30
/** ListCertificates' largest page, which the action asks for. */
const PAGE_SIZE = 1000
const ACM_OPERATIONS = ['ListCertificates', 'DescribeCertificate', 'ListTagsForCertificate'] as const
/** Certificates per region of the manual comparison: the manual loop then needs about a minute (DescribeCertificate 10/s). */
const MANUAL_PER_REGION = 160
/** Pause between runs, so that the emulator's one-second quota windows are empty when a run starts. */
const SETTLE_MS = 1_100

const TARGETS = {
  floorRatio: 1.25,
  deepRssRatio: 1.2,
  startupOverNodeMs: 300
}

const REGIONS_16 = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2'
]

// ───────────────────────────────────────────── options

const argv = process.argv.slice(2)
function option(name: string): string | undefined {
  const index = argv.indexOf(`--${name}`)
  return index >= 0 ? argv[index + 1] : undefined
}
const ALL_SCENARIOS = ['empty', 'wide', 'deep', 'accounts', 'manual'] as const
type ScenarioName = (typeof ALL_SCENARIOS)[number]
const only = option('only')
  ?.split(',')
  .map((name) => name.trim()) as ScenarioName[] | undefined
const unknown = only?.filter((name) => !(ALL_SCENARIOS as readonly string[]).includes(name)) ?? []
if (unknown.length > 0) {
  console.error(`Unknown scenario ${unknown.join(', ')}: choose from ${ALL_SCENARIOS.join(', ')}.`)
  process.exit(2)
}
const selected = (name: ScenarioName) => !only || only.includes(name) || (name === 'empty' && only.length > 0)
const runsOverride = option('runs') === undefined ? undefined : Number(option('runs'))
const profileDir = option('profile')
const distOption = option('dist')
const write = argv.includes('--write') || (!argv.includes('--no-write') && !only && runsOverride === undefined && !profileDir)

// ───────────────────────────────────────────── data

/** What one (account, region) holds, and what an audit of it must read. */
interface RegionData {
  account: string
  region: string
  certificates: number
  /** Inside the threshold (expired or expiring within THRESHOLD_DAYS). */
  flagged: number
  /** Flagged and ACM-managed (AMAZON_ISSUED or PRIVATE): the action describes exactly these. */
  flaggedManaged: number
  /** What the manual method lists: status ISSUED and a key type ListCertificates returns by default. */
  manualListed: number
  manualFlagged: number
}

/**
 * Seeds an (account, region) with `count` certificates, 1 % of them inside the threshold (alternately
 * IMPORTED and AMAZON_ISSUED, some already expired), the rest expiring in 45 to 345 days; 80 % RSA_2048,
 * 10 % EC_prime256v1 and 10 % RSA_4096, as a real account mixes them.
 */
function seedRegion(emulator: AwsEmulator, account: string, region: string, count: number, now: number): RegionData {
  const seeds: CertificateSeed[] = []
  const data: RegionData = {
    account,
    region,
    certificates: count,
    flagged: 0,
    flaggedManaged: 0,
    manualListed: 0,
    manualFlagged: 0
  }
  for (let i = 0; i < count; i += 1) {
    const inside = i % 100 === 37
    const j = data.flagged
    const keyAlgorithm = inside
      ? j % 5 === 4
        ? 'EC_prime256v1'
        : 'RSA_2048'
      : i % 10 === 3
        ? 'EC_prime256v1'
        : i % 10 === 6
          ? 'RSA_4096'
          : 'RSA_2048'
    const type = inside && j % 2 === 0 ? 'IMPORTED' : 'AMAZON_ISSUED'
    const notAfter = new Date(now + (inside ? -5 + ((j * 7) % 30) + 0.5 : 45 + ((i * 13) % 300)) * DAY)
    const domain = `svc-${i}.${region}.a${account.slice(-4)}.example.com`
    seeds.push({
      domain,
      subjectAlternativeNames: [domain, `www.${domain}`],
      type,
      keyAlgorithm,
      notAfter,
      ...(type === 'AMAZON_ISSUED' && inside
        ? { renewal: { status: j % 3 === 0 ? 'PENDING_VALIDATION' : 'PENDING_AUTO_RENEWAL' } }
        : {})
    })
    const issued = notAfter.getTime() >= now
    const manualListed = issued && keyAlgorithm === 'RSA_2048'
    if (inside) {
      data.flagged += 1
      if (type === 'AMAZON_ISSUED') data.flaggedManaged += 1
      if (manualListed) data.manualFlagged += 1
    }
    if (manualListed) data.manualListed += 1
  }
  emulator.addCertificates(region, seeds, account)
  return data
}

const pagesFor = (listed: number) => Math.max(1, Math.ceil(listed / PAGE_SIZE))

/**
 * The floor for one (account, region): its pages in sequence, each taking at least the latency and page
 * i starting no earlier than i / quota seconds after the first; then its DescribeCertificate calls as
 * parallel as the quota allows ((n - 1) / quota + latency). Accounts and regions run side by side, so
 * the floor of a scenario is the slowest of them.
 */
function floorMs(regions: readonly RegionData[], latencyMs: number): number {
  const listRate = ACM_QUOTAS.ListCertificates ?? 8
  const describeRate = ACM_QUOTAS.DescribeCertificate ?? 10
  let slowest = 0
  for (const data of regions) {
    let end = 0
    for (let page = 0; page < pagesFor(data.certificates); page += 1) end = Math.max(end, (page * 1000) / listRate) + latencyMs
    const describe = data.flaggedManaged > 0 ? ((data.flaggedManaged - 1) * 1000) / describeRate + latencyMs : 0
    slowest = Math.max(slowest, end + describe)
  }
  return slowest
}

// ───────────────────────────────────────────── measuring

interface RunMeasure {
  wallMs: number
  maxRssKb: number | undefined
  cpuMs: number | undefined
  /** CPU time of this process (the emulator) while the run lasted. */
  emulatorCpuMs: number
  /** Requests the emulator received per operation, throttled ones included. */
  calls: Record<string, number>
  throttled: number
  serverMs: Record<string, number[]>
  problems: string[]
}

function countCalls(calls: readonly RecordedCall[]): Pick<RunMeasure, 'calls' | 'serverMs'> {
  const counted: Record<string, number> = {}
  const serverMs: Record<string, number[]> = {}
  for (const call of calls) {
    counted[call.operation] = (counted[call.operation] ?? 0) + 1
    ;(serverMs[call.operation] ??= []).push(call.serverMs)
  }
  return { calls: counted, serverMs }
}

/** ACM calls per account:region:operation, to check that every region got exactly what it needs. */
function callsPerRegion(calls: readonly RecordedCall[]): Map<string, number> {
  const counted = new Map<string, number>()
  for (const call of calls) {
    if (call.service !== 'acm') continue
    const key = `${call.account}:${call.region}:${call.operation}`
    counted.set(key, (counted.get(key) ?? 0) + 1)
  }
  return counted
}

function expectedCalls(regions: readonly RegionData[]): Map<string, number> {
  const expected = new Map<string, number>()
  for (const data of regions) {
    expected.set(`${data.account}:${data.region}:ListCertificates`, pagesFor(data.certificates))
    if (data.flaggedManaged > 0) expected.set(`${data.account}:${data.region}:DescribeCertificate`, data.flaggedManaged)
  }
  return expected
}

function compareCalls(actual: Map<string, number>, expected: Map<string, number>): string[] {
  const problems: string[] = []
  for (const key of new Set([...actual.keys(), ...expected.keys()])) {
    if ((actual.get(key) ?? 0) !== (expected.get(key) ?? 0))
      problems.push(`${key}: ${actual.get(key) ?? 0} calls, expected ${expected.get(key) ?? 0}`)
  }
  return problems
}

function resetCounters(emulator: AwsEmulator): void {
  emulator.calls.length = 0
  emulator.throttled = 0
}

/** One run of the action; checks its outputs and the calls it made against the data. */
async function runOnce(
  emulator: AwsEmulator,
  regions: readonly RegionData[],
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {}
): Promise<RunMeasure> {
  resetCounters(emulator)
  await sleep(SETTLE_MS)
  const cpuBefore = process.cpuUsage()
  const run = await runAction({
    endpoint: emulator.url,
    inputs: { days: String(THRESHOLD_DAYS), 'fail-on': 'never', ...inputs },
    env,
    timeoutMs: 300_000,
    measure: true,
    bundle,
    ...(profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {})
  })
  const cpu = process.cpuUsage(cpuBefore)
  const problems = checkRun(run, regions)
  problems.push(...compareCalls(callsPerRegion(emulator.calls), expectedCalls(regions)))
  return {
    wallMs: run.wallMs,
    maxRssKb: run.resources?.maxRssKb,
    cpuMs: run.resources ? run.resources.userCpuMs + run.resources.systemCpuMs : undefined,
    emulatorCpuMs: (cpu.user + cpu.system) / 1000,
    ...countCalls(emulator.calls),
    throttled: emulator.throttled,
    problems
  }
}

function checkRun(run: ActionRun, regions: readonly RegionData[]): string[] {
  const problems: string[] = []
  if (run.exitCode !== 0)
    problems.push(`exit code ${run.exitCode}: ${(run.stderr || run.stdout).trim().split('\n').slice(-5).join(' | ')}`)
  const scanned = regions.reduce((sum, data) => sum + data.certificates, 0)
  const flagged = regions.reduce((sum, data) => sum + data.flagged, 0)
  if (run.outputs['scanned-count'] !== String(scanned))
    problems.push(`scanned-count ${run.outputs['scanned-count']}, expected ${scanned}`)
  const reported = Number(run.outputs['expiring-count'] ?? NaN) + Number(run.outputs['expired-count'] ?? NaN)
  if (reported !== flagged) problems.push(`expiring + expired = ${reported}, expected ${flagged}`)
  if (run.outputs['failed-regions'] !== '') problems.push(`failed-regions: ${run.outputs['failed-regions']}`)
  return problems
}

// ───────────────────────────────────────────── statistics and formatting

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)
const defined = (values: ReadonlyArray<number | undefined>): number[] =>
  values.filter((value): value is number => value !== undefined)
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

const secs = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s` : 'n/a')
const msText = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : 'n/a')
const mib = (kb: number | undefined) => (kb === undefined || !Number.isFinite(kb) ? 'n/a' : `${(kb / 1024).toFixed(1)} MiB`)
const thousands = (n: number) => n.toLocaleString('en-US')
const ratioText = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a')
const passMiss = (ok: boolean) => (ok ? 'PASS' : 'MISS')

function callsText(calls: Record<string, number>): string {
  const short: Record<string, string> = {
    ListCertificates: 'List',
    DescribeCertificate: 'Describe',
    ListTagsForCertificate: 'Tags'
  }
  return ACM_OPERATIONS.map((operation) => `${short[operation]} ${thousands(calls[operation] ?? 0)}`).join(' · ')
}
function otherCallsText(calls: Record<string, number>): string {
  const other = Object.entries(calls).filter(([operation]) => !(ACM_OPERATIONS as readonly string[]).includes(operation))
  return other.length === 0 ? '–' : other.map(([operation, n]) => `${operation} ${n}`).join(' · ')
}

/** Emulator time per request (from calls[].serverMs) of the runs: mean and max, per ACM operation. */
function serverText(runs: readonly RunMeasure[]): string {
  const parts: string[] = []
  for (const operation of ['ListCertificates', 'DescribeCertificate'] as const) {
    const values = runs.flatMap((run) => run.serverMs[operation] ?? [])
    if (values.length === 0) continue
    parts.push(
      `${operation === 'ListCertificates' ? 'List' : 'Describe'} ${(sum(values) / values.length).toFixed(2)} / ${Math.max(...values).toFixed(1)}`
    )
  }
  return parts.join(' · ') || '–'
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align: readonly ('l' | 'r')[] = []): string {
  const escape = (cell: string) => cell.replace(/\|/gu, '\\|')
  const lines = [
    `| ${header.map(escape).join(' | ')} |`,
    `| ${header.map((_, i) => (align[i] === 'r' ? '-:' : ':-')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)
  ]
  return lines.join('\n')
}

// ───────────────────────────────────────────── scenarios

interface ScenarioResult {
  name: ScenarioName
  data: string
  runs: RunMeasure[]
  floorMs: number
  expected: Record<string, number>
  latencyMs: number
  notes: string[]
}

const results: ScenarioResult[] = []
const checks: Array<{ target: string; measured: string; ok: boolean }> = []
const sections: string[] = []
const progress = (text: string) => process.stderr.write(`${text}\n`)

async function withEmulator<T>(options: { latencyMs: number }, body: (emulator: AwsEmulator) => Promise<T>): Promise<T> {
  const emulator = new AwsEmulator({ latencyMs: options.latencyMs, quotas: ACM_QUOTAS })
  await emulator.start()
  try {
    return await body(emulator)
  } finally {
    await emulator.stop()
  }
}

function expectedTotals(regions: readonly RegionData[]): Record<string, number> {
  return {
    ListCertificates: sum(regions.map((data) => pagesFor(data.certificates))),
    DescribeCertificate: sum(regions.map((data) => data.flaggedManaged)),
    ListTagsForCertificate: 0
  }
}

async function actionScenario(
  name: ScenarioName,
  data: string,
  runs: number,
  layout: { accounts: string[]; regions: string[]; perRegion: number },
  options: {
    inputs?: Record<string, string>
    env?: (emulator: AwsEmulator) => Record<string, string | undefined>
    setup?: (emulator: AwsEmulator) => void
  } = {}
): Promise<ScenarioResult> {
  return withEmulator({ latencyMs: LATENCY_MS }, async (emulator) => {
    const now = Date.now()
    const seeded = performance.now()
    const regionData = layout.accounts.flatMap((account) =>
      layout.regions.map((region) => seedRegion(emulator, account, region, layout.perRegion, now))
    )
    options.setup?.(emulator)
    warmListings(emulator, regionData)
    progress(`  seeded ${thousands(layout.perRegion * regionData.length)} certificates in ${msText(performance.now() - seeded)}`)
    const measures: RunMeasure[] = []
    for (let i = 0; i < runs; i += 1) {
      const measure = await runOnce(
        emulator,
        regionData,
        { regions: layout.regions.join(','), ...options.inputs },
        options.env?.(emulator) ?? {}
      )
      progress(
        `  run ${i + 1}/${runs}: ${secs(measure.wallMs)}, ${callsText(measure.calls)}, throttled ${measure.throttled}, peak RSS ${mib(measure.maxRssKb)}${measure.problems.length ? `, PROBLEMS: ${measure.problems.slice(0, 3).join('; ')}` : ''}`
      )
      measures.push(measure)
    }
    return {
      name,
      data,
      runs: measures,
      floorMs: floorMs(regionData, LATENCY_MS),
      expected: expectedTotals(regionData),
      latencyMs: LATENCY_MS,
      notes: []
    }
  })
}

/**
 * Pages through every seeded region once in-process, so that the emulator has serialised each
 * certificate's summary before the first measured run (it reuses them), and run 1 is like runs 2 and 3.
 */
function warmListings(emulator: AwsEmulator, regions: readonly RegionData[]): void {
  for (const data of regions) {
    const certificates = emulator.certificatesOf(data.account, data.region)
    for (let offset = 0; offset < certificates.length; offset += PAGE_SIZE) {
      const params = {
        MaxItems: PAGE_SIZE,
        Includes: { keyTypes: ['RSA_2048', 'RSA_4096', 'EC_prime256v1'] },
        ...(offset > 0 ? { NextToken: Buffer.from(String(offset)).toString('base64url') } : {})
      }
      acmResponseBody('ListCertificates', params, certificates)
    }
  }
}

/** The action's fixed cost: 1 region, 0 certificates, no latency; next to a bare `node -e ""`. */
async function emptyScenario(runs: number): Promise<{ result: ScenarioResult; bareMs: number[]; bareRssKb: number[] }> {
  return withEmulator({ latencyMs: 0 }, async (emulator) => {
    const regionData: RegionData[] = [
      {
        account: DEFAULT_ACCOUNT,
        region: 'us-east-1',
        certificates: 0,
        flagged: 0,
        flaggedManaged: 0,
        manualListed: 0,
        manualFlagged: 0
      }
    ]
    const work = await mkdtemp(join(os.tmpdir(), 'acm-expiry-audit-bench-'))
    temporary.push(work)
    const measures: RunMeasure[] = []
    const bareMs: number[] = []
    const bareRssKb: number[] = []
    // One unmeasured run of each first, so that both find the files in the page cache.
    await spawnNode(['-e', ''], { env: { PATH: process.env.PATH ?? '' }, cwd: work, timeoutMs: 30_000, measure: true })
    await runOnce(emulator, regionData, { regions: 'us-east-1' })
    for (let i = 0; i < runs; i += 1) {
      const bare = await spawnNode(['-e', ''], {
        env: { PATH: process.env.PATH ?? '' },
        cwd: work,
        timeoutMs: 30_000,
        measure: true
      })
      bareMs.push(bare.wallMs)
      if (bare.resources) bareRssKb.push(bare.resources.maxRssKb)
      const measure = await runOnce(emulator, regionData, { regions: 'us-east-1' })
      progress(
        `  run ${i + 1}/${runs}: action ${secs(measure.wallMs)} (CPU ${msText(measure.cpuMs ?? NaN)}), bare node ${msText(bare.wallMs)}${measure.problems.length ? `, PROBLEMS: ${measure.problems.join('; ')}` : ''}`
      )
      measures.push(measure)
    }
    return {
      result: {
        name: 'empty',
        data: '1 region × 0 certificates (latency 0)',
        runs: measures,
        floorMs: 0,
        expected: expectedTotals(regionData),
        latencyMs: 0,
        notes: []
      },
      bareMs,
      bareRssKb
    }
  })
}

/**
 * The manual method, as people write it with the same SDK: for each region in turn, ListCertificates
 * (CertificateStatuses ISSUED, every page) and a DescribeCertificate for each certificate, one after
 * another, with the SDK's default retries.
 */
async function manualAudit(endpoint: string, regions: readonly string[]): Promise<{ flagged: number; failed: number }> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true' // this process only; the action's environment is its own
  const threshold = Date.now() + THRESHOLD_DAYS * DAY
  let flagged = 0
  let failed = 0
  for (const region of regions) {
    const client = new ACMClient({
      region,
      endpoint,
      credentials: { accessKeyId: STATIC_ACCESS_KEY_ID, secretAccessKey: STATIC_SECRET_ACCESS_KEY }
    })
    try {
      for await (const page of paginateListCertificates({ client }, { CertificateStatuses: ['ISSUED'] })) {
        for (const summary of page.CertificateSummaryList ?? []) {
          try {
            const { Certificate } = await client.send(new DescribeCertificateCommand({ CertificateArn: summary.CertificateArn }))
            if (Certificate?.NotAfter && Certificate.NotAfter.getTime() <= threshold) flagged += 1
          } catch {
            failed += 1
          }
        }
      }
    } finally {
      client.destroy()
    }
  }
  return { flagged, failed }
}

// ───────────────────────────────────────────── profiling

interface CpuProfile {
  nodes: Array<{
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    hitCount?: number
    children?: number[]
  }>
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

/** Self time per function of each .cpuprofile in `dir` (oldest first), the top `limit` of each. */
async function summariseProfiles(dir: string, limit = 25): Promise<string> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'))
  const dated = await Promise.all(files.map(async (file) => ({ file, at: (await stat(join(dir, file))).mtimeMs })))
  const summaries: string[] = []
  for (const { file } of dated.sort((a, b) => a.at - b.at)) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile
    const byId = new Map(profile.nodes.map((node) => [node.id, node]))
    const self = new Map<string, number>()
    let total = 0
    profile.samples.forEach((id, index) => {
      const node = byId.get(id)
      const delta = (profile.timeDeltas[index] ?? 0) / 1000
      total += delta
      if (!node) return
      const { functionName, url, lineNumber } = node.callFrame
      const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-1)[0] ?? ''}:${lineNumber + 1}`
      self.set(key, (self.get(key) ?? 0) + delta)
    })
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, limit)
    summaries.push(
      [
        `${file}: ${msText(total)} sampled`,
        ...top.map(([key, ms]) => `  ${msText(ms).padStart(8)}  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${key}`)
      ].join('\n')
    )
  }
  return summaries.join('\n\n') || 'no profile written'
}

// ───────────────────────────────────────────── main

const started = performance.now()
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: os.totalmem() / 1024 ** 3,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  date: new Date().toISOString(),
  load: os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')
}
/** The folder holding the bundle to measure, and how to name it in the report. */
/** Temporary folders this run made, removed at the end. */
const temporary: string[] = []

async function resolveDist(): Promise<{ dir: string; label: string }> {
  if (!distOption) {
    let committed = ''
    try {
      committed = createHash('sha256')
        .update(execFileSync('git', ['show', 'HEAD:dist/index.js'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }))
        .digest('hex')
    } catch {
      // Not a git checkout: nothing to compare with.
    }
    const current = createHash('sha256')
      .update(await readFile(join(ROOT, 'dist', 'index.js')))
      .digest('hex')
    const note = committed && committed !== current ? ' (differs from the committed one; --dist HEAD measures that)' : ''
    return { dir: join(ROOT, 'dist'), label: `dist/ of the working tree${note}` }
  }
  if (existsSync(join(distOption, 'index.js'))) return { dir: distOption, label: distOption }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })
  const commit = git('rev-parse', '--verify', `${distOption}^{commit}`).toString().trim()
  const copy = await mkdtemp(join(os.tmpdir(), 'acm-expiry-audit-bench-dist-'))
  temporary.push(copy)
  const dir = join(copy, 'dist')
  await mkdir(dir)
  for (const path of git('ls-tree', '--name-only', commit, 'dist/').toString().trim().split('\n')) {
    await writeFile(join(dir, path.slice('dist/'.length)), git('show', `${commit}:${path}`))
  }
  return { dir, label: `dist/ committed in ${commit.slice(0, 10)} (${distOption})` }
}
const dist = await resolveDist()
const bundle = join(dist.dir, 'index.js')
const bundleFiles = await readdir(dist.dir)
const bundleSizes = await Promise.all(bundleFiles.map(async (file) => ({ file, bytes: (await stat(join(dist.dir, file))).size })))
const bundleHash = createHash('sha256')
  .update(await readFile(bundle))
  .digest('hex')
  .slice(0, 12)
progress(
  `acm-expiry-audit benchmark: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.load}; measuring ${dist.label}, index.js sha256 ${bundleHash}`
)

const runsFor = (defaultRuns: number) => (profileDir ? 1 : (runsOverride ?? defaultRuns))

// empty
progress('empty: 1 region, 0 certificates, next to a bare node -e ""')
const empty = await emptyScenario(runsFor(5))
results.push(empty.result)
const emptyWall = median(empty.result.runs.map((run) => run.wallMs))
const bareWall = median(empty.bareMs)
const startup = emptyWall - bareWall
const bundleTotal = sum(bundleSizes.filter((entry) => entry.file.endsWith('.js')).map((entry) => entry.bytes))
checks.push({
  target: `empty: start-up over bare Node ≤ ${TARGETS.startupOverNodeMs} ms (median)`,
  measured: `${msText(emptyWall)} − ${msText(bareWall)} = ${msText(startup)}`,
  ok: startup <= TARGETS.startupOverNodeMs
})
sections.push(
  [
    '### empty: fixed cost',
    '',
    table(
      ['', 'Wall (median)', 'Runs (ms)', 'CPU user+sys (median)', 'Peak RSS (median)'],
      [
        [
          'bare `node -e ""`',
          msText(bareWall),
          empty.bareMs.map((ms) => Math.round(ms)).join(', '),
          '–',
          mib(median(empty.bareRssKb))
        ],
        [
          '`node dist/index.js`',
          msText(emptyWall),
          empty.result.runs.map((run) => Math.round(run.wallMs)).join(', '),
          msText(median(defined(empty.result.runs.map((run) => run.cpuMs)))),
          mib(median(defined(empty.result.runs.map((run) => run.maxRssKb))))
        ],
        ['start-up over bare Node', msText(startup), '', '', '']
      ],
      ['l', 'r', 'l', 'r', 'r']
    ),
    '',
    `Bundle: ${bundleSizes.map((entry) => `\`dist/${entry.file}\` ${thousands(entry.bytes)} B`).join(', ')}; JavaScript ${(bundleTotal / 1024 / 1024).toFixed(2)} MiB (\`193.index.js\` holds the EC2 client and is loaded only for \`regions: all\`).`
  ].join('\n')
)

// wide
if (selected('wide')) {
  progress('wide: 16 regions × 5,000 certificates, 1 % inside the threshold, latency 40 ms')
  results.push(
    await actionScenario('wide', '16 regions × 5,000 certificates', runsFor(3), {
      accounts: [DEFAULT_ACCOUNT],
      regions: REGIONS_16,
      perRegion: 5_000
    })
  )
}

// deep
let deepSmall: ScenarioResult | undefined
if (selected('deep')) {
  progress('deep: 1 region × 50,000 certificates, latency 40 ms')
  results.push(
    await actionScenario('deep', '1 region × 50,000 certificates', runsFor(3), {
      accounts: [DEFAULT_ACCOUNT],
      regions: ['us-east-1'],
      perRegion: 50_000
    })
  )
  progress('deep (memory reference): 1 region × 1,000 certificates')
  deepSmall = await actionScenario('deep', '1 region × 1,000 certificates', runsFor(3), {
    accounts: [DEFAULT_ACCOUNT],
    regions: ['us-east-1'],
    perRegion: 1_000
  })
}

// accounts
if (selected('accounts')) {
  progress('accounts: 3 accounts (OIDC roles) × 4 regions × 2,000 certificates, latency 40 ms')
  const accounts = ['111111111111', '222222222222', '333333333333']
  const roles = accounts.map((account) => `arn:aws:iam::${account}:role/acm-expiry-audit`)
  results.push(
    await actionScenario(
      'accounts',
      '3 accounts × 4 regions × 2,000 certificates',
      runsFor(3),
      { accounts, regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'], perRegion: 2_000 },
      {
        inputs: { 'role-to-assume': roles.join('\n') },
        setup: (emulator) => roles.forEach((role) => emulator.sts.addRole(role)),
        env: (emulator) => ({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...emulator.sts.runnerEnv })
      }
    )
  )
}

// manual
interface ManualResult {
  regions: RegionData[]
  manual: RunMeasure[]
  manualFound: number
  manualFailed: number
  action: ScenarioResult
}
let manual: ManualResult | undefined
if (selected('manual') && !profileDir) {
  const manualRegions = ['us-east-1', 'eu-west-1', 'ap-southeast-2']
  progress(
    `manual: ${manualRegions.length} regions × ${MANUAL_PER_REGION} certificates, latency 40 ms; the manual method in-process, then the action`
  )
  manual = await withEmulator({ latencyMs: LATENCY_MS }, async (emulator) => {
    const now = Date.now()
    const regionData = manualRegions.map((region) => seedRegion(emulator, DEFAULT_ACCOUNT, region, MANUAL_PER_REGION, now))
    warmListings(emulator, regionData)
    const manualRuns: RunMeasure[] = []
    let found = 0
    let failed = 0
    for (let i = 0; i < runsFor(3); i += 1) {
      resetCounters(emulator)
      await sleep(SETTLE_MS)
      const t0 = performance.now()
      const cpuBefore = process.cpuUsage()
      const outcome = await manualAudit(emulator.url, manualRegions)
      const cpu = process.cpuUsage(cpuBefore)
      const wallMs = performance.now() - t0
      found = outcome.flagged
      failed = Math.max(failed, outcome.failed)
      const problems: string[] = []
      const expectedFound = sum(regionData.map((data) => data.manualFlagged))
      if (outcome.flagged !== expectedFound) problems.push(`manual found ${outcome.flagged}, expected ${expectedFound}`)
      if (outcome.failed > 0) problems.push(`${outcome.failed} DescribeCertificate calls failed after the SDK's retries`)
      // In-process: the CPU time is the manual loop's and the emulator's together.
      const measure: RunMeasure = {
        wallMs,
        maxRssKb: undefined,
        cpuMs: (cpu.user + cpu.system) / 1000,
        emulatorCpuMs: NaN,
        ...countCalls(emulator.calls),
        throttled: emulator.throttled,
        problems
      }
      manualRuns.push(measure)
      progress(
        `  manual run ${i + 1}: ${secs(wallMs)}, ${callsText(measure.calls)}, throttled ${measure.throttled}, found ${outcome.flagged}${problems.length ? `, ${problems.join('; ')}` : ''}`
      )
    }
    const actionRuns: RunMeasure[] = []
    for (let i = 0; i < runsFor(3); i += 1) {
      const measure = await runOnce(emulator, regionData, { regions: manualRegions.join(',') })
      progress(
        `  action run ${i + 1}: ${secs(measure.wallMs)}, ${callsText(measure.calls)}, throttled ${measure.throttled}${measure.problems.length ? `, PROBLEMS: ${measure.problems.join('; ')}` : ''}`
      )
      actionRuns.push(measure)
    }
    return {
      regions: regionData,
      manual: manualRuns,
      manualFound: found,
      manualFailed: failed,
      action: {
        name: 'manual',
        data: `${manualRegions.length} regions × ${MANUAL_PER_REGION} certificates (action)`,
        runs: actionRuns,
        floorMs: floorMs(regionData, LATENCY_MS),
        expected: expectedTotals(regionData),
        latencyMs: LATENCY_MS,
        notes: []
      }
    }
  })
  results.push(manual.action)
}

const removeTemporary = () => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })))

if (profileDir) {
  progress(`CPU profiles in ${profileDir}`)
  console.log(await summariseProfiles(profileDir))
  await removeTemporary()
  process.exit(0)
}

// ───────────────────────────────────────────── results

const rows: string[][] = []
const detailRows: string[][] = []
function addRow(result: ScenarioResult, label: string = result.name) {
  const walls = result.runs.map((run) => run.wallMs)
  const wall = median(walls)
  const net = wall - emptyWall
  const callsMedian: Record<string, number> = {}
  for (const operation of new Set(result.runs.flatMap((run) => Object.keys(run.calls))))
    callsMedian[operation] = median(result.runs.map((run) => run.calls[operation] ?? 0))
  const isEmpty = result.name === 'empty'
  rows.push([
    label,
    result.data,
    `${secs(wall)} (${secs(Math.min(...walls))}–${secs(Math.max(...walls))})`,
    isEmpty ? '–' : secs(net),
    isEmpty ? '–' : secs(result.floorMs),
    isEmpty ? '–' : `**${ratioText(net / result.floorMs)}**`,
    callsText(callsMedian),
    callsText(result.expected),
    String(Math.max(...result.runs.map((run) => run.throttled))),
    mib(median(defined(result.runs.map((run) => run.maxRssKb))))
  ])
  const emulatorCpu = median(result.runs.map((run) => run.emulatorCpuMs))
  detailRows.push([
    label,
    msText(median(defined(result.runs.map((run) => run.cpuMs)))),
    `${msText(emulatorCpu)} (${Math.round((100 * emulatorCpu) / wall)} % of the wall time)`,
    serverText(result.runs),
    otherCallsText(callsMedian)
  ])
}
for (const result of results) addRow(result, result.name === 'manual' ? 'manual: the action' : result.name)
if (deepSmall) addRow(deepSmall, 'deep (1,000)')
if (manual) {
  const walls = manual.manual.map((run) => run.wallMs)
  const callsMedian: Record<string, number> = {}
  for (const operation of ACM_OPERATIONS) callsMedian[operation] = median(manual.manual.map((run) => run.calls[operation] ?? 0))
  const manualExpected = {
    ListCertificates: sum(manual.regions.map((data) => pagesFor(data.manualListed))),
    DescribeCertificate: sum(manual.regions.map((data) => data.manualListed)),
    ListTagsForCertificate: 0
  }
  rows.push([
    'manual: by hand',
    `${manual.regions.length} regions × ${MANUAL_PER_REGION} certificates (SDK loop in the bench process)`,
    `${secs(median(walls))} (${secs(Math.min(...walls))}–${secs(Math.max(...walls))})`,
    '–',
    '–',
    '–',
    callsText(callsMedian),
    `${callsText(manualExpected)}, + retries`,
    String(Math.max(...manual.manual.map((run) => run.throttled))),
    'n/a (in-process)'
  ])
  detailRows.push([
    'manual: by hand',
    `${msText(median(defined(manual.manual.map((run) => run.cpuMs))))} (loop and emulator together)`,
    '–',
    serverText(manual.manual),
    '–'
  ])
}

const header = [
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
const resultsTable = table(header, rows, ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'l', 'r', 'r'])
const detailTable = table(
  [
    'Scenario',
    'Action CPU, user + system (median)',
    'Emulator CPU (median)',
    'Emulator time per request, ms: mean / max',
    'Other requests'
  ],
  detailRows,
  ['l', 'r', 'r', 'l', 'l']
)

// targets
for (const result of results) {
  if (result.name === 'empty') continue
  const label = result.name === 'manual' ? 'manual (the action)' : result.name
  const problems = [...new Set(result.runs.flatMap((run) => run.problems))]
  checks.push({
    target: `${label}: calls = the pages needed + 1 DescribeCertificate per flagged ACM-managed certificate, per account and region; outputs correct`,
    measured: problems.length === 0 ? `${callsText(result.runs[0]?.calls ?? {})} in every run` : problems.slice(0, 4).join('; '),
    ok: problems.length === 0
  })
  const throttled = Math.max(...result.runs.map((run) => run.throttled))
  checks.push({ target: `${label}: no throttling responses`, measured: `${throttled}`, ok: throttled === 0 })
  if (result.name === 'wide' || result.name === 'deep' || result.name === 'accounts') {
    const ratio = (median(result.runs.map((run) => run.wallMs)) - emptyWall) / result.floorMs
    checks.push({
      target: `${label}: (wall − empty) ≤ ${TARGETS.floorRatio} × floor`,
      measured: `${ratioText(ratio)} (${secs(median(result.runs.map((run) => run.wallMs)) - emptyWall)} vs ${secs(result.floorMs)})`,
      ok: ratio <= TARGETS.floorRatio
    })
  }
}
{
  const emptyProblems = [...new Set(empty.result.runs.flatMap((run) => run.problems))]
  checks.push({
    target: 'empty: calls = 1 ListCertificates page; outputs correct',
    measured: emptyProblems.join('; ') || 'yes',
    ok: emptyProblems.length === 0
  })
}
if (deepSmall) {
  const deep = results.find((result) => result.name === 'deep')
  const big = median(defined(deep?.runs.map((run) => run.maxRssKb) ?? []))
  const small = median(defined(deepSmall.runs.map((run) => run.maxRssKb)))
  checks.push({
    target: `deep: peak RSS at 50,000 ≤ ${TARGETS.deepRssRatio} × at 1,000`,
    measured: `${mib(big)} / ${mib(small)} = ${ratioText(big / small)}`,
    ok: big / small <= TARGETS.deepRssRatio
  })
  const smallProblems = [...new Set(deepSmall.runs.flatMap((run) => run.problems))]
  if (smallProblems.length > 0)
    checks.push({ target: 'deep (1,000): calls and outputs correct', measured: smallProblems.join('; '), ok: false })
}
// The emulator must not be what is measured: it never uses a whole core, and a page costs it a small
// part of the latency it adds.
{
  const busiest = results
    .map((result) => ({ name: result.name, share: median(result.runs.map((run) => run.emulatorCpuMs / run.wallMs)) }))
    .filter((entry) => Number.isFinite(entry.share))
    .sort((a, b) => b.share - a.share)[0]
  const listMs = results.flatMap((result) => result.runs.flatMap((run) => run.serverMs.ListCertificates ?? []))
  if (busiest && listMs.length > 0) {
    const typical = median(listMs)
    checks.push({
      target: `emulator not the bottleneck: its CPU ≤ 50 % of one core in every scenario, median time per ListCertificates page ≤ ${LATENCY_MS / 4} ms`,
      measured: `busiest: ${busiest.name} ${Math.round(100 * busiest.share)} %; page median ${typical.toFixed(1)} ms (p95 ${percentile(listMs, 95).toFixed(1)} ms, ${thousands(listMs.length)} pages)`,
      ok: busiest.share <= 0.5 && typical <= LATENCY_MS / 4
    })
  }
}

if (manual) {
  const manualWall = median(manual.manual.map((run) => run.wallMs))
  const actionWall = median(manual.action.runs.map((run) => run.wallMs))
  const manualCalls = median(manual.manual.map((run) => sum(ACM_OPERATIONS.map((operation) => run.calls[operation] ?? 0))))
  const actionCalls = median(manual.action.runs.map((run) => sum(ACM_OPERATIONS.map((operation) => run.calls[operation] ?? 0))))
  const flagged = sum(manual.regions.map((data) => data.flagged))
  sections.push(
    [
      '### manual: the usual script against the action, same emulator and data',
      '',
      table(
        ['', 'Wall (median)', 'ACM requests (median, throttled included)', 'Throttled (median)', 'Flagged certificates found'],
        [
          [
            'by hand: ListCertificates(ISSUED) + DescribeCertificate each, region after region',
            secs(manualWall),
            thousands(manualCalls),
            thousands(median(manual.manual.map((run) => run.throttled))),
            `${manual.manualFound} of ${flagged}${manual.manualFailed ? ` (${manual.manualFailed} look-ups failed)` : ''}`
          ],
          [
            'the action (start-up included)',
            secs(actionWall),
            thousands(actionCalls),
            thousands(Math.max(...manual.action.runs.map((run) => run.throttled))),
            `${flagged} of ${flagged}`
          ],
          [
            'action speed-up / call ratio',
            `**${ratioText(manualWall / actionWall)}**`,
            `**${ratioText(manualCalls / actionCalls)}** fewer`,
            '',
            ''
          ]
        ],
        ['l', 'r', 'r', 'r', 'l']
      ),
      '',
      `The manual loop sees only what \`ListCertificates\` returns by default: status ISSUED (so not the expired certificates) and RSA_1024/RSA_2048 keys (so not the EC_prime256v1 and RSA_4096 ones). It runs inside the bench process, so it pays no Node start-up; the action's wall time includes its own.`
    ].join('\n')
  )
}

const checksTable = table(
  ['Target', 'Measured', 'Result'],
  checks.map((check) => [check.target, check.measured, `**${passMiss(check.ok)}**`]),
  ['l', 'l', 'l']
)
const elapsed = performance.now() - started
const report = [
  `Run on ${machine.date.slice(0, 16).replace('T', ' ')} UTC · ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB memory · ${machine.os} · Node ${machine.node} · load average at start ${machine.load}, at the end ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} · measured ${dist.label}, \`index.js\` sha256 ${bundleHash}… · bench time ${secs(elapsed)}`,
  '',
  `Emulator: latency ${LATENCY_MS} ms per AWS response (0 for empty); ACM quotas per account, region and operation (sliding 1 s window): ${Object.entries(
    ACM_QUOTAS
  )
    .map(([operation, rate]) => `${operation} ${rate}/s`)
    .join(
      ', '
    )}. Threshold ${THRESHOLD_DAYS} days; 1 % of each region's certificates inside it, alternately IMPORTED and AMAZON_ISSUED. Runs: ${runsFor(5)} for empty, ${runsFor(3)} for the others; wall = spawn to exit of \`node dist/index.js\`; "empty" is the median wall of the empty scenario; emulator time from \`calls[].serverMs\` (mean / max, ms).`,
  '',
  resultsTable,
  '',
  "Where the time goes: the action's own CPU time, the CPU time the emulator (the bench process) spent while it ran, and the emulator's time per request from `calls[].serverMs` (from reading the request to the response being ready, injected latency excluded; it includes waiting for the requests handled at the same time).",
  '',
  detailTable,
  '',
  '### Targets',
  '',
  checksTable,
  '',
  ...sections.flatMap((section) => [section, ''])
].join('\n')

console.log(`\n${report}`)

if (write) {
  const file = join(ROOT, 'BENCHMARKS.md')
  const START = '<!-- bench:start -->'
  const END = '<!-- bench:end -->'
  let existing = ''
  try {
    existing = await readFile(file, 'utf8')
  } catch {
    existing = `# Benchmarks\n\nWritten by \`npm run bench\` (scripts/bench.ts); the text outside the bench markers is kept.\n\n${START}\n${END}\n`
  }
  const block = `${START}\n${report.trimEnd()}\n${END}`
  const updated =
    existing.includes(START) && existing.includes(END)
      ? existing.slice(0, existing.indexOf(START)) + block + existing.slice(existing.indexOf(END) + END.length)
      : `${existing.trimEnd()}\n\n${block}\n`
  await writeFile(file, updated)
  progress(`Wrote ${file}`)
}
await removeTemporary()
const missed = checks.filter((check) => !check.ok).length
progress(`${checks.length - missed} targets passed, ${missed} missed (${secs(elapsed)}).`)
