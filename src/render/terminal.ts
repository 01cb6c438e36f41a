import Table from 'cli-table3'
import { createColors } from 'picocolors'
import { type AuditReport, describeLocation } from '../classify/report.js'
import { describeResource } from '../classify/resources.js'
import { byReadingOrder, type Urgency, URGENCIES, URGENCY_TITLES, urgencyOf } from '../classify/urgency.js'
import { count, utcDate, yesNo } from '../shared/format.js'
import type { Finding } from '../types.js'
import { ACTION_TITLES } from './used-by.js'

export interface TerminalOptions {
  /** Colour (ANSI escapes): only on a terminal, and never with NO_COLOR. */
  color: boolean
  /** The terminal's width in columns, when known: the tables wrap to it. */
  columns?: number
}

type Colors = ReturnType<typeof createColors>

/**
 * The report for a terminal: a one-line headline, the findings in the three reading tiers (broken now, will
 * break, clean-up), each a table with its commands below, then what could not be read. Everything that came
 * from AWS or a report file is stripped of control characters, so it cannot move the cursor or recolour text.
 */
export function renderTerminal(report: AuditReport, options: TerminalOptions): string {
  const c = createColors(options.color)
  const parts = [terminalHeadline(report, c)]
  const findings = [...report.findings].sort(byReadingOrder)
  for (const tier of URGENCIES) {
    const inTier = findings.filter((finding) => urgencyOf(finding) === tier)
    if (inTier.length > 0) parts.push('', tierSection(tier, inTier, report, options, c))
  }
  if (report.failures.length > 0) {
    parts.push('', c.bold(c.red(`Not read (${report.failures.length})`)))
    for (const failure of report.failures) {
      parts.push(`  ${plain(describeLocation(failure, report.accountNames))}: ${plain(failure.message)}`)
    }
  }
  parts.push('', c.dim(facts(report)))
  return `${parts.join('\n')}\n`
}

/** One line that says what the audit found, and never more than it read. */
export function terminalHeadline(report: AuditReport, c: Colors = createColors(false)): string {
  const flagged = report.findings.length
  const tiers = URGENCIES.map((tier) => [tier, report.findings.filter((finding) => urgencyOf(finding) === tier).length] as const)
    .filter(([, n]) => n > 0)
    .map(([tier, n]) => `${n} ${URGENCY_TITLES[tier].toLowerCase()}`)
    .join(', ')
  if (!report.complete) {
    const soFar =
      flagged > 0
        ? ` ${count(flagged, 'certificate')} found so far ${flagged === 1 ? 'needs' : 'need'} attention (${tiers}).`
        : ''
    return c.bold(
      c.red(
        `Incomplete audit: ${count(report.failures.length, 'region or account', 'regions or accounts')} could not be read, so certificates may be missing.${soFar}`
      )
    )
  }
  if (flagged === 0) {
    return c.bold(
      c.green(
        `No certificate expires within ${count(report.days, 'day')}: ${count(report.scanned, 'certificate')} listed, everything read.`
      )
    )
  }
  const color = report.findings.some((finding) => urgencyOf(finding) === 'broken') ? c.red : c.yellow
  return c.bold(color(`${count(flagged, 'certificate')} ${flagged === 1 ? 'needs' : 'need'} attention: ${tiers}.`))
}

const HEAD = ['Days left', 'Certificate', 'Account', 'Region', 'Used by', 'Action']

function tierSection(
  tier: Urgency,
  findings: readonly Finding[],
  report: AuditReport,
  options: TerminalOptions,
  c: Colors
): string {
  const color = tier === 'broken' ? c.red : tier === 'soon' ? c.yellow : c.cyan
  const rows = findings.map((finding) => [
    daysLeft(finding),
    plain(finding.domain || finding.id),
    accountCell(finding, report),
    plain(finding.region),
    plain(usedBy(finding)),
    ACTION_TITLES[finding.action]
  ])
  const widths = options.columns ? columnWidths([HEAD, ...rows], options.columns) : undefined
  const table = new Table({
    head: HEAD,
    style: { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [] },
    wordWrap: true,
    ...(widths ? { colWidths: widths } : {})
  })
  for (const [index, row] of rows.entries()) {
    const cells = widths ? row.map((cell, column) => breakLongWords(cell, (widths[column] as number) - 2)) : row
    const finding = findings[index] as Finding
    table.push(
      cells.map((cell, column) => (column === 0 && (finding.state === 'expired' || finding.critical) ? c.red(cell) : cell))
    )
  }
  const steps = findings.map((finding) => {
    const command = finding.command ? `\n${indent(plain(finding.command, true), '    ')}` : ''
    return `  ${c.bold(plain(finding.domain || finding.id))} (${plain(finding.region)}): ${plain(finding.nextStep)}${command}`
  })
  return [c.bold(color(`${URGENCY_TITLES[tier]} (${findings.length})`)), table.toString(), '', ...steps].join('\n')
}

