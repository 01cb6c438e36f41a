/**
 * The `org` scenario: an AWS organization of 300 accounts × 17 regions in the emulator, about 1 % of the
 * account-regions holding certificates. One run over the whole organization; the same organization as 8
 * shards run one after another, then their merge; and a 30-account organization for the memory reference.
 */
import { copyFile, mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import { basename, join } from 'node:path'
import { DEFAULT_ACCOUNT, STATIC_ACCESS_KEY_ID } from '../../emulator/aws-emulator.js'
import type { AwsEmulator } from '../../emulator/aws-emulator.js'
import { ORGANIZATIONS_PAGE_SIZE } from '../../emulator/organizations-service.js'
import { ACM_SOCKETS_PER_REGION } from '../../src/aws/clients.js'
import { runAction } from '../../emulator/run-action.js'
import { listingMs, pagesFor, describeMs } from './floor.js'
import { mib, passMiss, ratioText, secs, table, thousands } from './format.js'
import { type MeasureContext, settle, withEmulator } from './measure.js'
import { ORG_SCENARIO, REGIONS_16, regionSeeds, THRESHOLD_DAYS } from './scenarios.js'
import { countCalls } from './stats.js'
import type { CallCounts, RegionData } from './types.js'

export const ORG_REGIONS = [...REGIONS_16, 'ap-northeast-3'] as const
export const MEMBER_ROLE = 'acm-expiry-audit-member'

export interface OrgRun {
  wallMs: number
  maxRssKb: number | undefined
  calls: CallCounts
  throttled: number
  /** TCP connections the action opened to the emulator (every service). */
  connections: number
  problems: string[]
}

export interface OrgResult {
  accounts: number
  single: OrgRun
  reference: OrgRun
  shards: OrgRun[]
  merge: OrgRun
  floorMs: number
}

/** The accounts of an organization of `count` (the management account first), and which account-regions hold certificates. */
export function orgLayout(count: number): { accounts: string[]; holding: (account: number, region: number) => boolean } {
  const accounts = [DEFAULT_ACCOUNT, ...Array.from({ length: count - 1 }, (_, i) => String(100_000_000_000 + i))]
  return { accounts, holding: (a, r) => (a * ORG_REGIONS.length + r) % 100 === 0 }
}

/**
 * The floor, in ms: GetCallerIdentity; the discovery pages one after another at Organizations' pace; one
 * AssumeRole per account, `assumeConcurrency` at a time; then every account-region's pages and look-ups, at
 * most `regionConcurrency` at a time (the slowest of them, or their total spread over the bound).
 */
export function orgFloorMs(options: {
  accounts: number
  regions: readonly Pick<RegionData, 'certificates' | 'flaggedManaged'>[]
  latencyMs: number
  organizationsPerSecond: number
  assumeConcurrency: number
  regionConcurrency: number
  quotas: Readonly<Record<string, number>>
  /** Accounts whose member role is assumed (a shard's), when not every account discovered. */
  assumed?: number
}): number {
  const discovery = listingMs(
    Math.ceil(options.accounts / ORGANIZATIONS_PAGE_SIZE),
    options.latencyMs,
    options.organizationsPerSecond
  )
  const assume = Math.ceil((options.assumed ?? options.accounts) / options.assumeConcurrency) * options.latencyMs
  const each = options.regions.map(
    (data) =>
      listingMs(pagesFor(data.certificates), options.latencyMs, options.quotas.ListCertificates ?? 8) +
      describeMs(data.flaggedManaged, options.latencyMs, options.quotas.DescribeCertificate ?? 10)
  )
  const total = each.reduce((sum, ms) => sum + ms, 0)
  const scan = Math.max(
    Math.max(0, ...each),
    Math.ceil(total / options.regionConcurrency / options.latencyMs) * options.latencyMs
  )
  return options.latencyMs + discovery + assume + scan
}

export function seedOrganization(emulator: AwsEmulator, count: number): RegionData[] {
  const { accounts, holding } = orgLayout(count)
  emulator.organizations.create(DEFAULT_ACCOUNT, 'management')
  // Organizations throttles above a few requests per second: the action must stay under it.
  emulator.organizations.requestsPerSecond = 5
  const caller = emulator.identities.get(STATIC_ACCESS_KEY_ID)?.arn ?? ''
  const now = Date.now()
  const regions: RegionData[] = []
  accounts.forEach((account, a) => {
    if (account !== DEFAULT_ACCOUNT) emulator.organizations.addAccount({ id: account, name: `workload-${a}` })
    emulator.memberRoles.addRole(account, MEMBER_ROLE, [caller])
    ORG_REGIONS.forEach((region, r) => {
      const { seeds, data } = regionSeeds(account, region, holding(a, r) ? 100 : 0, now)
      if (seeds.length > 0) emulator.addCertificates(region, seeds, account)
      regions.push(data)
    })
  })
  return regions
}

export async function measured(
  context: MeasureContext,
  emulator: AwsEmulator,
  inputs: Record<string, string>,
  check: (outputs: Record<string, string>) => string[]
): Promise<OrgRun & { reportFile: string }> {
  await settle(emulator)
  emulator.organizations.throttled = 0
  emulator.connections = 0
  const run = await runAction({
    endpoint: emulator.url,
    inputs: { days: String(THRESHOLD_DAYS), 'fail-on': 'never', ...inputs },
    timeoutMs: 600_000,
    measure: true,
    bundle: context.bundle
  })
  return {
    wallMs: run.wallMs,
    maxRssKb: run.resources?.maxRssKb,
    calls: countCalls(emulator.calls).calls,
    throttled: emulator.throttled + emulator.organizations.throttled,
    connections: emulator.connections,
    problems: [...(run.exitCode === 0 ? [] : [`exit code ${run.exitCode}`]), ...check(run.outputs)],
    reportFile: run.outputs['report-file'] ?? ''
  }
}

/** Outputs that must equal what the data holds. */
export function expectOutputs(regions: readonly RegionData[]) {
  const scanned = regions.reduce((sum, data) => sum + data.certificates, 0)
  const flagged = regions.reduce((sum, data) => sum + data.flagged, 0)
  return (outputs: Record<string, string>) => {
    const problems: string[] = []
    const found = Number(outputs['expiring-count']) + Number(outputs['expired-count'])
    if (Number(outputs['scanned-count']) !== scanned) problems.push(`scanned ${outputs['scanned-count']}, expected ${scanned}`)
    if (found !== flagged) problems.push(`flagged ${found}, expected ${flagged}`)
    if (outputs['failed-regions']) problems.push(`failed regions: ${outputs['failed-regions'].slice(0, 200)}`)
    return problems
  }
}

export async function orgScenario(context: MeasureContext): Promise<OrgResult> {
  const regionList = ORG_REGIONS.join(',')
  const base = { regions: regionList, 'member-role-name': MEMBER_ROLE }
  const reference = await withEmulator(context, async (emulator) => {
    const regions = seedOrganization(emulator, ORG_SCENARIO.referenceAccounts)
    const run = await measured(context, emulator, base, expectOutputs(regions))
    context.progress(`  ${ORG_SCENARIO.referenceAccounts} accounts: ${secs(run.wallMs)}, peak RSS ${mib(run.maxRssKb)}`)
    return run
  })
  return withEmulator(context, async (emulator) => {
    const regions = seedOrganization(emulator, ORG_SCENARIO.accounts)
    const check = expectOutputs(regions)
    const single = await measured(context, emulator, base, check)
    context.progress(
      `  ${ORG_SCENARIO.accounts} accounts: ${secs(single.wallMs)}, throttled ${single.throttled}, peak RSS ${mib(single.maxRssKb)}${single.problems.length ? `, PROBLEMS: ${single.problems.join('; ')}` : ''}`
    )
    const directory = await mkdtemp(join(os.tmpdir(), 'acm-expiry-audit-bench-shards-'))
    context.temporary.push(directory)
    const shards: OrgRun[] = []
    for (let index = 1; index <= ORG_SCENARIO.shards; index += 1) {
      const run = await measured(context, emulator, { ...base, shard: `${index}/${ORG_SCENARIO.shards}` }, () => [])
      await copyFile(run.reportFile, join(directory, basename(run.reportFile)))
      context.progress(`  shard ${index}/${ORG_SCENARIO.shards}: ${secs(run.wallMs)}`)
      shards.push(run)
    }
    const merge = await measured(
      context,
      emulator,
      { 'merge-reports': directory, 'expected-reports': String(ORG_SCENARIO.shards) },
      check
    )
    context.progress(`  merge of ${ORG_SCENARIO.shards} reports: ${secs(merge.wallMs)}`)
    const floorMs = orgFloorMs({
      accounts: ORG_SCENARIO.accounts,
      regions,
      latencyMs: context.latencyMs,
      organizationsPerSecond: 4,
      assumeConcurrency: 8,
      regionConcurrency: 32,
      quotas: context.quotas
    })
    return { accounts: ORG_SCENARIO.accounts, single, reference, shards, merge, floorMs }
  })
}

/** The `org` rows and targets, as markdown. */
export function renderOrg(result: OrgResult, startupMs: number): string {
  const slowest = Math.max(...result.shards.map((run) => run.wallMs))
  const ratio = (result.single.wallMs - startupMs) / result.floorMs
  const rss = (result.single.maxRssKb ?? NaN) / (result.reference.maxRssKb ?? NaN)
  const calls = Object.entries(result.single.calls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, n]) => `${operation} ${thousands(n)}`)
    .join(' · ')
  const rows = [
    [
      'org (one run)',
      `${result.accounts} accounts × ${ORG_REGIONS.length} regions`,
      secs(result.single.wallMs),
      secs(result.floorMs),
      mib(result.single.maxRssKb),
      String(result.single.throttled),
      thousands(result.single.connections),
      calls
    ],
    [
      `org (${result.shards.length} shards, slowest)`,
      `${result.accounts} accounts × ${ORG_REGIONS.length} regions`,
      secs(slowest),
      '',
      mib(Math.max(...result.shards.map((run) => run.maxRssKb ?? 0))),
      String(result.shards.reduce((sum, run) => sum + run.throttled, 0)),
      thousands(Math.max(...result.shards.map((run) => run.connections))),
      `speed-up ${ratioText(result.single.wallMs / slowest)}`
    ],
    [
      `org (merge of ${result.shards.length} reports)`,
      '',
      secs(result.merge.wallMs),
      '',
      mib(result.merge.maxRssKb),
      String(result.merge.throttled),
      thousands(result.merge.connections),
      '–'
    ],
    [
      `org (${ORG_SCENARIO.referenceAccounts} accounts, memory reference)`,
      `${ORG_SCENARIO.referenceAccounts} accounts × ${ORG_REGIONS.length} regions`,
      secs(result.reference.wallMs),
      '',
      mib(result.reference.maxRssKb),
      String(result.reference.throttled),
      thousands(result.reference.connections),
      '–'
    ]
  ]
  const pool = ACM_SOCKETS_PER_REGION * ORG_REGIONS.length
  const mergeNet = result.merge.wallMs - startupMs
  const targets = [
    ['(wall − start-up) ≤ 1.25 × floor', ratioText(ratio), passMiss(ratio <= 1.25)],
    ['zero throttling responses', String(result.single.throttled), passMiss(result.single.throttled === 0)],
    ['peak RSS at 300 accounts ≤ 1.2 × at 30', ratioText(rss), passMiss(rss <= 1.2)],
    [
      `connections opened ≤ pool size × regions (${ACM_SOCKETS_PER_REGION} × ${ORG_REGIONS.length})`,
      `${thousands(result.single.connections)} of ${thousands(pool)}`,
      passMiss(result.single.connections <= pool)
    ],
    [
      `merge of ${result.shards.length} reports, beyond start-up < 0.3 s`,
      `${secs(mergeNet)} (${secs(result.merge.wallMs)} − ${secs(startupMs)})`,
      passMiss(mergeNet < 300)
    ]
  ]
  const problems = [result.single, result.merge, result.reference].flatMap((run) => run.problems)
  return [
    '### org',
    '',
    table(['Scenario', 'Data', 'Wall', 'Floor', 'Peak RSS', 'Throttled', 'Connections', 'Requests'], rows, [
      'l',
      'l',
      'r',
      'r',
      'r',
      'r',
      'r',
      'l'
    ]),
    '',
    table(['Target', 'Measured', ''], targets, ['l', 'r', 'l']),
    ...(problems.length > 0 ? ['', `Problems: ${problems.join('; ')}`] : [])
  ].join('\n')
}
