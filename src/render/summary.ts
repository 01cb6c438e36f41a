import { markdownTable } from 'markdown-table'
import { DAY_MS } from '../classify/expiry.js'
import { accountLabel, type AuditReport, keptListing, regionNames } from '../classify/report.js'
import { byTier, URGENCIES, type Urgency } from '../classify/urgency.js'
import { type AccountRollup, accountRollups, accountRowCost, accountSection, needsLook } from './account-rollup.js'
import { failureCost, failureSection, isNotable, regionCost, regionSection, sortedScans, tableRows } from './place-tables.js'
import { count, utcDate } from '../shared/format.js'
import { code, codeBlock, escapeText, isSafeUrl } from './markdown.js'
import { brokenHeadline, findingRow } from './findings-table.js'
import { findingSections, nextStepItem } from './next-steps.js'
import { daysCell } from './used-by.js'
import { Budget, utf8Bytes } from '../shared/budget.js'
import type { Finding, IgnoredCertificate, RegionScan, TrackingOutcome } from '../types.js'

/** GitHub's limit for one step's summary is 1 MiB; stay well under it. */
export const SUMMARY_BYTE_BUDGET = 900 * 1024

export interface SummaryExtras {
  trackingIssue?: TrackingOutcome | undefined
  trackingError?: string | undefined
  budget?: number
}

/** More accounts than this are counted in the summary's first line, and named in the Accounts section. */
const ACCOUNTS_NAMED_IN_FACTS = 10

/** Room kept for what the rows add besides themselves: the action headings and shared steps of "What to do". */
const SECTION_SLACK = 4_096

/**
 * The job summary as markdown. Rows that would pass the byte budget are left out, most urgent kept, and
 * counted in the text.
 */
export function renderSummary(report: AuditReport, extras: SummaryExtras = {}): string {
  const multiAccount = report.accounts.length > 1
  const rollups = multiAccount ? accountRollups(report) : []
  const total = extras.budget ?? SUMMARY_BYTE_BUDGET
  const fixed = utf8Bytes(renderWithRows(report, NOTHING_SHOWN, rollups, extras))
  const budget = new Budget(total - fixed - SECTION_SLACK)
  // What could not be read and the per-region table may each take a quarter, so that neither crowds out the
  // certificates; the regions are listed whole when they fit, else only those with something to see.
  const failures = budget.portion(total / 4).fit(report.failures, (failure) => failureCost(failure, report), { prefix: true })
    .kept.length
  const scans = sortedScans(report)
  const scanCost = (scan: RegionScan) => regionCost(scan, multiAccount, report)
  const regionShare = budget.portion(total / 4)
  const allFit = scans.reduce((sum, scan) => sum + scanCost(scan), 0) <= regionShare.left
  const regions = regionShare.fit(allFit ? scans : scans.filter(isNotable), scanCost, { prefix: true }).kept
  const findings = budget.fit(report.findings, findingCost, { prefix: true }).kept
  const accounts = budget.fit(rollups.filter(needsLook), accountRowCost, { prefix: true }).kept.length
  const ignored = budget.fit(report.ignored.slice(0, Math.max(findings.length, 50)), ignoredCost, { prefix: true }).kept
  return renderWithRows(
    report,
    { failures, findings: findings.length, accounts, ignored: ignored.length, regions },
    rollups,
    extras
  )
}

/** How many rows of each list the summary shows (and which regions). */
interface Shown {
  failures: number
  findings: number
  accounts: number
  ignored: number
  regions: readonly RegionScan[]
}

const NOTHING_SHOWN: Shown = { failures: 0, findings: 0, accounts: 0, ignored: 0, regions: [] }

/** Any date: the cost of a row does not depend on it by more than the slack. */
const DAY_ZERO = new Date(0)

/** What one finding adds: its table row and its entry under "What to do". */
function findingCost(finding: Finding): number {
  return utf8Bytes(tableRows([findingRow(finding, DAY_ZERO)])) + utf8Bytes(nextStepItem(finding, DAY_ZERO)) + 2
}

function ignoredCost(certificate: IgnoredCertificate): number {
  return utf8Bytes(tableRows([ignoredRow(certificate, DAY_ZERO)])) + 1
}

