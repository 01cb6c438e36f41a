import { type AuditReport, blockingFindings, describeLocation } from './report.js'
import { count } from '../shared/format.js'
import type { FailOn } from '../types.js'

/** What the action's message ends with: where a person finds what to do. */
export const SEE_THE_SUMMARY = '. See the job summary for what to do.'

/**
 * Whether the step fails, and the one message that says why: the reasons joined, then `ending`
 * (each front door says where a person reads what to do).
 */
export function decideOutcome(
  report: AuditReport,
  failOn: FailOn,
  ending: string = SEE_THE_SUMMARY
): { failed: boolean; message: string } {
  const reasons: string[] = []
  if (!report.complete) {
    reasons.push(
      `${count(report.failures.length, 'region or account', 'regions or accounts')} could not be read (${report.failures.map((failure) => describeLocation(failure, report.accountNames)).join('; ')}): the audit is incomplete`
    )
  }
  const blocking = blockingFindings(report)
  if (failOn === 'expiring' && blocking.length > 0) {
    reasons.push(
      `${count(blocking.length, 'certificate')} ${blocking.length === 1 ? 'expires' : 'expire'} within ${count(report.days, 'day')} or ${blocking.length === 1 ? 'has' : 'have'} expired`
    )
  }
  const expired = blocking.filter((finding) => finding.state === 'expired').length
  const critical = blocking.filter((finding) => finding.critical).length
  if (failOn === 'critical' && expired + critical > 0) {
    reasons.push(
      [
        critical > 0
          ? `${count(critical, 'certificate')} ${critical === 1 ? 'expires' : 'expire'} within ${count(report.criticalDays, 'day')} (critical-days)`
          : '',
        expired > 0 ? `${count(expired, 'certificate')} ${expired === 1 ? 'has' : 'have'} expired` : ''
      ]
        .filter(Boolean)
        .join(' and ')
    )
  }
  if (failOn === 'expired' && expired > 0) {
    reasons.push(`${count(expired, 'certificate')} ${expired === 1 ? 'has' : 'have'} expired`)
  }
  return reasons.length > 0 ? { failed: true, message: `${reasons.join('; ')}${ending}` } : { failed: false, message: '' }
}
