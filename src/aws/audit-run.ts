import type { ACMClient } from '@aws-sdk/client-acm'
import { type ScanSettings, scanRegion } from './acm-scan.js'
import { toScanFailure } from './errors.js'
import { ALL_REGIONS, type AuditResult, type RegionScan, type ScanFailure } from '../types.js'

/** One set of credentials to audit with: an account (or the default credential chain). */
export interface AuditTarget {
  /** The account id: from the role ARN, or from GetCallerIdentity for the default credential chain. */
  account: string | undefined
  /** The account's name in AWS Organizations, when discovered. */
  name?: string
}

export interface AuditPlan<T extends AuditTarget> {
  targets: T[]
  /** Region names, or 'all' to discover each account's enabled regions. */
  regions: string[] | 'all'
  /** Where region discovery runs when regions is 'all'. */
  discoveryRegion: string
  settings: ScanSettings
}

export interface AuditDependencies<T extends AuditTarget> {
  /** ACM in one region for one target (AcmClients.forAccount: shared connections, the target's own pacing). */
  acmFor(target: T, region: string): ACMClient
  listEnabledRegions(target: T, region: string): Promise<string[]>
  /** Called as each region finishes, so progress shows while the others run. */
  onRegionScanned?(scan: RegionScan): void
  /** Called once every target's regions are known, with how many (account, region) pairs will be scanned. */
  onRegionsPlanned?(count: number): void
}

/** Regions scanned at once across all accounts; each is paced on its own, so this only bounds sockets. */
export const REGION_CONCURRENCY = 32

/** Scans every region of every target side by side. A failure in one never loses another's results. */
export async function runAudit<T extends AuditTarget>(plan: AuditPlan<T>, deps: AuditDependencies<T>): Promise<AuditResult> {
  const setupFailures: ScanFailure[] = []
  // Taken in order by the workers, each dropped as it is taken: once an account's regions are done, nothing
  // here holds its session or its ACM sender any more.
  const jobs: Array<{ target: T; region: string } | undefined> = []
  await Promise.all(
    plan.targets.map(async (target) => {
      if (plan.regions !== 'all') {
        for (const region of plan.regions) jobs.push({ target, region })
        return
      }
      try {
        for (const region of await deps.listEnabledRegions(target, plan.discoveryRegion)) jobs.push({ target, region })
      } catch (error) {
        // Without the list of regions, no region of the account is read: the whole account failed.
        const cause = toScanFailure(error, 'ec2:DescribeRegions', target.account, plan.discoveryRegion)
        setupFailures.push({
          ...cause,
          region: ALL_REGIONS,
          message: `No region of ${target.account ? `account ${target.account}` : 'the account'} was read: regions is "all" and the account's regions could not be listed. ${cause.message}`
        })
      }
    })
  )
  deps.onRegionsPlanned?.(jobs.length)
  const regions: RegionScan[] = new Array<RegionScan>(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const index = next
      next += 1
      const job = jobs[index] as { target: T; region: string }
      jobs[index] = undefined
      const account = { account: job.target.account, region: job.region }
      const scan = await scanRegion(deps.acmFor(job.target, job.region), account, plan.settings)
      deps.onRegionScanned?.(scan)
      regions[index] = scan
    }
  }
  await Promise.all(Array.from({ length: Math.min(REGION_CONCURRENCY, jobs.length) }, worker))
  return {
    now: plan.settings.now,
    days: plan.settings.days,
    criticalDays: plan.settings.criticalDays ?? 0,
    regions,
    setupFailures
  }
}
