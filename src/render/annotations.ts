import { type AuditReport, describeLocation } from '../classify/report.js'
import { count, utcDate } from '../shared/format.js'
import type { Finding } from '../types.js'

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title: string
  message: string
}

/** GitHub shows at most 10 warnings and 10 errors per step. */
export const MAX_ANNOTATIONS_PER_LEVEL = 10

/** One error per expired or critical certificate and unreadable region, one warning per other expiring certificate, capped. */
export function planAnnotations(report: AuditReport, cap = MAX_ANNOTATIONS_PER_LEVEL): Annotation[] {
  const errors: Annotation[] = [
    ...report.failures.map((failure) => ({
      level: 'error' as const,
      title: `Not read: ${describeLocation(failure)}`,
      message: failure.message
    })),
    ...report.findings.filter((finding) => isError(finding)).map((finding) => findingAnnotation(finding))
  ]
  const warnings = report.findings.filter((finding) => !isError(finding)).map((finding) => findingAnnotation(finding))
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

function findingAnnotation(finding: Finding): Annotation {
  const name = finding.domain || finding.id
  const expired = finding.state === 'expired'
  return {
    level: isError(finding) ? 'error' : 'warning',
    title: expired
      ? `Expired: ${name}`
      : `${finding.critical ? 'Critical: expires' : 'Expires'} in ${count(finding.daysLeft, 'day')}: ${name}`,
    message: `${name} (${finding.region}${finding.account ? `, account ${finding.account}` : ''}) ${expired ? 'expired' : 'expires'} on ${utcDate(finding.notAfter)}. ${finding.action}: ${finding.nextStep} ${finding.arn}`
  }
}
