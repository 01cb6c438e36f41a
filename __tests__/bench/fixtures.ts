/** Small builders for the bench's unit tests: runs, scenario results and a whole bench, with fixed numbers. */
import type { BenchResults, RegionData, RunMeasure, ScenarioResult } from '../../scripts/bench/types.js'

export const QUOTAS = { ListCertificates: 8, DescribeCertificate: 10, ListTagsForCertificate: 10 }

export function region(overrides: Partial<RegionData> = {}): RegionData {
  return {
    account: '111122223333',
    region: 'us-east-1',
    certificates: 0,
    flagged: 0,
    flaggedManaged: 0,
    manualListed: 0,
    manualFlagged: 0,
    ...overrides
  }
}

export function run(overrides: Partial<RunMeasure> = {}): RunMeasure {
  return {
    wallMs: 1000,
    maxRssKb: 65_536,
    cpuMs: 300,
    emulatorCpuMs: 50,
    calls: {},
    throttled: 0,
    serverMs: {},
    problems: [],
    ...overrides
  }
}

/** The empty scenario of the bench fixture: two runs, 400 and 500 ms. */
export const EMPTY_RESULT: ScenarioResult = {
  name: 'empty',
  label: 'empty',
  data: '1 region × 0 certificates (latency 0)',
  floorMs: 0,
  expected: { ListCertificates: 1, DescribeCertificate: 0, ListTagsForCertificate: 0 },
  runs: [
    run({
      wallMs: 400,
      maxRssKb: 65_536,
      cpuMs: 300,
      emulatorCpuMs: 40,
      calls: { ListCertificates: 1, GetCallerIdentity: 1 },
      serverMs: { ListCertificates: [1] }
    }),
    run({
      wallMs: 500,
      maxRssKb: 67_584,
      cpuMs: 350,
      emulatorCpuMs: 60,
      calls: { ListCertificates: 1, GetCallerIdentity: 1 },
      serverMs: { ListCertificates: [2] }
    })
  ]
}

/** A wide scenario of one run that made one DescribeCertificate too many and was throttled once. */
export const WIDE_RESULT: ScenarioResult = {
  name: 'wide',
  label: 'wide',
  data: '16 regions × 5,000 certificates',
  floorMs: 2980,
  expected: { ListCertificates: 80, DescribeCertificate: 400, ListTagsForCertificate: 0 },
  runs: [
    run({
      wallMs: 3450,
      maxRssKb: 204_800,
      cpuMs: 2500,
      emulatorCpuMs: 690,
      calls: { ListCertificates: 80, DescribeCertificate: 401, GetCallerIdentity: 1 },
      throttled: 1,
      serverMs: { ListCertificates: [3, 5], DescribeCertificate: [0.5] },
      problems: ['111122223333:us-east-1:DescribeCertificate: 26 calls, expected 25']
    })
  ]
}

/** A bench of empty and wide, as renderReport and evaluateTargets receive it. */
export function benchResults(overrides: Partial<BenchResults> = {}): BenchResults {
  return {
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      memoryGiB: 8,
      os: 'Linux 6.0 x64',
      node: 'v20.0.0',
      date: '2026-01-02T03:04:05.678Z',
      load: '0.50 0.40 0.30'
    },
    loadAtEnd: '0.20 0.10 0.05',
    bundle: {
      label: 'dist/ of the working tree',
      hash: 'abcdef012345',
      sizes: [
        { file: 'index.js', bytes: 2_097_152 },
        { file: 'licenses.txt', bytes: 1000 }
      ]
    },
    elapsedMs: 12_345,
    runs: { empty: 2, others: 1 },
    latencyMs: 40,
    thresholdDays: 30,
    quotas: QUOTAS,
    empty: { result: EMPTY_RESULT, bareMs: [50, 70], bareRssKb: [38_912, 38_912] },
    results: [WIDE_RESULT],
    deepSmall: undefined,
    manual: undefined,
    ...overrides
  }
}
