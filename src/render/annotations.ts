import { type AuditReport, certificateAccount, describeLocation } from '../classify/report.js'
import { timeFromNow } from '../classify/expiry.js'
import { count, utcDate } from '../shared/format.js'
import { urgencyOf } from '../classify/urgency.js'
import type { Finding } from '../types.js'

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title: string
  message: string
}

/** GitHub shows at most 10 warnings and 10 errors per step. */
export const MAX_ANNOTATIONS_PER_LEVEL = 10

/**
 * One error per expired or critical certificate and unreadable region, one warning per other expiring certificate,
 * capped; in reading order (report.findings), the certificates broken now before the places not read.
 */
export function planAnnotations(report: AuditReport, cap = MAX_ANNOTATIONS_PER_LEVEL): Annotation[] {
  const broken = report.findings.filter((finding) => urgencyOf(finding) === 'broken')
  const errors: Annotation[] = [
    ...broken.map((finding) => findingAnnotation(finding, report.now)),
    ...report.failures.map((failure) => ({
      level: 'error' as const,
      title: `Not read: ${describeLocation(failure, report.accountNames)}`,
      message: failure.message
    })),
    ...report.findings
      .filter((finding) => isError(finding) && !broken.includes(finding))
      .map((finding) => findingAnnotation(finding, report.now))
  ]
  const warnings: Annotation[] = [
    // A snooze tag that did not apply is a mistake someone can fix: shown before the certificates.
    ...report.findings
      .filter((finding) => finding.tagNote)
      .map((finding) => ({
        level: 'warning' as const,
        title: `Snooze not applied: ${finding.domain || finding.id}`,
        message: `${finding.domain || finding.id} (${where(finding)}): ${finding.tagNote ?? ''}; it stays flagged. ${finding.arn}`
      })),
    ...report.findings.filter((finding) => !isError(finding)).map((finding) => findingAnnotation(finding, report.now))
  ]
  const capped = [...errors.slice(0, cap), ...warnings.slice(0, cap)]
  const hidden = Math.max(0, errors.length - cap) + Math.max(0, warnings.length - cap)
  if (hidden > 0) {
    capped.push({
      level: 'notice',
      title: 'More certificates',
      message: `${count(hidden, 'more annotation')} not shown: see the job summary for every certificate.`
    })
  }
  return capped
}

const isError = (finding: Finding) => finding.state === 'expired' || finding.critical

function findingAnnotation(finding: Finding, now: Date): Annotation {
  const name = finding.domain || finding.id
  const expired = finding.state === 'expired'
  const ago = timeFromNow(finding.notAfter, now)
  return {
    level: isError(finding) ? 'error' : 'warning',
    title: expired
      ? `Expired ${ago}: ${name}`
      : `${finding.critical ? 'Critical: expires' : 'Expires'} in ${count(finding.daysLeft, 'day')}: ${name}`,
    message: `${name} (${where(finding)}) ${expired ? 'expired' : 'expires'} on ${utcDate(finding.notAfter)}${expired ? ` (${ago})` : ''}. ${finding.action}: ${finding.nextStep} ${finding.arn}`
  }
}

/** "eu-west-1, account prod (111122223333)": the region, and the account by name where Organizations named it. */
function where(finding: Finding): string {
  if (!finding.account) return finding.region
  return `${finding.region}, account ${certificateAccount(finding)}`
}
