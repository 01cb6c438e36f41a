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
import { decideByTag, matchingIgnorePattern, type Tag } from '../classify/ignore-rules.js'
import type { IgnoreTag } from '../types.js'
import type { CertificateRecord, Finding, RegionScan, RenewalInfo } from '../types.js'

export interface ScanSettings {
  now: Date
  days: number
  statuses: CertificateStatus[]
  keyTypes: KeyAlgorithm[]
  ignore: string[]
  ignoreTag?: IgnoreTag
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
  const renewals = new Map<string, RenewalInfo>()
  // Each flagged certificate's look-ups start as soon as its page is read, beside the listing: ACM's
  // quotas are per operation, so they do not slow the listing down.
  const limit = pLimit(LOOKUP_CONCURRENCY)
  const lookups: Array<Promise<void>> = []
  const lookUp = (record: CertificateRecord) => {
    const lookup = limit(async () => {
      if (settings.ignoreTag && (await ignoredByTagRule(client, record, settings.ignoreTag, settings.now, scan))) {
        ignoredByTag.add(record.arn)
        return
      }
      if (record.type === 'AMAZON_ISSUED' || record.type === 'PRIVATE')
        renewals.set(record.arn, await describeRenewal(client, record))
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
          if (!isWithinThreshold(summary.NotAfter, settings.now, settings.days)) continue
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
  } catch (error) {
    failure = error
  }
  const failedLookup = (await Promise.allSettled(lookups)).find(
    (result): result is PromiseRejectedResult => result.status === 'rejected'
  )
  failure ??= failedLookup?.reason
  if (failure !== undefined) {
    const operation = failure instanceof OperationError ? failure.operation : 'acm:ListCertificates'
    const cause = failure instanceof OperationError ? failure.original : failure
    scan.failure = toScanFailure(cause, operation, target.account, target.region)
  }
  // Certificates whose tags could not be read stay flagged: they are not known to be ignored.
  scan.findings = candidates
    .filter((record) => !ignoredByTag.has(record.arn))
    .map((record) => toFinding(record, renewals.get(record.arn), settings.now))
  scan.durationMs = clock() - started
  return scan
}

function ignoredEntry(record: CertificateRecord, reason: string, now: Date) {
  return { ...record, state: expiryState(record.notAfter, now), daysLeft: daysLeft(record.notAfter, now), reason }
}

export function toFinding(record: CertificateRecord, renewal: RenewalInfo | undefined, now: Date): Finding {
  const state = expiryState(record.notAfter, now)
  const advice = advise(record, renewal, state)
  const managed = record.type === 'AMAZON_ISSUED' || record.type === 'PRIVATE'
  return {
    ...record,
    state,
    daysLeft: daysLeft(record.notAfter, now),
    renewalStatus: renewal?.status,
    renewalReason: renewal?.reason,
    ...advice,
    ...(managed && !renewal
      ? { explanation: `${advice.explanation} Its renewal status could not be read (see the failed regions).` }
      : {})
  }
}

/** Reads a flagged certificate's tags; true (and recorded as ignored) when the ignore-tag rule covers it. */
async function ignoredByTagRule(
  client: ACMClient,
  record: CertificateRecord,
  rule: IgnoreTag,
  now: Date,
  scan: RegionScan
): Promise<boolean> {
  const response = await attempt('acm:ListTagsForCertificate', () =>
    client.send(new ListTagsForCertificateCommand({ CertificateArn: record.arn }))
  )
  const tags: Tag[] = (response.Tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }))
  const decision = decideByTag(tags, rule, now)
  if (decision.ignored) scan.ignored.push(ignoredEntry(record, decision.reason, now))
  return decision.ignored
}

/** DescribeCertificate's RenewalSummary, for a flagged certificate that ACM renews (ACM-issued or private). */
async function describeRenewal(client: ACMClient, record: CertificateRecord): Promise<RenewalInfo> {
  const response = await attempt('acm:DescribeCertificate', () =>
    client.send(new DescribeCertificateCommand({ CertificateArn: record.arn }))
  )
  const summary = response.Certificate?.RenewalSummary
  return { status: summary?.RenewalStatus, reason: summary?.RenewalStatusReason }
}
