import { describe, expect, it } from '@jest/globals'
import { buildReport } from '../../src/classify/report.js'
import { ISSUE_BODY_LIMIT, renderIssueBody } from '../../src/github/issue-body.js'
import { renderSummary } from '../../src/render/summary.js'
import { utf8Bytes } from '../../src/shared/budget.js'
import type { RegionScan } from '../../src/types.js'
import { daysFromNow, failure, finding, NOW, scan, SEVENTEEN_REGIONS } from './fixtures.js'

const REGIONS = SEVENTEEN_REGIONS
const DENIED = 'ap-northeast-3'
const accounts = Array.from({ length: 300 }, (_, i) => String(100_000_000_000 + i))

/** 300 accounts × 17 regions; one region denied in every account; one certificate flagged per account. */
function largeAudit() {
  const regions: RegionScan[] = []
  for (const [a, account] of accounts.entries()) {
    for (const region of REGIONS) {
      if (region === DENIED) {
        const denied = failure({
          account,
          region,
          code: 'AccessDeniedException',
          message: `Access denied to acm:ListCertificates in ${region} (account ${account}): allow acm:ListCertificates in the IAM policy of the role the workflow uses (see the README's permissions policy). AWS said: User: arn:aws:sts::${account}:assumed-role/acm-audit/acm-expiry-audit is not authorized to perform: acm:ListCertificates with an explicit deny in a service control policy`
        })
        regions.push(scan({ account, region, pages: 0, failure: denied }))
        continue
      }
      const findings =
        region === REGIONS[a % REGIONS.length] && region !== DENIED
          ? [finding({ account, region, domain: `site-${a}.example.com`, notAfter: daysFromNow((a % 30) + 0.5) })]
          : []
      regions.push(scan({ account, region, listed: true, scanned: 40, findings }))
    }
  }
  return buildReport({ now: NOW, days: 30, regions, setupFailures: [] })
}

describe('300 accounts × 17 regions with one region denied everywhere', () => {
  const report = largeAudit()

  it('builds the audit the test means', () => {
    expect(report.regions).toHaveLength(300 * 17)
    expect(report.failures).toHaveLength(300)
    expect(report.accounts).toHaveLength(300)
  })

  it('keeps the job summary under 1 MiB, and says what it left out', () => {
    const summary = renderSummary(report)
    expect(utf8Bytes(summary)).toBeLessThan(1024 * 1024)
    // The regions with findings or failures are listed; the rest are counted.
    const regionRows = summary.split('\n').filter((line) => /^\| `\d{12}` \| `[a-z0-9-]+` \| (✅|❌|⚠️)/u.test(line))
    const quiet = 300 * 17 - 300 - regionRows.filter((line) => line.includes('❌')).length
    expect(regionRows.length).toBeGreaterThan(0)
    expect(regionRows.every((line) => line.includes('❌ failed') || !/\| 0 \| 0 \| \d+ \| [\d.]+ s \|$/u.test(line))).toBe(true)
    expect(summary).toMatch(
      /Only regions with flagged or ignored certificates or failures are listed: [\d,]+ more regions were read completely with nothing flagged/u
    )
    expect(quiet).toBeGreaterThan(0)
    // Every failure is either listed or counted.
    const failureRows = summary.split('\n').filter((line) => line.includes('Access denied to acm\\:ListCertificates'))
    const counted = /([\d,]+) more places? not read (?:is|are) not listed here/u.exec(summary)?.[1]
    expect(failureRows.length + Number((counted ?? '0').replace(/,/gu, ''))).toBe(300)
    // The facts line counts the accounts, and the Accounts section rolls them up.
    expect(summary).toContain('of 300 accounts (see Accounts below)')
    // All 300 findings still fit.
    expect(summary).not.toContain('more flagged certificate')
  })

  it('keeps the issue body under 65,536 characters, and says what it left out', () => {
    const { body } = renderIssueBody(report, {
      title: 'ACM certificates need renewal',
      runUrl: 'https://github.com/octo-org/infrastructure/actions/runs/1',
      previous: []
    })
    expect(body.length).toBeLessThan(ISSUE_BODY_LIMIT)
    expect(body).toMatch(/This run could not read .* and [\d,]+ more places \(see the run's job summary\)/u)
    expect(body).toContain('(300 accounts)')
    expect(body).toMatch(/[\d,]+ more certificates? did not fit in this issue/u)
  })

  it('with a smaller audit, lists every region and every failure', () => {
    const small = buildReport({
      now: NOW,
      days: 30,
      regions: report.regions.filter((item) => item.account === accounts[0]),
      setupFailures: []
    })
    const summary = renderSummary(small)
    expect(summary).not.toContain('Only regions with')
    expect(summary).toContain('<details><summary>Regions (17)</summary>')
    expect(summary.split('\n').filter((line) => line.startsWith('| `ap-northeast-3` | ❌ failed'))).toHaveLength(1)
  })
})
