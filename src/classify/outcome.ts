import { type AuditReport, describeLocation } from './report.js'
import { count } from '../shared/format.js'
import type { FailOn } from '../types.js'

/** Whether the step fails, and the one message that says why. */
export function decideOutcome(report: AuditReport, failOn: FailOn): { failed: boolean; message: string } {
  const reasons: string[] = []
  if (!report.complete) {
    reasons.push(
      `${count(report.failures.length, 'region or account', 'regions or accounts')} could not be read (${report.failures.map((failure) => describeLocation(failure, report.accountNames)).join('; ')}): the audit is incomplete`
    )
  }
  if (failOn === 'expiring' && report.findings.length > 0) {
    reasons.push(
      `${count(report.findings.length, 'certificate')} ${report.findings.length === 1 ? 'expires' : 'expire'} within ${count(report.days, 'day')} or ${report.findings.length === 1 ? 'has' : 'have'} expired`
    )
  }
  if (failOn === 'expired' && report.expired > 0) {
    reasons.push(`${count(report.expired, 'certificate')} ${report.expired === 1 ? 'has' : 'have'} expired`)
  }
  return reasons.length > 0
    ? { failed: true, message: `${reasons.join('; ')}. See the job summary for what to do.` }
    : { failed: false, message: '' }
}
