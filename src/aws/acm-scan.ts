import {
  type ACMClient,
  CertificateKeyPairOrigin,
  type CertificateStatus,
  type KeyAlgorithm,
  ListTagsForCertificateCommand,
  paginateListCertificates
} from '@aws-sdk/client-acm'
import pLimit from 'p-limit'
import { type DescribedCertificate, describeCertificate } from './certificate-details.js'
import { attempt, OperationError, toScanFailure } from './errors.js'
import { findReplacements } from './replacements.js'
import { toCertificateRecord } from '../classify/certificate-record.js'
import { DAY_MS, daysLeft, expiryState, isCritical, isWithinThreshold } from '../classify/expiry.js'
import { adviseFinding, isInUse } from '../classify/finding-advice.js'
import { decideByTag, matchingIgnorePattern, type Tag } from '../classify/ignore-rules.js'
import { ReplacementIndex } from '../classify/replacement.js'
import type { IgnoreTag, Replacement } from '../types.js'
import type { CertificateRecord, Finding, RegionScan } from '../types.js'

export interface ScanSettings {
  now: Date
  days: number
  statuses: CertificateStatus[]
  keyTypes: KeyAlgorithm[]
  ignore: string[]
  ignoreTag?: IgnoreTag
  /** Flagged certificates within this many days are critical (0: none). */
  criticalDays?: number
}

/** ListCertificates' largest page. */
export const PAGE_SIZE = 1000
/** Calls in flight per region for per-certificate look-ups; the pacer keeps them under ACM's quota. */
export const LOOKUP_CONCURRENCY = 10

/**
 * Scans one (account, region): lists every certificate page by page, keeps only those inside the
 * threshold, drops the ignored ones, and describes the rest (renewal, the resources using them). Once the
 * listing has ended, looks for a replacement for each flagged certificate in use, among the certificates
 * listed (indexed by name as the pages go by). Never throws: a failure is recorded on the result, with everything read before it kept.
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
  const details = new Map<string, DescribedCertificate>()
  const index = new ReplacementIndex(new Date(settings.now.getTime() + settings.days * DAY_MS))
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
      details.set(record.arn, await describeCertificate(client, record.arn))
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
            index.offer({
              arn: summary.CertificateArn ?? '',
              status: summary.Status ?? '',
              notAfter: summary.NotAfter,
              names: [summary.DomainName ?? '', ...(summary.SubjectAlternativeNameSummaries ?? [])],
              hasAdditionalNames: summary.HasAdditionalSubjectAlternativeNames === true
            })
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
  } catch (error) {
    failure = error
  }
  const failedLookup = (await Promise.allSettled(lookups)).find(
    (result): result is PromiseRejectedResult => result.status === 'rejected'
  )
  failure ??= failedLookup?.reason
  // Certificates whose tags could not be read stay flagged: they are not known to be ignored.
  const flagged = candidates.filter((record) => !ignoredByTag.has(record.arn))
  let replacements = new Map<string, Replacement>()
  if (failure === undefined) {
    // Only after a complete listing: a replacement may be listed after the certificate it replaces.
    const needing = flagged.flatMap((record) => {
      const described = details.get(record.arn)
      return described && isInUse(record, described.inUseBy) ? [{ arn: record.arn, names: described.names }] : []
    })
    try {
      replacements = await findReplacements(index, needing, (arn) => limit(() => describeCertificate(client, arn)))
    } catch (error) {
      failure = error
    }
  }
  if (failure !== undefined) {
    const operation = failure instanceof OperationError ? failure.operation : 'acm:ListCertificates'
    const cause = failure instanceof OperationError ? failure.original : failure
    scan.failure = toScanFailure(cause, operation, target.account, target.region)
  }
  scan.findings = flagged.map((record) =>
    toFinding(record, details.get(record.arn), replacements.get(record.arn), settings.now, settings.criticalDays ?? 0)
  )
  scan.durationMs = clock() - started
  return scan
}

function ignoredEntry(record: CertificateRecord, reason: string, now: Date) {
  return { ...record, state: expiryState(record.notAfter, now), daysLeft: daysLeft(record.notAfter, now), reason }
}

export function toFinding(
  record: CertificateRecord,
  described: DescribedCertificate | undefined,
  replacement: Replacement | undefined,
  now: Date,
  criticalDays = 0
): Finding {
  const state = expiryState(record.notAfter, now)
  const managed = record.type === 'AMAZON_ISSUED' || record.type === 'PRIVATE'
  const renewal = managed ? described?.renewal : undefined
  const advice = adviseFinding(record, { renewal, inUseBy: described?.inUseBy }, replacement, state)
  return {
    ...record,
    state,
    daysLeft: daysLeft(record.notAfter, now),
    renewalStatus: renewal?.status,
    renewalReason: renewal?.reason,
    inUseBy: described?.inUseBy,
    critical: isCritical(record.notAfter, now, criticalDays),
    ...(replacement && advice.action === 'attach-replacement' ? { replacement } : {}),
    ...advice,
    ...(!described
      ? {
          explanation: `${advice.explanation} Its ${managed ? 'renewal status and the resources using it' : 'resources using it'} could not be read (see the failed regions).`
        }
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
