import type { CertificateStatus, CertificateType, KeyAlgorithm } from '@aws-sdk/client-acm'

export type FailOn = 'expiring' | 'expired' | 'never'

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
export type FindingAction = 'reimport' | 'fix-renewal' | 'check-renewal' | 'await-renewal' | 'not-eligible' | 'renew-private'

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
}

/** The part of DescribeCertificate's RenewalSummary the audit uses. */
export interface RenewalInfo {
  status: string | undefined
  reason: string | undefined
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
  /** Look-ups that failed after every retry: the finding stands on what the list said. */
  unread?: Array<'renewal status' | 'tags'>
  /** A problem with its ignore-tag value (an unreadable date, an ended snooze): it stays flagged. */
  tagNote?: string
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
  regions: RegionScan[]
  /** Failures that happened before any region could be scanned (region discovery, credentials). */
  setupFailures: ScanFailure[]
  /** ARNs the tracking issue listed before the scan, whose fate the scan recorded; absent when not read. */
  watched?: readonly string[]
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