function renderWithRows(report: AuditReport, shown: Shown, rollups: readonly AccountRollup[], extras: SummaryExtras): string {
  const multiAccount = report.accounts.length > 1
  const broken = brokenHeadline(report.findings)
  const parts = ['## ACM certificate expiry audit', '', ...(broken ? [broken, ''] : []), headline(report), '', facts(report)]
  const tracking = trackingLine(extras)
  if (tracking) parts.push('', tracking)
  if (report.failures.length > 0) parts.push('', failureSection(report, multiAccount, shown.failures))
  if (report.findings.length > 0) {
    const rows = report.findings.slice(0, shown.findings)
    const tiers = byTier(report.findings)
    const totals = Object.fromEntries(URGENCIES.map((tier) => [tier, tiers[tier].length])) as Record<Urgency, number>
    if (shown.findings < report.findings.length) {
      parts.push(
        '',
        `${count(report.findings.length - shown.findings, 'more flagged certificate')} not shown here, to keep the summary under GitHub's size limit: all of them are in the \`findings\` output and the report file.`
      )
    }
    if (rows.length > 0) parts.push('', findingSections(rows, totals, report.now))
  }
  if (rollups.length > 0) parts.push('', accountSection(rollups, shown.accounts))
  const tagNotes = report.findings.filter((finding) => finding.tagNote)
  if (report.ignored.length > 0 || tagNotes.length > 0) parts.push('', ignoredSection(report, shown.ignored, shown.findings))
  parts.push('', regionSection(report, multiAccount, shown.regions))
  return `${parts.join('\n')}\n`
}

/** Every failure is a region whose listing was read to the end: only look-ups of flagged certificates failed. */
function onlyDetailsUnread(report: AuditReport): boolean {
  return report.failures.length > 0 && report.failures.every(keptListing(report))
}

function headline(report: AuditReport): string {
  const flagged = report.findings.length
  if (!report.complete) {
    const soFar =
      flagged > 0 ? ` ${count(flagged, 'certificate')} found so far ${flagged === 1 ? 'needs' : 'need'} attention.` : ''
    if (onlyDetailsUnread(report)) {
      const unread = report.findings.filter((finding) => (finding.unread ?? []).length > 0).length
      return `> [!CAUTION]\n> **Incomplete audit:** every certificate was listed, but in ${count(report.failures.length, 'region')} the details of ${count(unread, 'flagged certificate')} could not be read: they are shown with what the listing said, and what to do may change once they are read.${soFar}`
    }
    return `> [!CAUTION]\n> **Incomplete audit:** ${count(report.failures.length, 'region or account', 'regions or accounts')} could not be read completely, so certificates may be missing below.${soFar}`
  }
  if (flagged === 0) {
    const ignored = report.ignored.length > 0 ? ` (${report.ignored.length} ignored by pattern or tag: see below)` : ''
    return `> [!NOTE]\n> **All clear:** no certificate expires within ${withinWhat(report)}${ignored}.`
  }
  const critical = report.critical > 0 ? ` (${report.critical} critical: within ${count(report.criticalDays, 'day')})` : ''
  const parts = [
    report.expired > 0 ? `${report.expired} expired` : '',
    report.expiring > 0 ? `${report.expiring} expiring within ${count(report.days, 'day')}${critical}` : ''
  ].filter(Boolean)
  const unused =
    report.unused > 0
      ? ` ${count(report.unused, 'of them is', 'of them are')} not in use: see the clean-up${report.failOnUnused ? '' : ' (they do not fail the step: fail-on-unused is false)'}.`
      : ''
  return `> [!WARNING]\n> **${count(flagged, 'certificate')} ${flagged === 1 ? 'needs' : 'need'} attention:** ${parts.join(', ')}.${unused}${shorterThresholds(report)}`
}

/** "30 days", or with lifetime-percent "its threshold (30 days, or 33 % of its lifetime when that is shorter)". */
function withinWhat(report: AuditReport): string {
  const percent = report.context?.settings.lifetimePercent ?? null
  const days = count(report.days, 'day')
  return percent === null
    ? days
    : `its threshold (${days}, or ${percent} % of its lifetime when that is shorter: lifetime-percent)`
}

