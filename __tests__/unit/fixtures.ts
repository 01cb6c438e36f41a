/** Small builders for unit-test data, typed from src/types.ts. */
import type { AuditReport } from '../../src/classify/report.js'
import type { AuditResult, CertificateRecord, Finding, IgnoredCertificate, RegionScan, ScanFailure } from '../../src/types.js'

/** A fixed "now" so every date in a test is exact. */
export const NOW = new Date('2026-01-01T00:00:00.000Z')
export const DAY = 24 * 60 * 60 * 1000
export const ACCOUNT = '111122223333'

/** NOW plus a number of days (may be fractional or negative). */
export function daysFromNow(days: number, now: Date = NOW): Date {
  return new Date(now.getTime() + days * DAY)
}

export function arnFor(id: string, region = 'us-east-1', account = ACCOUNT, partition = 'aws'): string {
  return `arn:${partition}:acm:${region}:${account}:certificate/${id}`
}

let sequence = 0
function nextId(): string {
  sequence += 1
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`
}

/** A certificate record; the ARN, id and account stay consistent unless overridden. */
export function record(overrides: Partial<CertificateRecord> = {}): CertificateRecord {
  const id = overrides.id ?? nextId()
  const region = overrides.region ?? 'us-east-1'
  const account = overrides.account ?? ACCOUNT
  return {
    account,
    region,
    arn: arnFor(id, region, account),
    id,
    domain: 'example.com',
    subjectAlternativeNames: ['example.com'],
    type: 'AMAZON_ISSUED',
    acmStatus: 'ISSUED',
    keyAlgorithm: 'RSA_2048',
    notAfter: daysFromNow(10),
    inUse: true,
    renewalEligibility: 'ELIGIBLE',
    ...overrides
  }
}

/** A flagged certificate (expiring, awaiting renewal unless overridden). */
export function finding(overrides: Partial<Finding> = {}): Finding {
  const base = record(overrides)
  return {
    ...base,
    state: 'expiring',
    daysLeft: 10,
    thresholdDays: 30,
    renewalStatus: undefined,
    renewalReason: undefined,
    inUseBy: undefined,
    critical: false,
    action: 'await-renewal',
    explanation: 'In use and eligible: ACM starts managed renewal on its own before expiry.',
    nextStep: 'Nothing to do unless it is still listed close to expiry; then check its renewal status in the ACM console.',
    ...overrides
  }
}

export function ignored(overrides: Partial<IgnoredCertificate> = {}): IgnoredCertificate {
  const base = record(overrides)
  return { ...base, state: 'expiring', daysLeft: 10, reason: 'matches ignore pattern *.example.com', ...overrides }
}

export function failure(overrides: Partial<ScanFailure> = {}): ScanFailure {
  return {
    account: undefined,
    region: 'eu-west-1',
    message: 'AccessDenied: not authorised',
    code: 'AccessDeniedException',
    ...overrides
  }
}

export function scan(overrides: Partial<RegionScan> = {}): RegionScan {
  return {
    account: ACCOUNT,
    region: 'us-east-1',
    pages: 1,
    scanned: 0,
    notIssued: 0,
    findings: [],
    ignored: [],
    durationMs: 1234,
    ...overrides
  }
}

export function auditResult(overrides: Partial<AuditResult> = {}): AuditResult {
  return { now: NOW, days: 30, regions: [], setupFailures: [], ...overrides }
}

/**
 * An AuditReport whose derived fields (counts, accounts, complete) follow from the lists given,
 * unless overridden. Regions default to one scan holding every finding and ignored certificate.
 */
export function report(overrides: Partial<AuditReport> = {}): AuditReport {
  const findings = overrides.findings ?? []
  const ignoredList = overrides.ignored ?? []
  const failures = overrides.failures ?? []
  const regions = overrides.regions ?? [scan({ findings, ignored: ignoredList, scanned: findings.length + ignoredList.length })]
  const accounts =
    overrides.accounts ??
    [...new Set([...findings, ...ignoredList].map((certificate) => certificate.account).filter(Boolean))].sort()
  return {
    now: NOW,
    days: 30,
    accountNames: {},
    findings,
    ignored: ignoredList,
    failures,
    regions,
    scanned: regions.reduce((sum, regionScan) => sum + regionScan.scanned, 0),
    expiring: findings.filter((item) => item.state === 'expiring').length,
    expired: findings.filter((item) => item.state === 'expired').length,
    criticalDays: 7,
    critical: findings.filter((item) => item.critical).length,
    unused: findings.filter((item) => item.action === 'delete-unused').length,
    failOnUnused: true,
    accounts,
    complete: failures.length === 0,
    ...overrides
  }
}

/** Seventeen commercial regions, as an organization-size audit with regions: all would read. */
export const SEVENTEEN_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1'
]
