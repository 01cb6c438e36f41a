import type { CertificateStatus, CertificateType, KeyAlgorithm } from '@aws-sdk/client-acm'

export type FailOn = 'expiring' | 'critical' | 'expired' | 'never'

export interface IgnoreTag {
  key: string
  /** When set, only this exact tag value ignores a certificate. */
  value?: string
}

export interface Inputs {
  /** Region names, or 'all' for every region enabled in the account. */
  regions: string[] | 'all'
  days: number
  statuses: CertificateStatus[]
  keyTypes: KeyAlgorithm[]
  ignore: string[]
  ignoreTag?: IgnoreTag
  failOn: FailOn
  /** Flagged certificates expiring within this many days (at most `days`) are critical. */
  criticalDays: number
  /**
   * Set: a certificate is flagged when its time left is at most min(days, this percentage of its lifetime,
   * NotAfter − NotBefore), and its critical window shrinks in proportion. Undefined: `days` for every certificate.
   */
  lifetimePercent?: number
  /** False: unused certificates (delete-unused) are listed and counted but neither fail the step nor keep the issue open. */
  failOnUnused: boolean
  /** Roles to assume with the workflow's OIDC token, one per account; empty: the default credential chain. */
  roles: RoleToAssume[]
  roleSessionName: string
  roleDurationSeconds: number
  audience: string
  tracking: TrackingIssueInputs
  /** How long one AWS request may wait for an answer before the SDK gives up on that attempt. */
  requestTimeoutMs: number
  /** Set by member-role-name: discover the organization's accounts and assume a member role in each. */
  organization?: OrganizationInputs
  /** Set by merge-reports: merge earlier jobs' report files instead of calling AWS. */
  merge?: MergeInputs
}

export interface OrganizationInputs {
  memberRoleName: string
  /** Account ids, organizational unit ids (ou-…) and roots (r-…) to audit; empty: every ACTIVE account. */
  accounts: string[]
  excludeAccounts: string[]
  shard?: Shard
}

/** The index-th (from 1) of count disjoint slices of the sorted account list. */
export interface Shard {
  index: number
  count: number
}

export interface MergeInputs {
  /** A directory or a glob of report files. */
  source: string
  /** How many reports the merge must find; undefined: every report found, at least one. */
  expected?: number
}

/** What shapes an audit's result: reports made with different settings cannot be merged. */
export interface ReportSettings {
  days: number
  /** Which flagged certificates are critical. */
  criticalDays: number
  /** The lifetime-percent input; null when unset (every certificate measured against `days`). */
  lifetimePercent: number | null
  statuses: string[]
  keyTypes: string[]
  ignore: string[]
  ignoreTag: IgnoreTag | null
}

/** What an audit was asked to read. */
export interface AuditScope {
  /** Region names, or 'all'. */
  regions: string[] | 'all'
  /** Role ARNs given in role-to-assume. */
  roles: string[]
  organization: { memberRoleName: string; accounts: string[]; excludeAccounts: string[] } | null
  shard: Shard | null
}

/** The settings and scope a report file records, so that shards can be checked and merged. */
export interface ReportContext {
  actionVersion: string
  settings: ReportSettings
  scope: AuditScope
  /** For a merged report: how many reports were merged, and how many were expected. */
  merged?: { reports: number; expected: number | null }
}

export interface TrackingIssueInputs {
  create: boolean
  token: string
  title: string
  labels: string[]
  assignees: string[]
  close: boolean
}

export interface RoleToAssume {
  arn: string
  account: string
}

/** What a person must do about a flagged certificate. */
export type FindingAction =
  | 'attach-replacement'
  | 'reimport'
  | 'fix-renewal'
  | 'check-renewal'
  | 'await-renewal'
  | 'not-eligible'
  | 'renew-private'
  | 'renew-acme'
  | 'fix-cloudfront-renewal'
  | 're-export'
  | 'delete-unused'

/** A flagged certificate is either past its NotAfter date or within the threshold. */
export type ExpiryState = 'expired' | 'expiring'

