import {
  type ACMClient,
  CertificateKeyPairOrigin,
  ListTagsForCertificateCommand,
  paginateListCertificates
} from '@aws-sdk/client-acm'
import pLimit from 'p-limit'
import { describeCertificate } from './certificate-details.js'
import { attempt, OperationError, toScanFailure } from './errors.js'
import { findReplacements } from './replacements.js'
import { toCertificateRecord } from '../classify/certificate-record.js'
import { DAY_MS, daysLeft, expiryState, isWithinThreshold, thresholdDays } from '../classify/expiry.js'
import { wantsReplacement } from '../classify/finding-advice.js'
import { detailsOf, type Details, measure, replacementNeeds, toFinding } from './finding.js'
import { decideByTag, matchingIgnorePattern, type Tag, type TagDecision } from '../classify/ignore-rules.js'
import { ReplacementIndex } from '../classify/replacement.js'
import { count } from '../shared/format.js'
import type { CertificateRecord, IgnoreTag, Inputs, RegionScan, Replacement } from '../types.js'

/** What shapes a region's scan: the inputs that decide what is flagged, and when "now" is. */
export interface ScanSettings
  extends
    Pick<Inputs, 'days' | 'statuses' | 'keyTypes' | 'ignore' | 'ignoreTag'>,
    Partial<Pick<Inputs, 'criticalDays' | 'lifetimePercent'>> {
  now: Date
  /** ARNs the tracking issue lists: the scan notes those it lists beyond the threshold (renewed). */
  watched?: ReadonlySet<string>
}

/** ListCertificates' largest page. */
export const PAGE_SIZE = 1000
/** Calls in flight per region for per-certificate look-ups; the pacer keeps them under ACM's quota. */
export const LOOKUP_CONCURRENCY = 10

export { toFinding }

/**
 * Scans one (account, region): lists every certificate page by page, keeps only those inside the
 * threshold, drops the ignored ones, and describes the rest (renewal, the resources using them). Once the
 * listing has ended, looks for a replacement for each flagged certificate in use, among the certificates
 * listed (indexed by name as the pages go by). Never throws: a failure is recorded on the result, with
 * everything read before it kept; a look-up that fails leaves its certificate flagged, saying what was not read.
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
  const details = new Map<string, Details>()
  const tagsUnread = new Set<string>()
  const tagNotes = new Map<string, string>()
  const lookupErrors: unknown[] = []
  const index = new ReplacementIndex(new Date(settings.now.getTime() + settings.days * DAY_MS))
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
      try {
        details.set(record.arn, await describeCertificate(client, record.arn))
      } catch (error) {
        details.set(record.arn, 'unread')
        lookupErrors.push(error)
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
          const threshold = thresholdDays({ notBefore: summary.NotBefore, notAfter: summary.NotAfter }, settings)
          if (!isWithinThreshold(summary.NotAfter, settings.now, threshold)) {
            if (summary.CertificateArn && settings.watched?.has(summary.CertificateArn)) {
              ;(scan.renewed ??= []).push({ arn: summary.CertificateArn, notAfter: summary.NotAfter })
            }
            index.offer({
              arn: summary.CertificateArn ?? '',
              status: summary.Status ?? '',
              notAfter: summary.NotAfter,
              domainName: summary.DomainName,
              names: summary.SubjectAlternativeNameSummaries ?? [],
              hasAdditionalNames: summary.HasAdditionalSubjectAlternativeNames === true,
              type: summary.Type ?? '',
              keyAlgorithm: summary.KeyAlgorithm ?? '',
              keyPairOrigin: summary.CertificateKeyPairOrigin,
              managedBy: summary.ManagedBy
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
    scan.listed = true
  } catch (error) {
    failure = error
  }
  await Promise.allSettled(lookups)
  // Certificates whose tags could not be read stay flagged: they are not known to be ignored.
  const flagged = candidates.filter((record) => !ignoredByTag.has(record.arn))
  let replacements = new Map<string, Replacement>()
  if (failure === undefined) {
    // Only after a complete listing: a replacement may be listed after the certificate it replaces.
    const needing = flagged.flatMap((record) => {
      const described = details.get(record.arn)
      const state = expiryState(record.notAfter, settings.now)
      const { critical } = measure(record, settings)
      return described && described !== 'unread' && wantsReplacement(record, detailsOf(record, described), state, critical)
        ? [{ arn: record.arn, names: described.names, needs: replacementNeeds(record, described) }]
        : []
    })
    try {
      replacements = await findReplacements(index, needing, (arn) => limit(() => describeCertificate(client, arn)))
    } catch (error) {
      lookupErrors.push(error)
    }
  }
  if (failure !== undefined) {
    scan.failure = failureOf(failure, target)
  } else if (lookupErrors.length > 0) {
    const first = failureOf(lookupErrors[0], target)
    const unread = new Set([...tagsUnread, ...[...details].filter(([, described]) => described === 'unread').map(([arn]) => arn)])
    scan.failure = {
      ...first,
      message: `The details of ${count(unread.size, 'flagged certificate')} could not be read (they are listed with what ListCertificates said): ${first.message}`
    }
  }
  scan.findings = flagged.map((record) => {
    const tagNote = tagNotes.get(record.arn)
    return toFinding(record, details.get(record.arn), replacements.get(record.arn), settings.now, {
      ...measure(record, settings),
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

/** Reads a flagged certificate's tags and applies the ignore-tag rule to them. */
async function tagDecision(client: ACMClient, record: CertificateRecord, rule: IgnoreTag, now: Date): Promise<TagDecision> {
  const response = await attempt('acm:ListTagsForCertificate', () =>
    client.send(new ListTagsForCertificateCommand({ CertificateArn: record.arn }))
  )
  const tags: Tag[] = (response.Tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }))
  return decideByTag(tags, rule, now)
}
