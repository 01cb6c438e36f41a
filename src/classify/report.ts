import {
  ALL_REGIONS,
  type AuditResult,
  type Finding,
  type IgnoredCertificate,
  type RegionScan,
  type ReportContext,
  type ScanFailure
} from '../types.js'
import { placeKey } from '../shared/aws-names.js'
import { byReadingOrder, bySoonest } from './urgency.js'
import { isInUse } from './finding-advice.js'

/** The codes of a merge's own failures (a report missing, unreadable, incompatible or repeated). */
export const MERGE_FAILURE_CODES: readonly string[] = [
  'ReportMissing',
  'ReportUnreadable',
  'ReportIncompatible',
  'ReportDuplicate',
  'ReportStale',
  'ReportStopped',
  'NothingRead'
]

/** The audit's results gathered into the lists and counts every output is made from. */
export interface AuditReport {
  now: Date
  days: number
  /** Flagged certificates in reading order (urgency.ts): broken now, will break, clean-up; soonest first within each. */
  findings: Finding[]
  ignored: IgnoredCertificate[]
  failures: ScanFailure[]
  regions: RegionScan[]
  scanned: number
  expiring: number
  expired: number
  /** Flagged certificates within critical-days (0: none are critical), and how many are critical. */
  criticalDays: number
  critical: number
  /** Flagged certificates nothing uses (see isUnused). */
  unused: number
  /** False: unused certificates neither fail the step nor keep the tracking issue open on their own. */
  failOnUnused: boolean
  /** Accounts seen, from targets and certificate ARNs, sorted. */
  accounts: string[]
  /** True only when every region of every account was read completely, with every flagged certificate's details. */
  complete: boolean
  /** ARNs the tracking issue listed before the scan (the scan noted which it listed beyond the threshold). */
  watched?: readonly string[]
  /** Account names from AWS Organizations, by id (empty when the audit did not discover an organization). */
  accountNames: Readonly<Record<string, string>>
  /** The settings and scope the report file records. */
  context?: ReportContext
}

/** Ignored certificates (and any list without tiers): soonest first, then by place and name. */
export const byUrgency: (a: Finding | IgnoredCertificate, b: Finding | IgnoredCertificate) => number = bySoonest

export function buildReport(result: AuditResult): AuditReport {
  const accountNames = result.accountNames ?? {}
  const named = <T extends Finding | IgnoredCertificate>(certificate: T): T => {
    const accountName = accountNames[certificate.account]
    return accountName === undefined ? certificate : { ...certificate, accountName }
  }
  const findings = result.regions.flatMap((scan) => scan.findings.map(named)).sort(byReadingOrder)
  const ignored = result.regions.flatMap((scan) => scan.ignored.map(named)).sort(byUrgency)
  const failures = [...result.setupFailures, ...result.regions.flatMap((scan) => (scan.failure ? [scan.failure] : []))]
  const accounts = new Set<string>()
  for (const scan of result.regions) if (scan.account) accounts.add(scan.account)
  for (const failure of failures) if (failure.account) accounts.add(failure.account)
  for (const certificate of [...findings, ...ignored]) if (certificate.account) accounts.add(certificate.account)
  return {
    now: result.now,
    days: result.days,
    findings,
    ignored,
    failures,
    regions: result.regions,
    scanned: result.regions.reduce((sum, scan) => sum + scan.scanned, 0),
    expiring: findings.filter((finding) => finding.state === 'expiring').length,
    expired: findings.filter((finding) => finding.state === 'expired').length,
    criticalDays: result.criticalDays ?? 0,
    critical: findings.filter((finding) => finding.critical).length,
    unused: findings.filter(isUnused).length,
    failOnUnused: result.failOnUnused ?? true,
    accounts: [...accounts].sort(),
    complete: failures.length === 0,
    ...(result.watched ? { watched: result.watched } : {}),
    accountNames,
    ...(result.context ? { context: result.context } : {})
  }
}

/** The findings that fail the step and keep the tracking issue open: all, or all but unused ones when fail-on-unused is false. */
export function blockingFindings(report: AuditReport): Finding[] {
  return report.failOnUnused ? report.findings : report.findings.filter((finding) => !isUnused(finding))
}

/**
 * Flagged and unused, what fail-on-unused decides about: delete-unused, or an exportable certificate neither
 * in use nor exported (re-export: never to be deleted on InUse's word, but nothing of AWS serves it).
 */
export function isUnused(finding: Finding): boolean {
  return (
    finding.action === 'delete-unused' ||
    (finding.action === 're-export' && isInUse(finding, finding.inUseBy) === false && finding.exported !== true)
  )
}

/**
 * Whether a failure left its region's listing whole: only look-ups of flagged certificates failed there, so
 * no certificate of the region is missing from the report.
 */
export function keptListing(report: Pick<AuditReport, 'regions'>): (failure: ScanFailure) => boolean {
  const listed = new Set(report.regions.filter((scan) => scan.listed).map((scan) => placeKey(scan.account, scan.region)))
  return (failure) => listed.has(placeKey(failure.account, failure.region))
}

/** Region names scanned, in order, without repeats. */
export function regionNames(report: AuditReport): string[] {
  return [...new Set(report.regions.map((scan) => scan.region))].sort()
}

/** `region`, or `account:region` when the audit spans several accounts or the account is known. */
export function failureLocation(failure: ScanFailure, multiAccount: boolean): string {
  return multiAccount && failure.account ? `${failure.account}:${failure.region}` : failure.region
}

/** A failure's place in words: "eu-west-1", "eu-west-1 of account 123456789012", "all regions of account …". */
export function describeLocation(failure: ScanFailure, names: Readonly<Record<string, string>> = {}): string {
  if (failure.code !== undefined && MERGE_FAILURE_CODES.includes(failure.code)) return 'a report to merge'
  const region = failure.region === ALL_REGIONS ? 'all regions' : failure.region
  return failure.account ? `${region} of account ${accountLabel(failure.account, names)}` : region
}

/** "prod-payments (111122223333)" when the account's name is known, else the id. */
export function accountLabel(account: string, names: Readonly<Record<string, string>>): string {
  return namedAccount(account, names[account])
}

/** A certificate's account as accountLabel names it, from the name buildReport gave the certificate. */
export function certificateAccount(certificate: { account: string; accountName?: string | undefined }): string {
  return namedAccount(certificate.account, certificate.accountName)
}

function namedAccount(account: string, name: string | undefined): string {
  return name === undefined ? account : `${name} (${account})`
}
