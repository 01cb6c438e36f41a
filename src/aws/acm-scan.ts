import {
  type ACMClient,
  CertificateKeyPairOrigin,
  type CertificateStatus,
  DescribeCertificateCommand,
  type KeyAlgorithm,
  ListTagsForCertificateCommand,
  paginateListCertificates
} from '@aws-sdk/client-acm'
import pLimit from 'p-limit'
import { advise } from '../classify/advice.js'
import { attempt, OperationError, toScanFailure } from './errors.js'
import { toCertificateRecord } from '../classify/certificate-record.js'
import { daysLeft, expiryState, isWithinThreshold } from '../classify/expiry.js'
import { decideByTag, matchingIgnorePattern, type Tag, type TagDecision } from '../classify/ignore-rules.js'
import { count } from '../shared/format.js'
import type { IgnoreTag } from '../types.js'
import type { CertificateRecord, Finding, RegionScan, RenewalInfo } from '../types.js'

export interface ScanSettings {
  now: Date
  days: number
  statuses: CertificateStatus[]
  keyTypes: KeyAlgorithm[]
  ignore: string[]
  ignoreTag?: IgnoreTag
  /** ARNs the tracking issue lists: the scan notes those it lists beyond the threshold (renewed). */
  watched?: ReadonlySet<string>
}

/** ListCertificates' largest page. */
export const PAGE_SIZE = 1000
/** Calls in flight per region for per-certificate look-ups; the pacer keeps them under ACM's quota. */
const LOOKUP_CONCURRENCY = 10

/**
 * Scans one (account, region): lists every certificate page by page, keeps only those inside the
 * threshold, drops the ignored ones, and looks up renewal details for the rest that ACM manages.
 * Never throws: a failure is recorded on the result, with everything read before it kept.
 */
export async function scanRegion(
  client: ACMClient,
  target: { account: string | undefined; region: string },
  settings: ScanSettings,
  clock: () => number = Date.now
): Promise<RegionScan> {
  const started = clock()
  const scan: RegionScan = { ...target, pages: 0, scanned: 0, notIssued: 0, findings: [], ignored: [], durationMs: 0 }
  const candidates: CertificateRecord[] = []
  const ignoredByTag = new Set<string>()
  const renewals = new Map<string, RenewalInfo | 'unread'>()
  const tagsUnread = new Set<string>()
  const tagNotes = new Map<string, string>()
  const lookupErrors: unknown[] = []
  // Each flagged certificate's look-ups start as soon as its page is read, beside the listing: ACM's
  // quotas are per operation, so they do not slow the listing down.
  const limit = pLimit(LOOKUP_CONCURRENCY)
  const lookups: Array<Promise<void>> = []
  const lookUp = (record: CertificateRecord) => {
    const lookup = limit(async () => {
      if (settings.ignoreTag) {
        try {
          const decision = await tagDecision(client, record, settings.ignoreTag, settings.now)
          if (decision.ignored) {
            scan.ignored.push(ignoredEntry(record, decision.reason, settings.now))
            ignoredByTag.add(record.arn)
            return
          }
          if (decision.note) tagNotes.set(record.arn, decision.note)
        } catch (error) {
          // Not known to be ignored: it stays flagged, and says its tags were not read.
          tagsUnread.add(record.arn)
          lookupErrors.push(error)
        }
      }
      if (record.type === 'AMAZON_ISSUED' || record.type === 'PRIVATE') {
        try {
          renewals.set(record.arn, await describeRenewal(client, record))
        } catch (error) {
          renewals.set(record.arn, 'unread')
          lookupErrors.push(error)
        }
      }
    })
    // Awaited with the others after the listing; meanwhile its rejection is not unhandled.
    lookup.catch(() => undefined)
    lookups.push(lookup)
  }
  let failure: unknown
  try {
    await attempt('acm:ListCertificates', async () => {
      for await (const page of paginateListCertificates(
        { client, pageSize: PAGE_SIZE },
        {
          CertificateStatuses: settings.statuses,
          Includes: { keyTypes: settings.keyTypes },
          CertificateKeyPairOrigins: Object.values(CertificateKeyPairOrigin)
        }
      )) {
        scan.pages += 1
        for (const summary of page.CertificateSummaryList ?? []) {
          scan.scanned += 1
          if (!summary.NotAfter) {
            scan.notIssued += 1
            continue
          }
          if (!isWithinThreshold(summary.NotAfter, settings.now, settings.days)) {
            if (summary.CertificateArn && settings.watched?.has(summary.CertificateArn)) {
              ;(scan.renewed ??= []).push({ arn: summary.CertificateArn, notAfter: summary.NotAfter })
            }
            continue
          }
          const record = toCertificateRecord({ ...summary, NotAfter: summary.NotAfter }, target.region)
          const pattern = matchingIgnorePattern(record, settings.ignore)
          if (pattern) {
            scan.ignored.push(ignoredEntry(record, `matches ignore pattern ${pattern}`, settings.now))
          } else {
            candidates.push(record)
            lookUp(record)
          }
        }
      }
    })
    scan.listed = true
  } catch (error) {
    failure = error
  }
  await Promise.allSettled(lookups)
  if (failure !== undefined) {
    scan.failure = failureOf(failure, target)
  } else if (lookupErrors.length > 0) {
    const first = failureOf(lookupErrors[0], target)
    const unread = new Set([...tagsUnread, ...[...renewals].filter(([, renewal]) => renewal === 'unread').map(([arn]) => arn)])
    scan.failure = {
      ...first,
      message: `The details of ${count(unread.size, 'flagged certificate')} could not be read (they are listed with what ListCertificates said): ${first.message}`
    }
  }
  // Certificates whose tags could not be read stay flagged: they are not known to be ignored.
  scan.findings = candidates
    .filter((record) => !ignoredByTag.has(record.arn))
    .map((record) => {
      const tagNote = tagNotes.get(record.arn)
      return toFinding(record, renewals.get(record.arn), settings.now, {
        tagsUnread: tagsUnread.has(record.arn),
        ...(tagNote ? { tagNote } : {})
      })
    })
  scan.durationMs = clock() - started
  return scan
}