/** One certificate as ListCertificates describes it, normalised. */
export interface CertificateRecord {
  account: string
  region: string
  arn: string
  id: string
  domain: string
  subjectAlternativeNames: string[]
  type: CertificateType | string
  acmStatus: CertificateStatus | string
  keyAlgorithm: KeyAlgorithm | string
  notAfter: Date
  inUse: boolean | undefined
  renewalEligibility: string | undefined
  /** The account's name in AWS Organizations, when the audit discovered it. */
  accountName?: string
  /** Set when the listing says the certificate was exported (it may then be used outside AWS). */
  exported?: boolean
  /** The listing's CertificateKeyPairOrigin (AWS_MANAGED, CUSTOMER_PROVIDED, ACME, or a value ACM added later), as it is. */
  keyPairOrigin?: string
  /** The listing's ManagedBy (CLOUDFRONT, or a value ACM added later), as it is; undefined when ACM manages it. */
  managedBy?: string
  /** The listing's ExportOption (ENABLED: an exportable public certificate). */
  exportOption?: string
  /** The listing's NotBefore: with NotAfter, the certificate's lifetime. */
  notBefore?: Date
}

/** The part of DescribeCertificate's RenewalSummary the audit uses. */
export interface RenewalInfo {
  status: string | undefined
  reason: string | undefined
}

/** An ISSUED certificate of the same account and region that covers every name of a flagged one and outlives the threshold. */
export interface Replacement {
  arn: string
  notAfter: Date
}

export interface Advice {
  action: FindingAction
  explanation: string
  nextStep: string
  command?: string
}

export interface Finding extends CertificateRecord, Advice {
  state: ExpiryState
  daysLeft: number
  /** The days it was measured against: `days`, or less under lifetime-percent for a short-lived certificate. */
  thresholdDays: number
  /** DescribeCertificate's DomainValidationOptions[].ValidationMethod (EMAIL, DNS, HTTP), without repeats; undefined when not read. */
  validationMethods?: string[]
  /** The ACME endpoint an ACME-issued certificate was ordered through, when DescribeCertificate gives it. */
  acmeEndpointArn?: string
  renewalStatus: string | undefined
  renewalReason: string | undefined
  /** Look-ups that failed after every retry: the finding stands on what the list said. */
  unread?: Array<'renewal status' | 'resources' | 'tags'>
  /** A problem with its ignore-tag value (an unreadable date, an ended snooze): it stays flagged. */
  tagNote?: string
  /** DescribeCertificate's InUseBy (resource ARNs); undefined when it could not be read. */
  inUseBy: string[] | undefined
  /** Within critical-days and not yet expired. */
  critical: boolean
  replacement?: Replacement
}

export interface IgnoredCertificate extends CertificateRecord {
  state: ExpiryState
  daysLeft: number
  reason: string
}

/** The region of a failure that concerns a whole account (a role not assumed, no credentials). */
export const ALL_REGIONS = '*'

/** A place the audit could not read completely. */
export interface ScanFailure {
  account: string | undefined
  region: string
  message: string
  code: string | undefined
}

/** What one (account, region) scan read. */
export interface RegionScan {
  account: string | undefined
  region: string
  pages: number
  scanned: number
  notIssued: number
  findings: Finding[]
  ignored: IgnoredCertificate[]
  durationMs: number
  failure?: ScanFailure
  /** True when every page of the listing was read (look-ups may still have failed). */
  listed?: boolean
  /** Tracked certificates (from the tracking issue) listed again beyond the threshold. */
  renewed?: RenewedCertificate[]
}

/** A certificate the tracking issue listed that is now listed with a NotAfter beyond the threshold. */
export interface RenewedCertificate {
  arn: string
  notAfter: Date
}

export interface AuditResult {
  now: Date
  days: number
  /** Flagged certificates within this many days are critical; 0 when the audit does not say (never critical). */
  criticalDays?: number
  /** False when unused certificates must not fail the step nor keep the tracking issue open. */
  failOnUnused?: boolean
  regions: RegionScan[]
  /** Failures that happened before any region could be scanned (region discovery, credentials). */
  setupFailures: ScanFailure[]
  /** ARNs the tracking issue listed before the scan, whose fate the scan recorded; absent when not read. */
  watched?: readonly string[]
  /** Account names from AWS Organizations, by account id. */
  accountNames?: Readonly<Record<string, string>>
  context?: ReportContext
}

/** The repository that holds the tracking issue. */
export interface Repository {
  owner: string
  repo: string
}

export interface TrackingOutcome {
  /** What happened to the tracking issue. */
  action: 'created' | 'updated' | 'unchanged' | 'closed' | 'none'
  number?: number
  url?: string
}
