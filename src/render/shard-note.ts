import type { AuditReport } from '../classify/report.js'
import { count } from '../shared/format.js'

/**
 * What a shard's summary says of its reach: one slice of the organization, how many of the accounts discovered
 * are in it (or that it is empty), never a verdict on the organization.
 */
/** "**Shard 2/4** covers one slice of the organization (3 of the 11 accounts discovered). In this slice," */
export function shardSlice(report: AuditReport): string {
  const shard = report.context?.scope.shard
  const coverage = report.context?.coverage
  const size = coverage
    ? coverage.audited.length === 0
      ? `its slice is empty: none of the ${count(coverage.discovered.length, 'account')} discovered belongs to it`
      : `${coverage.audited.length} of the ${count(coverage.discovered.length, 'account')} discovered`
    : 'one slice of the organization'
  return `**Shard ${shard?.index}/${shard?.count}** covers one slice of the organization (${size}). In this slice,`
}
