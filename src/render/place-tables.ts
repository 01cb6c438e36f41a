import { markdownTable } from 'markdown-table'
import { accountLabel, type AuditReport } from '../classify/report.js'
import { utf8Bytes } from '../shared/budget.js'
import { count, seconds, thousands } from '../shared/format.js'
import { code, escapeText } from './markdown.js'
import { ALL_REGIONS, type RegionScan, type ScanFailure } from '../types.js'

/** The summary's tables of places: what could not be read, and every (account, region) scanned. */

/** The rows of a GFM table without its header, for measuring. */
export function tableRows(rows: string[][]): string {
  const width = rows[0]?.length ?? 0
  return markdownTable([Array.from({ length: width }, () => ''), ...rows], { alignDelimiters: false })
    .split('\n')
    .slice(2)
    .join('\n')
}

export function failureCost(failure: ScanFailure, report: AuditReport): number {
  return utf8Bytes(tableRows([failureRow(failure, true, report)])) + 1
}

export function regionCost(scan: RegionScan, multiAccount: boolean, report: AuditReport): number {
  return utf8Bytes(tableRows([regionRow(scan, multiAccount, report)])) + 1
}

export function failureSection(report: AuditReport, multiAccount: boolean, shown: number): string {
  const withAccount = multiAccount || report.failures.some((failure) => failure.account)
  const rows = report.failures.slice(0, shown).map((failure) => failureRow(failure, withAccount, report))
  const header = [...(withAccount ? ['Account'] : []), 'Region', 'Error']
  const more = report.failures.length - rows.length
  return [
    '### Not read',
    '',
    ...(rows.length > 0 ? [markdownTable([header, ...rows], { alignDelimiters: false })] : []),
    ...(more > 0
      ? [
          '',
          `${count(more, 'more place')} not read ${more === 1 ? 'is' : 'are'} not listed here, to keep the summary under GitHub's size limit: every one is in the \`failed-regions\` output and the report file.`
        ]
      : [])
  ].join('\n')
}

export function failureRow(failure: ScanFailure, withAccount: boolean, report: AuditReport): string[] {
  return [
    ...(withAccount ? [code(failure.account ? accountLabel(failure.account, report.accountNames) : '—', { inTable: true })] : []),
    failure.region === ALL_REGIONS ? 'all regions' : code(failure.region, { inTable: true }),
    // Long messages are cut at a word with "…" (singleLine); the report file has them whole.
    escapeText(failure.message)
  ]
}

export function sortedScans(report: AuditReport): RegionScan[] {
  return [...report.regions].sort((a, b) => (a.account ?? '').localeCompare(b.account ?? '') || a.region.localeCompare(b.region))
}

/** A region worth a row even at organization size: something flagged or ignored there, or not read. */
export function isNotable(scan: RegionScan): boolean {
  return Boolean(scan.failure) || scan.findings.length > 0 || scan.ignored.length > 0
}

export function regionRow(scan: RegionScan, multiAccount: boolean, report: AuditReport): string[] {
  return [
    ...(multiAccount ? [code(scan.account ? accountLabel(scan.account, report.accountNames) : '—', { inTable: true })] : []),
    code(scan.region, { inTable: true }),
    scan.failure ? (scan.listed ? '⚠️ listed, details not read' : '❌ failed') : '✅ read',
    thousands(scan.scanned),
    String(scan.findings.length),
    String(scan.ignored.length),
    String(scan.pages),
    seconds(scan.durationMs)
  ]
}

/**
 * The regions given (every region, or only the notable ones when not all fit), and a count of the others.
 */
export function regionSection(report: AuditReport, multiAccount: boolean, shown: readonly RegionScan[]): string {
  const rows = shown.map((scan) => regionRow(scan, multiAccount, report))
  const header = [...(multiAccount ? ['Account'] : []), 'Region', 'Read', 'Certificates', 'Flagged', 'Ignored', 'Pages', 'Time']
  const notable = report.regions.filter(isNotable).length
  const quiet = report.regions.length - notable
  const onlyNotable = shown.length < report.regions.length && shown.every(isNotable) && quiet > 0
  const missed = onlyNotable ? notable - shown.length : report.regions.length - shown.length
  const note = onlyNotable
    ? `Only regions with flagged or ignored certificates or failures are listed: ${count(quiet, 'more region')} ${quiet === 1 ? 'was' : 'were'} read completely with nothing flagged${missed > 0 ? `, and ${count(missed, 'more region')} with findings or failures did not fit` : ''}. Every region is in the report file.`
    : missed > 0
      ? `${count(missed, 'more region')} not listed here, to keep the summary under GitHub's size limit: see the report file.`
      : ''
  return [
    `<details><summary>Regions (${report.regions.length})</summary>`,
    '',
    markdownTable([header, ...rows], { alignDelimiters: false }),
    ...(note ? ['', note] : []),
    '',
    '</details>'
  ].join('\n')
}
