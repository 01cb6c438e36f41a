import { markdownTable } from 'markdown-table'
import { accountLabel, type AuditReport } from '../classify/report.js'
import { utf8Bytes } from '../shared/budget.js'
import { count, thousands } from '../shared/format.js'
import { code } from './markdown.js'
import { ALL_REGIONS } from '../types.js'

/** One account's line of the roll-up. */
export interface AccountRollup {
  account: string
  label: string
  regionsRead: number
  regions: number
  scanned: number
  flagged: number
  failed: number
  /** The whole account could not be read (a member role not assumed, no region list). */
  wholeAccountFailed: boolean
}

/**
 * Per account: regions read, certificates listed, flagged, failed. Accounts with findings or failures come
 * first (most flagged, then most failed, then by id); the others, read completely with nothing flagged, after.
 */
export function accountRollups(report: AuditReport): AccountRollup[] {
  const byAccount = new Map<string, AccountRollup>()
  const entry = (account: string) => {
    let found = byAccount.get(account)
    if (!found) {
      found = {
        account,
        label: accountLabel(account, report.accountNames),
        regionsRead: 0,
        regions: 0,
        scanned: 0,
        flagged: 0,
        failed: 0,
        wholeAccountFailed: false
      }
      byAccount.set(account, found)
    }
    return found
  }
  for (const account of report.accounts) entry(account)
  for (const scan of report.regions) {
    if (!scan.account) continue
    const line = entry(scan.account)
    line.regions += 1
    if (!scan.failure) line.regionsRead += 1
    line.scanned += scan.scanned
  }
  for (const finding of report.findings) entry(finding.account).flagged += 1
  for (const failure of report.failures) {
    if (!failure.account) continue
    const line = entry(failure.account)
    line.failed += 1
    if (failure.region === ALL_REGIONS) line.wholeAccountFailed = true
  }
  return [...byAccount.values()].sort(
    (a, b) =>
      Number(needsLook(b)) - Number(needsLook(a)) ||
      b.flagged - a.flagged ||
      b.failed - a.failed ||
      a.account.localeCompare(b.account)
  )
}

export function needsLook(line: AccountRollup): boolean {
  return line.flagged > 0 || line.failed > 0
}

const HEADER = ['Account', 'Regions read', 'Certificates', 'Flagged', 'Failed']

function row(line: AccountRollup): string[] {
  return [
    code(line.label, { inTable: true }),
    line.wholeAccountFailed ? '❌ none' : `${line.regionsRead} of ${line.regions}`,
    thousands(line.scanned),
    String(line.flagged),
    line.failed > 0 ? `❌ ${line.failed}` : '0'
  ]
}

/** What one listed account adds to the section. */
export function accountRowCost(line: AccountRollup): number {
  return utf8Bytes(markdownTable([row(line)], { alignDelimiters: false })) + 1
}

/**
 * The "Accounts" section: the first `shown` accounts with findings or failures (as many as the budget allows),
 * the others counted in one line. Every account left out is counted, so the text never claims more than it shows.
 */
export function accountSection(lines: readonly AccountRollup[], shown: number): string {
  const attention = lines.filter(needsLook)
  const quiet = lines.length - attention.length
  const kept = attention.slice(0, shown)
  const omitted = attention.length - kept.length
  const parts = [`### Accounts (${lines.length})`, '']
  if (kept.length > 0)
    parts.push(markdownTable([HEADER, ...kept.map(row)], { alignDelimiters: false, align: ['l', 'l', 'r', 'r', 'r'] }), '')
  if (omitted > 0) {
    parts.push(
      `${count(omitted, 'more account')} with findings or failures not listed here, to keep the summary under GitHub's size limit: see the report file.`,
      ''
    )
  }
  if (quiet > 0) {
    const scanned = lines.filter((line) => !needsLook(line)).reduce((sum, line) => sum + line.scanned, 0)
    parts.push(
      `${count(quiet, attention.length > 0 ? 'other account' : 'account')}: every region read, ${count(scanned, 'certificate')} listed, nothing flagged.`
    )
  }
  return parts.join('\n').trimEnd()
}
