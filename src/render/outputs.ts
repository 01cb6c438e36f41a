import { type AuditReport, failureLocation } from '../classify/report.js'
import { Budget, utf8Bytes } from '../shared/budget.js'
import { describeResource } from '../classify/resources.js'
import { urgencyOf } from '../classify/urgency.js'
import type { Finding } from '../types.js'

/** GitHub caps one output at 1 MB: the findings output keeps the most urgent ones that fit. */
export const FINDINGS_OUTPUT_BYTE_BUDGET = 900 * 1024

/** A finding as the `findings` output and the report file describe it. */
export function findingJson(finding: Finding) {
  return {
    account: finding.account,
    accountName: finding.accountName ?? null,
    region: finding.region,
    arn: finding.arn,
    domain: finding.domain,
    subjectAlternativeNames: finding.subjectAlternativeNames,
    type: finding.type,
    status: finding.acmStatus,
    state: finding.state,
    keyAlgorithm: finding.keyAlgorithm,
    /** CertificateKeyPairOrigin, ManagedBy and ExportOption as ListCertificates gave them; null when absent. */
    keyPairOrigin: finding.keyPairOrigin ?? null,
    managedBy: finding.managedBy ?? null,
    exportOption: finding.exportOption ?? null,
    exported: finding.exported === true,
    notBefore: finding.notBefore?.toISOString() ?? null,
    notAfter: finding.notAfter.toISOString(),
    daysLeft: finding.daysLeft,
    /** The days it was measured against: days, or less under lifetime-percent. */
    thresholdDays: finding.thresholdDays,
    inUse: finding.inUse ?? null,
    /** Resources using it (DescribeCertificate's InUseBy); null when it could not be read. */
    inUseBy: finding.inUseBy?.map(describeResource) ?? null,
    renewalEligibility: finding.renewalEligibility ?? null,
    renewalStatus: finding.renewalStatus ?? null,
    renewalReason: finding.renewalReason ?? null,
    /** DescribeCertificate's validation methods (EMAIL, DNS, HTTP); null when not read. */
    validationMethods: finding.validationMethods ?? null,
    acmeEndpointArn: finding.acmeEndpointArn ?? null,
    action: finding.action,
    explanation: finding.explanation,
    nextStep: finding.nextStep,
    command: finding.command ?? null,
    critical: finding.critical,
    /** The tier a person reads it in: broken (expired and in use), soon (will break), cleanup (nothing uses it). */
    urgency: urgencyOf(finding),
    replacement: finding.replacement
      ? { arn: finding.replacement.arn, notAfter: finding.replacement.notAfter.toISOString() }
      : null,
    unread: finding.unread ?? [],
    tagNote: finding.tagNote ?? null
  }
}

/** The JSON array for the `findings` output, cut to the budget; `included` says how many made it. */
export function findingsOutput(findings: readonly Finding[], budget = FINDINGS_OUTPUT_BYTE_BUDGET) {
  const items = findings.map((finding) => JSON.stringify(findingJson(finding)))
  // The brackets and the commas between items: a comma per item, one fewer than charged in all.
  const { kept } = new Budget(budget - 2 + 1).fit(items, (item) => utf8Bytes(item) + 1, { prefix: true })
  return { json: `[${kept.join(',')}]`, included: kept.length }
}

/** Every output of the action, by name. */
export function buildOutputs(report: AuditReport, reportFile: string, findingsJson: string): Record<string, string> {
  const multiAccount = report.accounts.length > 1
  return {
    'scanned-count': String(report.scanned),
    'expiring-count': String(report.expiring),
    'expired-count': String(report.expired),
    'critical-count': String(report.critical),
    'unused-count': String(report.unused),
    'ignored-count': String(report.ignored.length),
    findings: findingsJson,
    'report-file': reportFile,
    'failed-regions': report.failures.map((failure) => failureLocation(failure, multiAccount)).join(','),
    complete: String(report.complete)
  }
}

/**
 * The outputs of a run that stopped before it could audit (bad inputs, no id-token permission, an
 * unexpected error): nothing counted, and `*` in failed-regions, so that no later step reads an empty
 * list as "everything was read".
 */
export function stoppedRunOutputs(): Record<string, string> {
  return {
    'scanned-count': '0',
    'expiring-count': '0',
    'expired-count': '0',
    'critical-count': '0',
    'unused-count': '0',
    'ignored-count': '0',
    findings: '[]',
    'report-file': '',
    'failed-regions': '*',
    complete: 'false',
    'issue-number': '',
    'issue-url': ''
  }
}
