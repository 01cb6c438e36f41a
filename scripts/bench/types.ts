import type { ScenarioName } from './scenarios.js'

/** What one (account, region) holds, and what an audit of it must read. */
export interface RegionData {
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

/** Requests per operation. */
export type CallCounts = Record<string, number>

export interface RunMeasure {
  wallMs: number
  maxRssKb: number | undefined
  /** Only in a retained-memory run: the most memory held after a full collection, in KiB. */
  retainedKb?: number
  cpuMs: number | undefined
  /** CPU time of the bench process (which hosts the emulator) while the run lasted. */
  emulatorCpuMs: number
  /** Requests the emulator received per operation, throttled ones included. */
  calls: CallCounts
  throttled: number
  /** The emulator's time per request (calls[].serverMs), per operation. */
  serverMs: Record<string, number[]>
  problems: string[]
}

export interface ScenarioResult {
  name: ScenarioName
  /** Its "Scenario" cell in the results. */
  label: string
  /** Its "Data" cell in the results. */
  data: string
  runs: RunMeasure[]
  /** With ActionScenario.retained: the most memory held after a full collection, in KiB, from one more run. */
  retainedKb?: number
  floorMs: number
  /** The requests the data needs, per ACM operation. */
  expected: CallCounts
}

export interface EmptyResult {
  result: ScenarioResult
  /** Wall times and peak RSS of a bare `node -e ""` spawned the same way. */
  bareMs: number[]
  bareRssKb: number[]
}

export interface ManualResult {
  regions: RegionData[]
  manual: RunMeasure[]
  manualFound: number
  manualFailed: number
  action: ScenarioResult
}

export interface Check {
  target: string
  measured: string
  ok: boolean
}

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  os: string
  node: string
  /** ISO 8601, when the bench started. */
  date: string
  /** Load averages at the start, formatted. */
  load: string
}

export interface BundleInfo {
  dir: string
  /** How the report names it. */
  label: string
  /** The first 12 hex digits of index.js's sha256. */
  hash: string
  sizes: Array<{ file: string; bytes: number }>
}

/** Everything the report is rendered from. */
export interface BenchResults {
  machine: Machine
  loadAtEnd: string
  bundle: Omit<BundleInfo, 'dir'>
  elapsedMs: number
  runs: { empty: number; others: number }
  latencyMs: number
  thresholdDays: number
  quotas: Readonly<Record<string, number>>
  empty: EmptyResult
  /** The action scenarios that ran, in order (wide, deep, accounts, then manual's action runs). */
  results: ScenarioResult[]
  /** deep's 1,000-certificate reference, when deep ran. */
  deepSmall: ScenarioResult | undefined
  manual: ManualResult | undefined
}
