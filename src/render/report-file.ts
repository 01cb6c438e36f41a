import type { AuditReport } from '../classify/report.js'
import { findingJson } from './outputs.js'

/** The complete report: everything the outputs hold, plus ignored certificates and every failure. */
export function reportDocument(report: AuditReport) {
  return {
    generatedAt: report.now.toISOString(),
    days: report.days,
    criticalDays: report.criticalDays,
    failOnUnused: report.failOnUnused,
    complete: report.complete,
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
    regions: report.regions.map((scan) => ({
      account: scan.account ?? null,
      region: scan.region,
      complete: !scan.failure,
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
      region: certificate.region,
      arn: certificate.arn,
      domain: certificate.domain,
      type: certificate.type,
      status: certificate.state,
      notAfter: certificate.notAfter.toISOString(),
      daysLeft: certificate.daysLeft,
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
