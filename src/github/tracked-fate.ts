import { type AuditReport, keptListing } from '../classify/report.js'
import { arnParts, placeKey } from '../shared/aws-names.js'
import { count, utcDate } from '../shared/format.js'
import { ALL_REGIONS } from '../types.js'
import type { TrackedCertificate } from './issue-state.js'

/** What became of a certificate the tracking issue listed, as far as this run read. */
export type Fate =
  | { kind: 'flagged' }
  /** Listed again with a NotAfter later than the one it was flagged with: renewed or reimported. The only "resolved". */
  | { kind: 'renewed'; notAfter: Date }
  /** Listed beyond the threshold without a later NotAfter: the threshold changed, or its NotAfter was not kept. */
  | { kind: 'unflagged'; why: string }
  /** No longer listed, but DescribeCertificate found it with this status: it stays in the issue. */
  | { kind: 'unlisted'; status: string }
  | { kind: 'ignored'; reason: string }
  /** Not listed in a region whose listing was read completely. */
  | { kind: 'gone' }
  /** Not listed, and DescribeCertificate does not find it. */
  | { kind: 'deleted' }
  /**
   * Not flagged again in a region read completely by a shard whose report was merged: the shards do not watch
   * the certificates, so renewed and no longer listed cannot be told apart.
   */
  | { kind: 'cleared' }
  | { kind: 'not-checked'; why: string }

/**
 * Decides each tracked certificate's fate from what this run read: a certificate is "gone" only when its
 * region was listed completely and the scan was watching for it; anything not read stays "not checked".
 */
export function trackedFates(report: AuditReport): (item: TrackedCertificate) => Fate {
  const flagged = new Set(report.findings.map((finding) => finding.arn))
  const ignored = new Map(report.ignored.map((certificate) => [certificate.arn, certificate.reason]))
  const renewed = new Map(
    report.regions.flatMap((scan) => (scan.renewed ?? []).map((item) => [item.arn, item.notAfter] as const))
  )
  const unlisted = new Map(report.regions.flatMap((scan) => (scan.unlisted ?? []).map((item) => [item.arn, item] as const)))
  const watched = new Set(report.watched ?? [])
  const scans = new Map(report.regions.map((scan) => [placeKey(scan.account, scan.region), scan]))
  const listingKept = keptListing(report)
  return (item) => {
    if (flagged.has(item.arn)) return { kind: 'flagged' }
    const notAfter = renewed.get(item.arn)
    if (notAfter) return beyondThreshold(item, notAfter, report.days)
    const lookup = unlisted.get(item.arn)
    if (lookup?.outcome === 'deleted') return { kind: 'deleted' }
    if (lookup?.outcome === 'found') return { kind: 'unlisted', status: lookup.status }
    if (lookup?.outcome === 'unread')
      return { kind: 'not-checked', why: 'it is no longer listed and DescribeCertificate could not be read' }
    const reason = ignored.get(item.arn)
    if (reason !== undefined) return { kind: 'ignored', reason }
    const { account, region } = arnParts(item.arn)
    const unread = report.failures.some(
      (failure) =>
        (!failure.account || failure.account === account) &&
        (failure.region === ALL_REGIONS || failure.region === region) &&
        !listingKept(failure)
    )
    if (unread) return { kind: 'not-checked', why: 'its region could not be read this run' }
    const scan = scans.get(placeKey(account, region)) ?? (scans.size > 0 ? scans.get(placeKey(undefined, region)) : undefined)
    if (!scan) return { kind: 'not-checked', why: 'its account or region was not part of this run' }
    if (!scan.listed) return { kind: 'not-checked', why: 'its region could not be read this run' }
    if (report.context?.merged) return { kind: 'cleared' }
    if (!watched.has(item.arn)) return { kind: 'not-checked', why: 'the tracking issue could not be read before the scan' }
    return { kind: 'gone' }
  }
}

/** A tracked certificate listed beyond the threshold: renewed only when its NotAfter moved later. */
function beyondThreshold(item: TrackedCertificate, notAfter: Date, days: number): Fate {
  const before = item.notAfter === undefined ? undefined : new Date(item.notAfter)
  if (before && notAfter.getTime() > before.getTime()) return { kind: 'renewed', notAfter }
  const now = `now expires ${utcDate(notAfter)}`
  if (item.days !== undefined && days < item.days) {
    return { kind: 'unflagged', why: `no longer within ${count(days, 'day')}: the threshold changed from ${item.days} (${now})` }
  }
  return { kind: 'unflagged', why: `no longer flagged (${now})` }
}