function ignoredEntry(record: CertificateRecord, reason: string, now: Date) {
  return { ...record, state: expiryState(record.notAfter, now), daysLeft: daysLeft(record.notAfter, now), reason }
}

function failureOf(error: unknown, target: { account: string | undefined; region: string }) {
  const operation = error instanceof OperationError ? error.operation : 'acm:ListCertificates'
  const cause = error instanceof OperationError ? error.original : error
  return toScanFailure(cause, operation, target.account, target.region)
}

/**
 * A flagged certificate with its advice. `renewal` is 'unread' when DescribeCertificate failed after every
 * retry; `tagsUnread` when ListTagsForCertificate did (it may have been meant to be ignored).
 */
export function toFinding(
  record: CertificateRecord,
  renewal: RenewalInfo | 'unread' | undefined,
  now: Date,
  extras: { tagsUnread?: boolean; tagNote?: string } = {}
): Finding {
  const state = expiryState(record.notAfter, now)
  const advice = advise(record, renewal, state)
  const read = renewal === 'unread' ? undefined : renewal
  const unread: NonNullable<Finding['unread']> = [
    ...(renewal === 'unread' ? (['renewal status'] as const) : []),
    ...(extras.tagsUnread ? (['tags'] as const) : [])
  ]
  return {
    ...record,
    state,
    daysLeft: daysLeft(record.notAfter, now),
    renewalStatus: read?.status,
    renewalReason: read?.reason,
    ...advice,
    ...(extras.tagsUnread
      ? { explanation: `${advice.explanation} Its tags could not be read, so an ignore-tag on it could not apply.` }
      : {}),
    ...(unread.length > 0 ? { unread } : {}),
    ...(extras.tagNote ? { tagNote: extras.tagNote } : {})
  }
}

/** Reads a flagged certificate's tags and applies the ignore-tag rule to them. */
async function tagDecision(client: ACMClient, record: CertificateRecord, rule: IgnoreTag, now: Date): Promise<TagDecision> {
  const response = await attempt('acm:ListTagsForCertificate', () =>
    client.send(new ListTagsForCertificateCommand({ CertificateArn: record.arn }))
  )
  const tags: Tag[] = (response.Tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }))
  return decideByTag(tags, rule, now)
}

/** DescribeCertificate's RenewalSummary, for a flagged certificate that ACM renews (ACM-issued or private). */
async function describeRenewal(client: ACMClient, record: CertificateRecord): Promise<RenewalInfo> {
  const response = await attempt('acm:DescribeCertificate', () =>
    client.send(new DescribeCertificateCommand({ CertificateArn: record.arn }))
  )
  const summary = response.Certificate?.RenewalSummary
  return { status: summary?.RenewalStatus, reason: summary?.RenewalStatusReason }
}
