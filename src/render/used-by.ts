import { describeResource } from '../classify/resources.js'
import { yesNo } from '../shared/format.js'
import { code, escapeText } from './markdown.js'
import type { Finding } from '../types.js'

/** Expired, critical (within critical-days) or expiring: each with its own marker. */
export function statusCell(finding: Finding): string {
  if (finding.state === 'expired') return '❌ expired'
  return finding.critical ? '🚨 critical' : '⚠️ expiring'
}

/** Names shown in the "Used by" cell; the rest are counted (all of them are in the report file). */
const USED_BY_SHOWN = 2

/** "2: `web` (load balancer), `E2SHOP` (CloudFront distribution)", "none", or the listing's yes/no when InUseBy was not read. */
export function usedByCell(finding: Finding): string {
  if (!finding.inUseBy) return yesNo(finding.inUse)
  if (finding.inUseBy.length === 0) return 'none'
  const shown = finding.inUseBy
    .slice(0, USED_BY_SHOWN)
    .map(describeResource)
    .map((resource) => `${code(resource.name, { inTable: true })} (${escapeText(resource.service)})`)
  const more = finding.inUseBy.length - shown.length
  return `${finding.inUseBy.length}: ${shown.join(', ')}${more > 0 ? `, +${more} more` : ''}`
}
