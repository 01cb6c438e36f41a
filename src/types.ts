import type { CertificateStatus, CertificateType, KeyAlgorithm } from '@aws-sdk/client-acm'

/** What a person must do about a flagged certificate. */
export type FindingAction = 'reimport' | 'fix-renewal' | 'await-renewal' | 'not-eligible' | 'renew-private'

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
  regions: RegionScan[]
  /** Failures that happened before any region could be scanned (region discovery, credentials). */
  setupFailures: ScanFailure[]
}
