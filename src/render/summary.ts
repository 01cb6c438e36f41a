import { markdownTable } from 'markdown-table'
import { DAY_MS } from '../classify/expiry.js'
import { type AuditReport, regionNames } from '../classify/report.js'
import { certificateConsoleUrl } from './console-links.js'
import { count, seconds, thousands, utcDate } from '../shared/format.js'
import { code, codeBlock, codeLink, escapeText, isSafeUrl, shellLines, singleLine } from './markdown.js'
import { statusCell, usedByCell } from './used-by.js'
import { Budget, utf8Bytes } from '../shared/budget.js'
import { ALL_REGIONS, type Finding, type FindingAction, type IgnoredCertificate, type TrackingOutcome } from '../types.js'

/** GitHub's limit for one step's summary is 1 MiB; stay well under it. */
export const SUMMARY_BYTE_BUDGET = 900 * 1024

const ACTION_TITLES: Readonly<Record<FindingAction, string>> = {
  'attach-replacement': 'Attach the replacement waiting',
  reimport: 'Reimport',
  'fix-renewal': 'Fix renewal',
  'await-renewal': 'Renewal under way',
  'not-eligible': 'Not eligible for renewal',
  'renew-private': 'Renew private certificate',
  'delete-unused': 'Clean-up: delete unused certificates'
}
/** Urgent actions first; the clean-up of certificates nothing uses last. */
const ACTION_ORDER: readonly FindingAction[] = [
  'attach-replacement',
  'reimport',
  'fix-renewal',
  'renew-private',
  'not-eligible',
  'await-renewal',
  'delete-unused'
]

export interface SummaryExtras {
  trackingIssue?: TrackingOutcome | undefined
  trackingError?: string | undefined
  budget?: number
}

/** Room kept for what the rows add besides themselves: the action headings and shared steps of "What to do". */
const SECTION_SLACK = 4_096

/**
 * The job summary as markdown. Rows that would pass the byte budget are left out, most urgent kept, and
 * counted in the text.
 */
export function renderSummary(report: AuditReport, extras: SummaryExtras = {}): string {
  const multiAccount = report.accounts.length > 1
  const fixed = utf8Bytes(renderWithRows(report, 0, 0, extras))
  const budget = new Budget((extras.budget ?? SUMMARY_BYTE_BUDGET) - fixed - SECTION_SLACK)
  const findings = budget.fit(report.findings, (finding) => findingCost(finding, multiAccount), { prefix: true }).kept
  const ignored = budget.fit(report.ignored.slice(0, Math.max(findings.length, 50)), ignoredCost, { prefix: true }).kept
  return renderWithRows(report, findings.length, ignored.length, extras)
}

/** What one finding adds: its table row and its line under "What to do", in the longer of its two forms. */
function findingCost(finding: Finding, multiAccount: boolean): number {
  const row = tableRows([findingRow(finding, multiAccount)])
  return utf8Bytes(row) + Math.max(utf8Bytes(nextStepItem(finding, false)), utf8Bytes(commandLine(finding))) + 2
}

function ignoredCost(certificate: IgnoredCertificate): number {
  return utf8Bytes(tableRows([ignoredRow(certificate)])) + 1
}

/** The rows of a GFM table without its header, for measuring. */
function tableRows(rows: string[][]): string {
  const width = rows[0]?.length ?? 0
  return markdownTable([Array.from({ length: width }, () => ''), ...rows], { alignDelimiters: false })
    .split('\n')
    .slice(2)
    .join('\n')
}