/** Which thresholds applied, when lifetime-percent made some shorter than days. */
function shorterThresholds(report: AuditReport): string {
  const shorter = report.findings.filter((finding) => finding.thresholdDays < report.days)
  if (shorter.length === 0) return ''
  const percent = report.context?.settings.lifetimePercent
  const thresholds = [...new Set(shorter.map((finding) => finding.thresholdDays))].sort((a, b) => a - b)
  const shown = thresholds.slice(0, 3).map((days) => `${days} days`)
  const more = thresholds.length > 3 ? ` and ${thresholds.length - 3} more` : ''
  return ` ${count(shorter.length, 'of them was', 'of them were')} measured against a shorter threshold (${shown.join(', ')}${more}${percent ? `: ${percent} % of its lifetime, lifetime-percent` : ''}) instead of ${count(report.days, 'day')}.`
}

function trackingLine(extras: SummaryExtras): string | undefined {
  if (extras.trackingError) return `**Tracking issue not updated:** ${escapeText(extras.trackingError)}`
  const issue = extras.trackingIssue
  if (!issue || issue.action === 'none' || issue.number === undefined) return undefined
  const link = issue.url && isSafeUrl(issue.url) ? `[#${issue.number}](${issue.url})` : `#${issue.number}`
  return `Tracking issue ${link}: ${issue.action}.`
}

function facts(report: AuditReport): string {
  const regions = regionNames(report)
  // Accounts come from certificate ARNs and STS too: escaped like any other text from AWS.
  const accounts =
    report.accounts.length > ACCOUNTS_NAMED_IN_FACTS
      ? ` of ${count(report.accounts.length, 'account')} (see Accounts below)`
      : report.accounts.length > 0
        ? ` of ${count(report.accounts.length, 'account')} (${report.accounts.map((account) => escapeText(accountLabel(account, report.accountNames))).join(', ')})`
        : ''
  const threshold = new Date(report.now.getTime() + report.days * DAY_MS)
  return [
    `Scanned **${count(report.scanned, 'certificate')}** in ${count(regions.length, 'region')}${accounts}`,
    `threshold ${count(report.days, 'day')} (until ${utcDate(threshold)})`,
    `flagged **${report.findings.length}**`,
    `ignored **${report.ignored.length}**`
  ].join(' · ')
}

function ignoredSection(report: AuditReport, shown: number, findingsShown: number): string {
  const rows = report.ignored.slice(0, shown).map((certificate) => ignoredRow(certificate, report.now))
  const more = report.ignored.length - rows.length
  // Snooze mistakes: the certificate was not ignored, and the summary says why (as many as the findings shown).
  const notes = report.findings.filter((finding) => finding.tagNote)
  const noteLines = notes
    .slice(0, findingsShown)
    .map(
      (finding) =>
        `- Not ignored: ${code(finding.domain || finding.id)} in ${code(finding.region)}: ${escapeText(finding.tagNote ?? '')}; it stays flagged.`
    )
  return [
    `<details${notes.length > 0 ? ' open' : ''}><summary>Ignored certificates (${report.ignored.length})${notes.length > 0 ? `, ${count(notes.length, 'snooze tag')} not applied` : ''}</summary>`,
    '',
    ...(noteLines.length > 0
      ? [
          ...noteLines,
          ...(notes.length > noteLines.length
            ? [`- ${count(notes.length - noteLines.length, 'more', 'more')} in the report file.`]
            : []),
          ''
        ]
      : []),
    ...(rows.length > 0
      ? [markdownTable([['Domain', 'Region', 'Days left', 'Expires (UTC)', 'Why ignored'], ...rows], { alignDelimiters: false })]
      : []),
    ...(more > 0 ? ['', `${count(more, 'more ignored certificate')} in the report file.`] : []),
    '',
    '</details>'
  ].join('\n')
}

function ignoredRow(certificate: IgnoredCertificate, now: Date): string[] {
  return [
    code(certificate.domain || certificate.id, { inTable: true }),
    code(certificate.region, { inTable: true }),
    daysCell(certificate, now),
    utcDate(certificate.notAfter),
    escapeText(certificate.reason)
  ]
}

/** The summary of a run that could not start: why, and that nothing was read, so it is never taken for an all clear. */
export function renderStoppedSummary(message: string): string {
  return [
    '## ACM certificate expiry audit',
    '',
    '> [!CAUTION]',
    '> **The audit did not run,** so no certificate was read: this is not an all clear.',
    '',
    codeBlock(message, 'text'),
    ''
  ].join('\n')
}
