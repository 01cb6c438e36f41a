import type { Finding } from '../types.js'
import { isInUse } from './finding-advice.js'
import { isAcme, unknownKind } from './kinds.js'

/**
 * How soon a flagged certificate hurts someone, the order in which a person must read the findings:
 * - `broken`: expired and still in use: clients are failing TLS now;
 * - `soon`: in use, or possibly used (details unread, exported, private, or used outside AWS), not yet broken;
 * - `cleanup`: nothing uses it: deleting or ignoring it breaks nothing.
 */
export type Urgency = 'broken' | 'soon' | 'cleanup'

export const URGENCIES: readonly Urgency[] = ['broken', 'soon', 'cleanup']

/** Headings a person reads for each tier. */
export const URGENCY_TITLES: Readonly<Record<Urgency, string>> = {
  broken: 'Broken now',
  soon: 'Will break',
  cleanup: 'Clean-up'
}

/**
 * Whether something may use the certificate although InUseBy is empty: an exported copy, a private
 * certificate (installed outside AWS's integrated services), an ACME-issued one (its key lives on the ACME
 * client's host), one of a kind this version does not know, or a use the audit could not read.
 */
export function possiblyUsed(
  finding: Pick<Finding, 'type' | 'exported' | 'inUse' | 'inUseBy' | 'keyPairOrigin' | 'managedBy' | 'exportOption'>
): boolean {
  return (
    finding.exported === true ||
    finding.type === 'PRIVATE' ||
    isAcme(finding) ||
    unknownKind(finding) !== undefined ||
    (finding.inUseBy === undefined && finding.inUse !== false)
  )
}

/**
 * How many certificates of the clean-up tier are shown open; with more, the clean-up is collapsed, so that it
 * never pushes what breaks out of sight.
 */
export const CLEANUP_SHOWN_OPEN = 3

export function urgencyOf(finding: Finding): Urgency {
  const inUse = isInUse(finding, finding.inUseBy) === true
  if (inUse && finding.state === 'expired') return 'broken'
  if (inUse || possiblyUsed(finding)) return 'soon'
  return 'cleanup'
}

/**
 * The reading order: broken now, will break (critical first), clean-up; within each, expired before
 * expiring, soonest first; then by place and name, so the order is total.
 */
export function byReadingOrder(a: Finding, b: Finding): number {
  const tier = URGENCIES.indexOf(urgencyOf(a)) - URGENCIES.indexOf(urgencyOf(b))
  if (tier !== 0) return tier
  const critical = Number(b.critical) - Number(a.critical)
  if (critical !== 0) return critical
  return Number(a.state !== 'expired') - Number(b.state !== 'expired') || bySoonest(a, b)
}

/** Soonest expiry first, then by account, region, domain and ARN, so that the order is total. */
export function bySoonest(
  a: Pick<Finding, 'notAfter' | 'account' | 'region' | 'domain' | 'arn'>,
  b: Pick<Finding, 'notAfter' | 'account' | 'region' | 'domain' | 'arn'>
): number {
  return (
    a.notAfter.getTime() - b.notAfter.getTime() ||
    a.account.localeCompare(b.account) ||
    a.region.localeCompare(b.region) ||
    a.domain.localeCompare(b.domain) ||
    a.arn.localeCompare(b.arn)
  )
}

/**
 * A finding that needs no one yet: ACM is renewing it in place and nothing is broken. It is watched (listed,
 * without a task) until a run finds it renewed, or still listed close to expiry with another action.
 */
export function needsNoOneYet(finding: Finding): boolean {
  return finding.action === 'await-renewal' && urgencyOf(finding) !== 'broken'
}

/** The findings of each tier, in reading order. */
export function byTier(findings: readonly Finding[]): Record<Urgency, Finding[]> {
  const tiers: Record<Urgency, Finding[]> = { broken: [], soon: [], cleanup: [] }
  for (const finding of [...findings].sort(byReadingOrder)) tiers[urgencyOf(finding)].push(finding)
  return tiers
}
