/**
 * The `org-large` scenario: an organization of 5,000 accounts × 17 regions (85,000 account-regions, about 1 %
 * holding certificates) audited as a 16-shard matrix, the shards run one after another, then their merge; and
 * the same organization in one job. What a 16-job matrix would take is the slowest shard plus the merge.
 */
import { copyFile, mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import { basename, join } from 'node:path'
import { ORGANIZATIONS_PAGE_SIZE } from '../../emulator/organizations-service.js'
import { pagesFor } from './floor.js'
import { mib, passMiss, ratioText, secs, table, thousands } from './format.js'
import { type MeasureContext, withEmulator } from './measure.js'
import { expectOutputs, measured, MEMBER_ROLE, ORG_REGIONS, orgFloorMs, type OrgRun, seedOrganization } from './organization.js'
import { ORG_LARGE_SCENARIO } from './scenarios.js'
import type { CallCounts, Check, RegionData } from './types.js'

export interface OrgLargeResult {
  accounts: number
  shards: OrgRun[]
  merge: OrgRun
  /** The whole organization in one job (absent with --only org-large:matrix). */
  single: OrgRun | undefined
  /** The floor of the whole organization in one job, and of the slowest shard, in ms. */
  floorMs: number
  shardFloorMs: number
  /** Requests the whole organization needs, per operation (each shard lists every account). */
  expected: CallCounts
}

/** Requests one job over `accounts` of the organization needs: every page of it, one AssumeRole per account, the regions' pages and look-ups. */
export function expectedOrgCalls(totalAccounts: number, regions: readonly RegionData[], accounts: number): CallCounts {
  return {
    GetCallerIdentity: 1,
    ListAccounts: Math.ceil(totalAccounts / ORGANIZATIONS_PAGE_SIZE),
    AssumeRole: accounts,
    ListCertificates: regions.reduce((sum, data) => sum + pagesFor(data.certificates), 0),
    DescribeCertificate: regions.reduce((sum, data) => sum + data.flagged, 0)
  }
}

/** The calls a run made that differ from those expected, as "operation made/expected". */
export function callDifferences(made: CallCounts, expected: CallCounts): string[] {
  const operations = [...new Set([...Object.keys(made), ...Object.keys(expected)])].sort()
  return operations
    .filter((operation) => (made[operation] ?? 0) !== (expected[operation] ?? 0))
    .map((operation) => `${operation} ${made[operation] ?? 0}/${expected[operation] ?? 0}`)
}

const floorOf = (context: MeasureContext, accounts: number, assumed: number, regions: readonly RegionData[]) =>
  orgFloorMs({
    accounts,
    assumed,
    regions,
    latencyMs: context.latencyMs,
    organizationsPerSecond: 4,
    assumeConcurrency: 8,
    regionConcurrency: 32,
    quotas: context.quotas
  })

export async function orgLargeScenario(context: MeasureContext, withSingle: boolean): Promise<OrgLargeResult> {
  const { accounts, shards: count } = ORG_LARGE_SCENARIO
  const base = { regions: ORG_REGIONS.join(','), 'member-role-name': MEMBER_ROLE }
  return withEmulator(context, async (emulator) => {
    const regions = seedOrganization(emulator, accounts)
    const check = expectOutputs(regions)
    const directory = await mkdtemp(join(os.tmpdir(), 'acm-expiry-audit-bench-large-'))
    context.temporary.push(directory)
    const shards: OrgRun[] = []
    for (let index = 1; index <= count; index += 1) {
      const run = await measured(context, emulator, { ...base, shard: `${index}/${count}` }, (outputs) =>
        outputs['failed-regions'] ? [`shard ${index}: failed regions ${outputs['failed-regions'].slice(0, 200)}`] : []
      )
      await copyFile(run.reportFile, join(directory, basename(run.reportFile)))
      context.progress(
        `  shard ${index}/${count}: ${secs(run.wallMs)}, throttled ${run.throttled}, ${run.connections} connections, peak RSS ${mib(run.maxRssKb)}`
      )
      shards.push(run)
    }
    const merge = await measured(context, emulator, { 'merge-reports': directory, 'expected-reports': String(count) }, check)
    context.progress(`  merge of ${count} reports: ${secs(merge.wallMs)}, peak RSS ${mib(merge.maxRssKb)}`)
    let single: OrgRun | undefined
    if (withSingle) {
      single = await measured(context, emulator, base, check)
      context.progress(`  ${accounts} accounts in one job: ${secs(single.wallMs)}, throttled ${single.throttled}`)
    }
    // The shards split the accounts evenly (by id); each lists the whole organization.
    const perShard = Math.ceil(accounts / count)
    return {
      accounts,
      shards,
      merge,
      single,
      floorMs: floorOf(context, accounts, accounts, regions),
      // About a shard's: its accounts' regions, taken here as the first ones (the holding ones are spread evenly).
      shardFloorMs: floorOf(context, accounts, perShard, regions.slice(0, perShard * ORG_REGIONS.length)),
      expected: expectedOrgCalls(accounts, regions, accounts)
    }
  })
}

const sumCalls = (runs: readonly OrgRun[]): CallCounts => {
  const total: CallCounts = {}
  for (const run of runs) for (const [operation, n] of Object.entries(run.calls)) total[operation] = (total[operation] ?? 0) + n
  return total
}

/** The targets of org-large, in the bench's Check form. */
export function orgLargeChecks(result: OrgLargeResult, startupMs: number): Check[] {
  const slowest = Math.max(...result.shards.map((run) => run.wallMs))
  const matrixMs = slowest + result.merge.wallMs
  const throttled = [...result.shards, result.merge, ...(result.single ? [result.single] : [])].reduce(
    (sum, run) => sum + run.throttled,
    0
  )
  // Every shard lists the whole organization: the shards together make ListAccounts and GetCallerIdentity once each.
  const shardCalls = sumCalls(result.shards)
  const count = result.shards.length
  const expectedShards = {
    ...result.expected,
    GetCallerIdentity: count,
    ListAccounts: (result.expected.ListAccounts ?? 0) * count
  }
  const differences = callDifferences(shardCalls, expectedShards)
  const problems = [...result.shards, result.merge, ...(result.single ? [result.single] : [])].flatMap((run) => run.problems)
  const checks: Check[] = [
    {
      target: `org-large: ${count}-job matrix, first start to merge end (slowest shard + merge) < 2 min`,
      measured: `${secs(matrixMs)} (${secs(slowest)} + ${secs(result.merge.wallMs)})`,
      ok: matrixMs < 120_000
    },
    {
      target: 'org-large: zero throttling responses (every shard, the merge and the one job)',
      measured: String(throttled),
      ok: throttled === 0
    },
    {
      target: 'org-large: the shards together make exactly the calls needed; outputs correct',
      measured: [...differences, ...problems].join('; ') || 'yes',
      ok: differences.length === 0 && problems.length === 0
    }
  ]
  if (result.single) {
    const ratio = (result.single.wallMs - startupMs) / result.floorMs
    const singleDifferences = callDifferences(result.single.calls, result.expected)
    checks.push(
      {
        target: 'org-large: one job, (wall − start-up) ≤ 1.25 × floor',
        measured: `${ratioText(ratio)} (${secs(result.single.wallMs - startupMs)} vs ${secs(result.floorMs)})`,
        ok: ratio <= 1.25
      },
      {
        target: 'org-large: one job makes exactly the calls needed',
        measured: singleDifferences.join('; ') || 'yes',
        ok: singleDifferences.length === 0
      }
    )
  }
  return checks
}

/** The org-large rows and targets, as markdown. */
export function renderOrgLarge(result: OrgLargeResult, startupMs: number): string {
  const callText = (calls: CallCounts) =>
    Object.entries(calls)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([operation, n]) => `${operation} ${thousands(n)}`)
      .join(' · ')
  const row = (label: string, run: OrgRun, floor: string) => [
    label,
    secs(run.wallMs),
    floor,
    mib(run.maxRssKb),
    String(run.throttled),
    thousands(run.connections),
    callText(run.calls)
  ]
  const slowest = Math.max(...result.shards.map((run) => run.wallMs))
  const rows = [
    ...result.shards.map((run, i) =>
      row(`shard ${i + 1}/${result.shards.length}`, run, i === 0 ? secs(result.shardFloorMs) : '')
    ),
    ['slowest shard', secs(slowest), '', '', '', '', ''],
    row(`merge of ${result.shards.length} reports`, result.merge, ''),
    ['matrix: slowest shard + merge', secs(slowest + result.merge.wallMs), '', '', '', '', ''],
    ...(result.single ? [row(`one job, ${thousands(result.accounts)} accounts`, result.single, secs(result.floorMs))] : [])
  ]
  return [
    `### org-large: ${thousands(result.accounts)} accounts × ${ORG_REGIONS.length} regions`,
    '',
    table(['Run', 'Wall', 'Floor', 'Peak RSS', 'Throttled', 'Connections', 'Requests'], rows, [
      'l',
      'r',
      'r',
      'r',
      'r',
      'r',
      'l'
    ]),
    '',
    table(
      ['Target', 'Measured', ''],
      orgLargeChecks(result, startupMs).map((check) => [check.target, check.measured, passMiss(check.ok)]),
      ['l', 'r', 'l']
    )
  ].join('\n')
}
