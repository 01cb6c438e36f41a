import type { DescribedCertificate } from './certificate-details.js'
import { criticalDaysFor, daysLeft, expiryState, isCritical, thresholdDays, type ThresholdSettings } from '../classify/expiry.js'
import { adviseFinding, type CertificateDetails } from '../classify/finding-advice.js'
import { isAcme } from '../classify/kinds.js'
import type { ReplacementNeeds } from '../classify/replacement.js'
import type { CertificateRecord, Finding, Replacement } from '../types.js'

/** A flagged certificate's DescribeCertificate, or 'unread' when it failed after every retry. */
export type Details = DescribedCertificate | 'unread'

/**
 * The days a flagged certificate was measured against, and whether it is critical: within critical-days,
 * scaled in proportion when lifetime-percent gave it a shorter threshold.
 */
export function measure(record: CertificateRecord, settings: ThresholdSettings & { now: Date }) {
  const threshold = thresholdDays(record, settings)
  return {
    thresholdDays: threshold,
    critical: isCritical(record.notAfter, settings.now, criticalDaysFor(threshold, settings))
  }
}

/** What a replacement of a flagged certificate must match: its type, key family and, for a PRIVATE one, its CA. */
export function replacementNeeds(record: CertificateRecord, described: DescribedCertificate): ReplacementNeeds {
  return {
    type: record.type,
    keyAlgorithm: record.keyAlgorithm,
    ...(described.certificateAuthorityArn ? { authority: described.certificateAuthorityArn } : {})
  }
}

export interface FindingExtras {
  /** The days it was measured against (see `measure`). */
  thresholdDays: number
  /** Within its critical window and not expired. */
  critical: boolean
  /** ListTagsForCertificate failed: it may have been meant to be ignored. */
  tagsUnread?: boolean
  tagNote?: string
}

/**
 * A flagged certificate with its advice. `described` is 'unread' when DescribeCertificate failed after every
 * retry: the finding then stands on what the listing said, and says what could not be read.
 */
export function toFinding(
  record: CertificateRecord,
  described: Details | undefined,
  replacement: Replacement | undefined,
  now: Date,
  extras: FindingExtras
): Finding {
  const state = expiryState(record.notAfter, now)
  const managed = isManaged(record)
  const read = described === 'unread' ? undefined : described
  const advice = adviseFinding(record, detailsOf(record, described), replacement, state, extras.critical)
  const unread: NonNullable<Finding['unread']> = [
    ...(described === 'unread' && managed ? (['renewal status'] as const) : []),
    ...(described === 'unread' ? (['resources'] as const) : []),
    ...(extras.tagsUnread ? (['tags'] as const) : [])
  ]
  const notes = [
    described === 'unread'
      ? `Its ${managed ? 'renewal status and the resources using it' : 'resources using it'} could not be read (see the failed regions).`
      : '',
    extras.tagsUnread ? 'Its tags could not be read, so an ignore-tag on it could not apply.' : ''
  ].filter(Boolean)
  return {
    ...record,
    state,
    daysLeft: daysLeft(record.notAfter, now),
    renewalStatus: managed ? read?.renewal.status : undefined,
    renewalReason: managed ? read?.renewal.reason : undefined,
    inUseBy: read?.inUseBy,
    thresholdDays: extras.thresholdDays,
    critical: extras.critical,
    ...(read && read.validationMethods && read.validationMethods.length > 0 ? { validationMethods: read.validationMethods } : {}),
    ...(read?.acmeEndpointArn ? { acmeEndpointArn: read.acmeEndpointArn } : {}),
    ...(replacement && advice.action === 'attach-replacement' ? { replacement } : {}),
    ...advice,
    ...(notes.length > 0 ? { explanation: [advice.explanation, ...notes].join(' ') } : {}),
    ...(unread.length > 0 ? { unread } : {}),
    ...(extras.tagNote ? { tagNote: extras.tagNote } : {})
  }
}

/** ACM renews these itself (when in use and validated); it never renews imported nor ACME-issued ones. */
function isManaged(record: CertificateRecord): boolean {
  return (record.type === 'AMAZON_ISSUED' || record.type === 'PRIVATE') && !isAcme(record)
}

/** What the advice needs of a flagged certificate's DescribeCertificate: its renewal (ACM's own only) and InUseBy. */
export function detailsOf(record: CertificateRecord, described: Details | undefined): CertificateDetails {
  if (described === 'unread') return { renewal: 'unread' }
  return {
    renewal: isManaged(record) ? described?.renewal : undefined,
    inUseBy: described?.inUseBy,
    validationMethods: described?.validationMethods,
    acmeEndpointArn: described?.acmeEndpointArn
  }
}
