/**
 * The summary and the tracking issue at organization size: 500 accounts × 17 regions stay within GitHub's
 * limits (1 MiB of job summary, 65,536 characters of issue body), and each says what it left out.
 */
import { describe, expect, it } from '@jest/globals'
import { buildReport } from '../../src/classify/report.js'
import { renderIssueBody } from '../../src/github/issue-body.js'
import { accountRollups } from '../../src/render/account-rollup.js'
import { renderSummary } from '../../src/render/summary.js'
import { ALL_REGIONS, type RegionScan, type ScanFailure } from '../../src/types.js'
import { auditResult, daysFromNow, finding, scan, SEVENTEEN_REGIONS } from './fixtures.js'

const REGIONS = SEVENTEEN_REGIONS
const MIB = 1024 * 1024

/** 500 accounts × 17 regions; ~1 % of account-regions hold a flagged certificate; some regions and accounts fail. */
function organization(options: { failEverything?: boolean } = {}) {
  const accountNames: Record<string, string> = {}
  const regions: RegionScan[] = []
  const setupFailures: ScanFailure[] = []
  for (let a = 0; a < 500; a += 1) {
    const account = String(100000000000 + a)
    accountNames[account] = `team-${a}-${'workload'.repeat(2)}`
    if (a % 50 === 7) {
      setupFailures.push({
        account,
        region: ALL_REGIONS,
        message: `Could not assume arn:aws:iam::${account}:role/acm-expiry-audit-member: AWS denied sts:AssumeRole.`,
        code: 'AccessDenied'
      })
      continue
    }
    for (const [r, region] of REGIONS.entries()) {
      const flagged = (a * 17 + r) % 97 === 0
      const failed = options.failEverything || (a * 17 + r) % 211 === 0
      regions.push(
        scan({
          account,
          region,
          scanned: flagged ? 3 : 0,
          findings: flagged
            ? [
                finding({
                  account,
                  region,
                  domain: `svc-${a}-${r}.example.com`,
                  notAfter: daysFromNow(5 + (a % 20)),
                  daysLeft: 5 + (a % 20)
                })
              ]
            : [],
          ...(failed
            ? {
                failure: {
                  account,
                  region,
                  message: `Access denied to acm:ListCertificates in ${region} (account ${account}): allow acm:ListCertificates in the IAM policy of the role the workflow uses (see the README's permissions policy). AWS said: User is not authorized.`,
                  code: 'AccessDeniedException'
                }
              }
            : {})
        })
      )
    }
  }
  return buildReport(auditResult({ regions, setupFailures, accountNames }))
}

describe('at organization size (500 accounts × 17 regions)', () => {
  it('rolls up per account: accounts with findings or failures first', () => {
    const rollups = accountRollups(organization())
    expect(rollups).toHaveLength(500)
    const firstQuiet = rollups.findIndex((line) => line.flagged === 0 && line.failed === 0)
    expect(rollups.slice(firstQuiet).every((line) => line.flagged === 0 && line.failed === 0)).toBe(true)
    expect(rollups[0]?.flagged).toBeGreaterThan(0)
    const denied = rollups.find((line) => line.account === '100000000007')
    expect(denied).toMatchObject({
      wholeAccountFailed: true,
      regionsRead: 0,
      failed: 1,
      label: 'team-7-workloadworkload (100000000007)'
    })
  })

  it('keeps the job summary under 1 MiB, names accounts, and counts the rest', () => {
    const report = organization()
    const summary = renderSummary(report)
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThan(MIB)
    expect(summary).toContain('### Accounts (500)')
    expect(summary).toMatch(/\d+ other accounts: every region read, 0 certificates listed, nothing flagged\./u)
    expect(summary).toContain('`team-7-workloadworkload (100000000007)`')
  })

  it('says what it left out when even the failures do not fit', () => {
    const report = organization({ failEverything: true })
    expect(report.failures.length).toBeGreaterThan(8000)
    const summary = renderSummary(report)
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThan(MIB)
    expect(summary).toMatch(/[\d,]+ more places? not read (?:is|are) not listed here/u)
    expect(summary).toMatch(/[\d,]+ more regions? not listed here/u)
  })

  it('keeps the tracking issue under 65,536 characters, saying what it left out', () => {
    for (const [report, leftOut] of [
      [organization(), undefined],
      [organization({ failEverything: true }), /and [\d,]+ more places \(see the run's job summary\)/u]
    ] as const) {
      const { body } = renderIssueBody(report, {
        title: 'ACM certificates need renewal',
        runUrl: 'https://github.com/o/r/actions/runs/1',
        previous: []
      })
      expect(body.length).toBeLessThan(65_536)
      if (leftOut) expect(body).toMatch(leftOut)
      expect(body).toContain(`(${report.accounts.length} accounts)`)
    }
  })
})
