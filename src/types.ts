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
  'attach-replacement' | 'reimport' | 'fix-renewal' | 'await-renewal' | 'not-eligible' | 'renew-private' | 'delete-unused'

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
  /** Set when the listing says the certificate was exported (it may then be used outside AWS). */
  exported?: boolean
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
  renewalStatus: string | undefined
  renewalReason: string | undefined
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