function renderWithRows(report: AuditReport, shown: number, ignoredShown: number, extras: SummaryExtras): string {
  const multiAccount = report.accounts.length > 1
  const parts = ['## ACM certificate expiry audit', '', headline(report), '', facts(report)]
  const tracking = trackingLine(extras)
  if (tracking) parts.push('', tracking)
  if (report.failures.length > 0) parts.push('', failureSection(report, multiAccount))
  if (report.findings.length > 0) {
    const rows = report.findings.slice(0, shown)
    parts.push('', findingsTable(rows, multiAccount))
    if (shown < report.findings.length) {
      parts.push(
        '',
        `${count(report.findings.length - shown, 'more flagged certificate')} not shown here, to keep the summary under GitHub's size limit: all of them are in the \`findings\` output and the report file.`
      )
    }
    parts.push('', nextSteps(rows))
  }
  if (report.ignored.length > 0) parts.push('', ignoredSection(report, ignoredShown))
  parts.push('', regionSection(report, multiAccount))
  return `${parts.join('\n')}\n`
}

function headline(report: AuditReport): string {
  const flagged = report.findings.length
  if (!report.complete) {
    return `> [!CAUTION]\n> **Incomplete audit:** ${count(report.failures.length, 'region or account', 'regions or accounts')} could not be read completely, so certificates may be missing below.${flagged > 0 ? ` ${count(flagged, 'certificate')} found so far ${flagged === 1 ? 'needs' : 'need'} attention.` : ''}`
  }
  if (flagged === 0) {
    const ignored = report.ignored.length > 0 ? ` (${report.ignored.length} ignored by pattern or tag: see below)` : ''
    return `> [!NOTE]\n> **All clear:** no certificate expires within ${count(report.days, 'day')}${ignored}.`
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
  return `> [!WARNING]\n> **${count(flagged, 'certificate')} ${flagged === 1 ? 'needs' : 'need'} attention:** ${parts.join(', ')}.${unused}`
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
    report.accounts.length > 0
      ? ` of ${count(report.accounts.length, 'account')} (${report.accounts.map((account) => escapeText(account)).join(', ')})`
      : ''
  const threshold = new Date(report.now.getTime() + report.days * DAY_MS)
  return [
    `Scanned **${count(report.scanned, 'certificate')}** in ${count(regions.length, 'region')}${accounts}`,
    `threshold ${count(report.days, 'day')} (until ${utcDate(threshold)})`,
    `flagged **${report.findings.length}**`,
    `ignored **${report.ignored.length}**`
  ].join(' · ')
}

function findingsTable(findings: readonly Finding[], multiAccount: boolean): string {
  const header = [
    'Status',
    'Days left',
    'Domain',
    ...(multiAccount ? ['Account'] : []),
    'Region',
    'Type',
    'Used by',
    'Renewal',
    'Expires (UTC)',
    'Action'
  ]
  const rows = findings.map((finding) => findingRow(finding, multiAccount))
  return markdownTable([header, ...rows], { alignDelimiters: false, align: ['l', 'r'] })
}

function findingRow(finding: Finding, multiAccount: boolean): string[] {
  return [
    statusCell(finding),
    String(finding.daysLeft),
    codeLink(finding.domain || finding.id, certificateConsoleUrl(finding.region, finding.id), { inTable: true }),
    ...(multiAccount ? [code(finding.account, { inTable: true })] : []),
    code(finding.region, { inTable: true }),
    code(finding.type, { inTable: true }),
    usedByCell(finding),
    renewalCell(finding),
    utcDate(finding.notAfter),
    `**${finding.action}**: ${escapeText(finding.explanation)}`
  ]
}

function renewalCell(finding: Finding): string {
  if (finding.renewalStatus) {
    const reason = finding.renewalReason ? ` ${code(finding.renewalReason, { inTable: true })}` : ''
    return `${code(finding.renewalStatus, { inTable: true })}${reason}`
  }
  if (finding.type === 'IMPORTED') return 'never (imported)'
  return finding.renewalEligibility ? code(finding.renewalEligibility, { inTable: true }) : '—'
}

function nextSteps(findings: readonly Finding[]): string {
  const sections = ['### What to do']
  for (const action of ACTION_ORDER) {
    const group = findings.filter((finding) => finding.action === action)
    if (group.length === 0) continue
    const steps = new Set(group.map((finding) => finding.nextStep))
    const shared = steps.size === 1 ? group[0]?.nextStep : undefined
    sections.push('', `#### ${ACTION_TITLES[action]} (${group.length})`)
    if (shared) sections.push('', escapeText(shared))
    const commands = group.filter((finding) => finding.command)
    if (shared && commands.length === group.length) {
      const lines = commands.map(commandLine)
      sections.push('', codeBlock(lines.join('\n'), 'sh'))
      continue
    }
    sections.push('', ...group.map((finding) => nextStepItem(finding, Boolean(shared))))
  }
  return sections.join('\n')
}

/** A finding's command in a shell block, under a comment naming it. */
function commandLine(finding: Finding): string {
  return `# ${singleLine(finding.domain || finding.id, 200)} (${singleLine(finding.region, 200)})\n${shellLines(finding.command ?? '')}`
}

/** A finding's line under "What to do"; its next step is left out when the group shares one. A command of several lines follows as a block. */
function nextStepItem(finding: Finding, sharedStep: boolean): string {
  const next = sharedStep ? '' : ` Next: ${escapeText(finding.nextStep)}`
  const multiLine = finding.command?.includes('\n') ?? false
  const command = finding.command && !multiLine ? ` ${code(finding.command)}` : ''
  const item = `- ${code(finding.domain || finding.id)} in ${code(finding.region)}: ${escapeText(finding.explanation)}${next}${command}`
  return multiLine ? `${item}\n\n${indent(codeBlock(shellLines(finding.command ?? ''), 'sh'), '  ')}` : item
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n')
}

function ignoredSection(report: AuditReport, shown: number): string {
  const rows = report.ignored.slice(0, shown).map(ignoredRow)
  const more = report.ignored.length - rows.length
  return [
    `<details><summary>Ignored certificates (${report.ignored.length})</summary>`,
    '',
    markdownTable([['Domain', 'Region', 'Days left', 'Expires (UTC)', 'Why ignored'], ...rows], { alignDelimiters: false }),
    ...(more > 0 ? ['', `${count(more, 'more ignored certificate')} in the report file.`] : []),
    '',
    '</details>'
  ].join('\n')
}

function ignoredRow(certificate: IgnoredCertificate): string[] {
  return [
    code(certificate.domain || certificate.id, { inTable: true }),
    code(certificate.region, { inTable: true }),
    String(certificate.daysLeft),
    utcDate(certificate.notAfter),
    escapeText(certificate.reason)
  ]
}

function failureSection(report: AuditReport, multiAccount: boolean): string {
  const withAccount = multiAccount || report.failures.some((failure) => failure.account)
  const rows = report.failures.map((failure) => [
    ...(withAccount ? [code(failure.account ?? '—', { inTable: true })] : []),
    failure.region === ALL_REGIONS ? 'all regions' : code(failure.region, { inTable: true }),
    escapeText(failure.message)
  ])
  const header = [...(withAccount ? ['Account'] : []), 'Region', 'Error']
  return ['### Not read', '', markdownTable([header, ...rows], { alignDelimiters: false })].join('\n')
}

function regionSection(report: AuditReport, multiAccount: boolean): string {
  const rows = [...report.regions]
    .sort((a, b) => (a.account ?? '').localeCompare(b.account ?? '') || a.region.localeCompare(b.region))
    .map((scan) => [
      ...(multiAccount ? [code(scan.account ?? '—', { inTable: true })] : []),
      code(scan.region, { inTable: true }),
      scan.failure ? '❌ failed' : '✅ read',
      thousands(scan.scanned),
      String(scan.findings.length),
      String(scan.ignored.length),
      String(scan.pages),
      seconds(scan.durationMs)
    ])
  const header = [...(multiAccount ? ['Account'] : []), 'Region', 'Read', 'Certificates', 'Flagged', 'Ignored', 'Pages', 'Time']
  return [
    `<details><summary>Regions (${report.regions.length})</summary>`,
    '',
    markdownTable([header, ...rows], { alignDelimiters: false }),
    '',
    '</details>'
  ].join('\n')
}
