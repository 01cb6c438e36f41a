import { adviseFinding, type CertificateDetails } from './finding-advice.js'
import { daysLeft, expiryState, isCritical } from './expiry.js'
import type { CertificateRecord, Finding, RenewalInfo, Replacement } from '../types.js'

/**
 * What DescribeCertificate told about a flagged certificate, or 'unread' when it failed after every retry;
 * undefined when it was not asked.
 */
export type FindingDetails = { renewal: RenewalInfo; inUseBy: string[]; names?: string[] } | 'unread' | undefined

export interface FindingExtras {
  /** Flagged certificates within this many days are critical (0: none). */
  criticalDays?: number
  /** ListTagsForCertificate failed: it may have been meant to be ignored. */
  tagsUnread?: boolean
  tagNote?: string
}

/**
 * A flagged certificate with its advice, as of `now`: the one derivation of what a person is told, used by the
 * scan and, from a report's facts, by the merge. `described` is 'unread' when DescribeCertificate failed after every
 * retry: the finding then stands on what the listing said, and says what could not be read.
 */
export function toFinding(
  record: CertificateRecord,
  described: FindingDetails,
  replacement: Replacement | undefined,
  now: Date,
  extras: FindingExtras = {}
): Finding {
  const state = expiryState(record.notAfter, now)
  const managed = isManaged(record)
  const read = described === 'unread' ? undefined : described
  const advice = adviseFinding(record, detailsOf(record, described), replacement, state)
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
    critical: isCritical(record.notAfter, now, extras.criticalDays ?? 0),
    ...(replacement && advice.action === 'attach-replacement' ? { replacement } : {}),
    ...advice,
    ...(notes.length > 0 ? { explanation: [advice.explanation, ...notes].join(' ') } : {}),
    ...(unread.length > 0 ? { unread } : {}),
    ...(extras.tagNote ? { tagNote: extras.tagNote } : {})
  }
}

/** ACM renews these itself (when in use and validated); it never renews imported ones. */
export function isManaged(record: CertificateRecord): boolean {
  return record.type === 'AMAZON_ISSUED' || record.type === 'PRIVATE'
}

/** What the advice needs of a flagged certificate's DescribeCertificate: its renewal (ACM's own only) and InUseBy. */
export function detailsOf(record: CertificateRecord, described: FindingDetails): CertificateDetails {
  if (described === 'unread') return { renewal: 'unread' }
  return { renewal: isManaged(record) ? described?.renewal : undefined, inUseBy: described?.inUseBy }
}
