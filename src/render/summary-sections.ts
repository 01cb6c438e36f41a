import { markdownTable } from 'markdown-table'
import type { AuditReport } from '../classify/report.js'
import { Budget, utf8Bytes } from '../shared/budget.js'
import { count, seconds, thousands } from '../shared/format.js'
import { ALL_REGIONS, type RegionScan, type ScanFailure } from '../types.js'
import { code, escapeText } from './markdown.js'

/** GFM table rows without the header, one per line (as markdownTable writes them, unaligned). */
function rowLine(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}

/** A table of the rows that fit in `bytes`, in order, and how many did not. */
function fittedTable(header: string[], rows: string[][], bytes: number): { table: string; omitted: number } {
  const budget = new Budget(bytes - utf8Bytes(rowLine(header)) * 2)
  const { kept, omitted } = budget.fit(rows, (row) => utf8Bytes(rowLine(row)) + 1, { prefix: true })
  return { table: markdownTable([header, ...kept], { alignDelimiters: false }), omitted }
}

/** The places not read and why, as many as fit in `bytes`; the rest are counted. */
export function failureSection(report: AuditReport, multiAccount: boolean, bytes: number): string {
  const withAccount = multiAccount || report.failures.some((failure) => failure.account)
  const rows = report.failures.map((failure: ScanFailure) => [
    ...(withAccount ? [code(failure.account ?? '—', { inTable: true })] : []),
    failure.region === ALL_REGIONS ? 'all regions' : code(failure.region, { inTable: true }),
    escapeText(failure.message)
  ])
  const header = [...(withAccount ? ['Account'] : []), 'Region', 'Error']
  const { table, omitted } = fittedTable(header, rows, bytes)
  const more =
    omitted > 0
      ? [
          '',
          `${count(omitted, 'more place')} not read ${omitted === 1 ? 'is' : 'are'} not listed here, to keep the summary under GitHub's size limit: every one is in the \`failed-regions\` output and the report file.`
        ]
      : []
  return ['### Not read', '', table, ...more].join('\n')
}

function regionRow(scan: RegionScan, multiAccount: boolean): string[] {
  return [
    ...(multiAccount ? [code(scan.account ?? '—', { inTable: true })] : []),
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
 * Every region's statistics when they fit in `bytes`; otherwise the regions with findings, ignored
 * certificates or failures (as many as fit), and a count of the others.
 */
export function regionSection(report: AuditReport, multiAccount: boolean, bytes: number): string {
  const scans = [...report.regions].sort(
    (a, b) => (a.account ?? '').localeCompare(b.account ?? '') || a.region.localeCompare(b.region)
  )
  const header = [...(multiAccount ? ['Account'] : []), 'Region', 'Read', 'Certificates', 'Flagged', 'Ignored', 'Pages', 'Time']
  let { table, omitted } = fittedTable(
    header,
    scans.map((scan) => regionRow(scan, multiAccount)),
    bytes
  )
  let note: string[] = []
  if (omitted > 0) {
    const notable = scans.filter((scan) => scan.failure || scan.findings.length > 0 || scan.ignored.length > 0)
    const quiet = scans.length - notable.length
    ;({ table, omitted } = fittedTable(
      header,
      notable.map((scan) => regionRow(scan, multiAccount)),
      bytes
    ))
    note = [
      '',
      `Only regions with flagged or ignored certificates or failures are listed: ${count(quiet, 'more region')} ${quiet === 1 ? 'was' : 'were'} read completely with nothing flagged${omitted > 0 ? `, and ${count(omitted, 'more region')} with findings or failures did not fit` : ''}. Every region is in the report file.`
    ]
  }
  return [`<details><summary>Regions (${report.regions.length})</summary>`, '', table, ...note, '', '</details>'].join('\n')
}
