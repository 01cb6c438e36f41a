import { placeName } from '../shared/aws-names.js'
import { count, seconds } from '../shared/format.js'
import type { RegionScan } from '../types.js'

/**
 * The title and lines of the log group written when a region finishes; the account is named as AWS
 * Organizations names it, when it does.
 */
export function regionLog(
  scan: RegionScan,
  accountNames: Readonly<Record<string, string>> = {}
): { title: string; lines: string[] } {
  const name = scan.account === undefined ? undefined : accountNames[scan.account]
  const where = name === undefined ? placeName(scan.account, scan.region) : `${scan.region} (account ${name}, ${scan.account})`
  const flagged = count(scan.findings.length, 'flagged certificate')
  const outcome = scan.failure ? (scan.listed ? `${flagged}, details not read` : 'failed') : flagged
  const lines = [
    `Pages read: ${scan.pages}`,
    `Certificates listed: ${scan.scanned}${scan.notIssued > 0 ? ` (${scan.notIssued} never issued, skipped)` : ''}`,
    `Flagged: ${scan.findings.length}`,
    `Ignored: ${scan.ignored.length}`,
    `Time: ${seconds(scan.durationMs)}`,
    ...(scan.failure ? [`Error: ${scan.failure.message}`] : [])
  ]
  return { title: `${where}: ${outcome}, ${count(scan.scanned, 'certificate')} in ${seconds(scan.durationMs)}`, lines }
}