/**
 * Column widths (with their padding of 2) that fit the terminal: each column as wide as its longest line
 * when they all fit; otherwise days left, account and region keep theirs, and certificate, used by and
 * action share what is left, certificate names first. Nothing is cut: words longer than a column are broken.
 */
export function columnWidths(rows: readonly string[][], columns: number): number[] | undefined {
  const natural = HEAD.map((_, column) => Math.max(...rows.map((row) => longestLine(row[column] ?? ''))) + 2)
  const borders = HEAD.length + 1
  if (natural.reduce((sum, width) => sum + width, 0) + borders <= columns) return undefined
  const [days, certificate, account, region, used, action] = natural as [number, number, number, number, number, number]
  const left = Math.max(columns - borders - days - account - region, 36)
  // Never narrower than the column's heading.
  const actionWidth = Math.min(action, Math.max(10, Math.floor(left * 0.25)))
  const certificateWidth = Math.max(13, Math.min(certificate, left - actionWidth - Math.min(used, 12)))
  const usedWidth = Math.max(9, left - actionWidth - certificateWidth)
  return [days, certificateWidth, account, region, usedWidth, actionWidth]
}

function longestLine(text: string): number {
  return Math.max(...text.split('\n').map((line) => [...line].length))
}

/** Words longer than the column are broken at its width, so that the table wraps them instead of cutting them. */
function breakLongWords(text: string, width: number): string {
  if (width < 1) return text
  return text
    .split('\n')
    .map((line) =>
      line
        .split(' ')
        .map((word) =>
          [...word].length > width ? ([...word].join('').match(new RegExp(`.{1,${width}}`, 'gu')) ?? [word]).join('\n') : word
        )
        .join(' ')
    )
    .join('\n')
}

function daysLeft(finding: Finding): string {
  const date = utcDate(finding.notAfter)
  return finding.state === 'expired' ? `expired\n${date}` : `${count(finding.daysLeft, 'day')}\n${date}`
}

function accountCell(finding: Finding, report: AuditReport): string {
  const name = finding.accountName ?? report.accountNames[finding.account]
  return name ? `${plain(finding.account)}\n(${plain(name)})` : plain(finding.account)
}

/** "web (load balancer), E2SHOP (CloudFront distribution)", "none", or the listing's yes/no when InUseBy was not read. */
function usedBy(finding: Finding): string {
  if (!finding.inUseBy) return `${yesNo(finding.inUse)} (details not read)`
  if (finding.inUseBy.length === 0) return 'none'
  return finding.inUseBy
    .map(describeResource)
    .map((resource) => `${resource.name} (${resource.service})`)
    .join(', ')
}

function facts(report: AuditReport): string {
  const regions = new Set(report.regions.map((scan) => `${scan.account ?? ''}:${scan.region}`)).size
  return `${count(report.scanned, 'certificate')} listed in ${count(regions, 'region')} of ${count(report.accounts.length, 'account')}; threshold ${count(report.days, 'day')}, critical within ${count(report.criticalDays, 'day')}; ${count(report.ignored.length, 'certificate')} ignored.`
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n')
}

/**
 * Text from AWS or a report file, with every control character (escape sequences included) shown as a
 * visible escape instead of acting on the terminal; line breaks are kept only where asked (commands).
 */
export function plain(text: string, keepLineBreaks = false): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (character) =>
    keepLineBreaks && character === '\n' ? '\n' : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}
