import { timeFromNow } from '../classify/expiry.js'
import { describeResource } from '../classify/resources.js'
import { type Urgency, URGENCY_TITLES, urgencyOf } from '../classify/urgency.js'
import { yesNo } from '../shared/format.js'
import { breakable, escapeText } from './markdown.js'
import type { Finding, FindingAction, IgnoredCertificate } from '../types.js'

/** The cells and words the summary's findings tables, its "What to do" and the tracking issue share. */

/** What a person must do, in a few words (the findings tables' Action column; "What to do" says it in full). */
export const ACTION_TITLES: Readonly<Record<FindingAction, string>> = {
  'attach-replacement': 'Attach the replacement waiting',
  reimport: 'Reimport a renewed certificate',
  'fix-renewal': 'Fix renewal',
  'check-renewal': 'Check renewal status',
  'await-renewal': 'None yet: ACM is renewing it',
  'not-eligible': 'Replace it: not eligible for renewal',
  'renew-private': 'Renew the private certificate',
  'renew-acme': 'Renew it with its ACME client',
  'fix-cloudfront-renewal': 'Fix its CloudFront renewal',
  're-export': 'Re-export it after renewal',
  'delete-unused': 'Delete it: nothing uses it'
}

/** What a person reads under each tier's heading. */
export const TIER_NOTES: Readonly<Record<Urgency, string>> = {
  broken: 'Expired and still in use: clients of these resources are failing TLS now.',
  soon: 'In use, or possibly used: they break when they expire unless someone acts.',
  cleanup: 'Nothing uses these certificates: deleting or ignoring them breaks nothing.'
}

/** "🔥 Broken now": the tier's title, with the marker of the broken tier. */
export function tierTitle(tier: Urgency): string {
  return tier === 'broken' ? `🔥 ${URGENCY_TITLES.broken}` : URGENCY_TITLES[tier]
}

/** Days left while it is valid; once expired, how long ago (daysLeft would count one day more). */
export function daysCell(certificate: Finding | IgnoredCertificate, now: Date): string {
  return certificate.state === 'expired' ? timeFromNow(certificate.notAfter, now) : String(certificate.daysLeft)
}

/**
 * The marker a person scans for: 🔥 expired and still in use (broken now), ❌ expired and unused, 🚨 critical
 * (within critical-days), ⚠️ expiring. The summary's status cells and the tracking issue's items share it.
 */
export function statusMarker(finding: Finding): string {
  if (finding.state === 'expired') return urgencyOf(finding) === 'broken' ? '🔥' : '❌'
  return finding.critical ? '🚨' : '⚠️'
}

/** Expired, critical (within critical-days) or expiring: each with its own marker. */
export function statusCell(finding: Finding): string {
  const state = finding.state === 'expired' ? 'expired' : finding.critical ? 'critical' : 'expiring'
  return `${statusMarker(finding)} ${state}`
}

/** Names shown in the "Used by" cell; the rest are counted (all of them are in the report file). */
const USED_BY_SHOWN = 2

/**
 * "`web` (load balancer)<br>`E2SHOP` (CloudFront distribution)", "none", or the listing's yes/no when InUseBy was
 * not read. Names may wrap (a long API Gateway domain cannot widen the table); one resource per line.
 */
export function usedByCell(finding: Finding): string {
  if (!finding.inUseBy) return yesNo(finding.inUse)
  if (finding.inUseBy.length === 0) return 'none'
  const shown = finding.inUseBy
    .slice(0, USED_BY_SHOWN)
    .map(describeResource)
    .map((resource) => `**${breakable(resource.name)}** (${escapeText(resource.service)})`)
  const more = finding.inUseBy.length - shown.length
  return [...shown, ...(more > 0 ? [`+${more} more`] : [])].join('<br>')
}
