import type { AuditReport } from '../classify/report.js'
import { findingJson } from './outputs.js'
import { ACTION_NAME, ACTION_VERSION, REPORT_FORMAT_VERSION } from '../shared/report-format.js'

/**
 * The complete report: everything the outputs hold, plus ignored certificates and every failure, with the
 * settings and scope that shaped it. Its format is schema/report.schema.json; merge-reports reads it back.
 */
export function reportDocument(report: AuditReport) {
  const context = report.context
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    action: { name: ACTION_NAME, version: context?.actionVersion ?? ACTION_VERSION },
    generatedAt: report.now.toISOString(),
    days: report.days,
    criticalDays: report.criticalDays,
    failOnUnused: report.failOnUnused,
    complete: report.complete,
    settings: context?.settings ?? null,
    asked: context?.scope ?? null,
    ...(context?.merged ? { merged: context.merged } : {}),
    counts: {
      scanned: report.scanned,
      flagged: report.findings.length,
      expiring: report.expiring,
      expired: report.expired,
      critical: report.critical,
      unused: report.unused,
      ignored: report.ignored.length
    },
    accounts: report.accounts,
    accountNames: report.accountNames,
    regions: report.regions.map((scan) => ({
      account: scan.account ?? null,
      region: scan.region,
      complete: !scan.failure,
      /** Every page of the listing was read (look-ups of flagged certificates may still have failed). */
      listed: scan.listed === true,
      pages: scan.pages,
      scanned: scan.scanned,
      notIssued: scan.notIssued,
      flagged: scan.findings.length,
      ignored: scan.ignored.length,
      durationMs: scan.durationMs
    })),
    findings: report.findings.map(findingJson),
    ignored: report.ignored.map((certificate) => ({
      account: certificate.account,
      accountName: certificate.accountName ?? null,
      region: certificate.region,
      arn: certificate.arn,
      domain: certificate.domain,
      subjectAlternativeNames: certificate.subjectAlternativeNames,
      type: certificate.type,
      status: certificate.acmStatus,
      state: certificate.state,
      keyAlgorithm: certificate.keyAlgorithm,
      notAfter: certificate.notAfter.toISOString(),
      daysLeft: certificate.daysLeft,
      inUse: certificate.inUse ?? null,
      renewalEligibility: certificate.renewalEligibility ?? null,
      reason: certificate.reason
    })),
    failures: report.failures.map((failure) => ({
      account: failure.account ?? null,
      region: failure.region,
      code: failure.code ?? null,
      message: failure.message
    }))
  }
}

/** The report file's text, as the action writes it and the command prints it (--format json). */
export function reportFileText(report: AuditReport): string {
  return `${JSON.stringify(reportDocument(report), null, 2)}\n`
}

export type ReportDocument = ReturnType<typeof reportDocument>
