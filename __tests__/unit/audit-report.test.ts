import { describe, expect, it } from '@jest/globals'
import { buildReport, byUrgency, describeLocation, failureLocation, regionNames } from '../../src/classify/report.js'
import { auditResult, daysFromNow, failure, finding, ignored, NOW, report, scan } from './fixtures.js'

describe('byUrgency', () => {
  it('orders by NotAfter first', () => {
    const soon = finding({ notAfter: daysFromNow(1), account: '999', region: 'us-west-2', domain: 'z.example.com' })
    const later = finding({ notAfter: daysFromNow(2), account: '111', region: 'af-south-1', domain: 'a.example.com' })
    expect(byUrgency(soon, later)).toBeLessThan(0)
    expect(byUrgency(later, soon)).toBeGreaterThan(0)
  })

  it('breaks ties by account, region, domain, then ARN', () => {
    const notAfter = daysFromNow(5)
    const base = { notAfter, account: '111', region: 'eu-west-1', domain: 'b.example.com', arn: 'arn:b' }
    expect(byUrgency(finding({ ...base, account: '110' }), finding(base))).toBeLessThan(0)
    expect(byUrgency(finding({ ...base, region: 'eu-north-1' }), finding(base))).toBeLessThan(0)
    expect(byUrgency(finding({ ...base, domain: 'a.example.com' }), finding(base))).toBeLessThan(0)
    expect(byUrgency(finding({ ...base, arn: 'arn:a' }), finding(base))).toBeLessThan(0)
    expect(byUrgency(finding(base), finding(base))).toBe(0)
  })
})

describe('buildReport', () => {
  it('gathers findings from every region, soonest NotAfter first', () => {
    const a = finding({ domain: 'a', notAfter: daysFromNow(20), region: 'us-east-1' })
    const b = finding({ domain: 'b', notAfter: daysFromNow(-3), state: 'expired', region: 'eu-west-1' })
    const c = finding({ domain: 'c', notAfter: daysFromNow(5), region: 'us-east-1' })
    const d = finding({ domain: 'd', notAfter: new Date(daysFromNow(5).getTime() - 1), region: 'eu-west-1' })
    const result = buildReport(
      auditResult({
        regions: [scan({ region: 'us-east-1', findings: [a, c] }), scan({ region: 'eu-west-1', findings: [b, d] })]
      })
    )
    expect(result.findings.map((item) => item.domain)).toEqual(['b', 'd', 'c', 'a'])
  })

  it('sorts ignored certificates the same way', () => {
    const x = ignored({ domain: 'x', notAfter: daysFromNow(9) })
    const y = ignored({ domain: 'y', notAfter: daysFromNow(1) })
    const z = ignored({ domain: 'z', notAfter: daysFromNow(4) })
    const result = buildReport(auditResult({ regions: [scan({ ignored: [x] }), scan({ region: 'eu-west-1', ignored: [y, z] })] }))
    expect(result.ignored.map((item) => item.domain)).toEqual(['y', 'z', 'x'])
  })

  it('does not reorder the scans it was given', () => {
    const first = scan({ region: 'us-west-2' })
    const second = scan({ region: 'ap-south-1' })
    const result = buildReport(auditResult({ regions: [first, second] }))
    expect(result.regions).toEqual([first, second])
  })

  it('counts scanned, expiring and expired', () => {
    const result = buildReport(
      auditResult({
        regions: [
          scan({
            scanned: 120,
            findings: [finding({ state: 'expired' }), finding({ state: 'expiring' }), finding({ state: 'expiring' })],
            ignored: [ignored({ state: 'expired' })]
          }),
          scan({ region: 'eu-west-1', scanned: 35, findings: [finding({ state: 'expired' })] })
        ]
      })
    )
    expect(result.scanned).toBe(155)
    expect(result.expiring).toBe(2)
    expect(result.expired).toBe(2)
    expect(result.findings).toHaveLength(4)
    expect(result.ignored).toHaveLength(1)
  })

  it('copies now and days', () => {
    const now = new Date('2030-05-05T05:05:05.005Z')
    const result = buildReport(auditResult({ now, days: 7 }))
    expect(result.now).toBe(now)
    expect(result.days).toBe(7)
  })

  it('is empty and complete for an audit of nothing', () => {
    expect(buildReport(auditResult())).toEqual({
      now: NOW,
      days: 30,
      findings: [],
      ignored: [],
      failures: [],
      regions: [],
      scanned: 0,
      expiring: 0,
      expired: 0,
      criticalDays: 0,
      critical: 0,
      unused: 0,
      failOnUnused: true,
      accounts: [],
      complete: true,
      accountNames: {}
    })
  })

  it('names each certificate by its account, when the organization gave names', () => {
    const result = buildReport(
      auditResult({
        regions: [scan({ findings: [finding({ domain: 'a.example.com' })], ignored: [ignored({ domain: 'b.example.com' })] })],
        accountNames: { '111122223333': 'prod-payments' }
      })
    )
    expect(result.findings.map((f) => f.accountName)).toEqual(['prod-payments'])
    expect(result.ignored.map((c) => c.accountName)).toEqual(['prod-payments'])
    expect(result.accountNames).toEqual({ '111122223333': 'prod-payments' })
  })

  it('lists setup failures before region failures, in region order', () => {
    const setup = failure({ region: 'us-east-1', message: 'no credentials' })
    const regionA = failure({ region: 'eu-west-1', message: 'throttled' })
    const regionB = failure({ region: 'ap-south-1', message: 'denied' })
    const result = buildReport(
      auditResult({
        setupFailures: [setup],
        regions: [
          scan({ region: 'eu-west-1', failure: regionA }),
          scan({ region: 'us-east-2' }),
          scan({ region: 'ap-south-1', failure: regionB })
        ]
      })
    )
    expect(result.failures).toEqual([setup, regionA, regionB])
    expect(result.complete).toBe(false)
  })

  it('is incomplete with only a setup failure', () => {
    expect(buildReport(auditResult({ setupFailures: [failure()] })).complete).toBe(false)
  })

  it('is incomplete with only a region failure, even one with findings kept', () => {
    const result = buildReport(
      auditResult({ regions: [scan({ findings: [finding()], failure: failure({ region: 'us-east-1' }) })] })
    )
    expect(result.complete).toBe(false)
    expect(result.findings).toHaveLength(1)
  })

  it('is complete when every region was read', () => {
    expect(buildReport(auditResult({ regions: [scan(), scan({ region: 'eu-west-1' })] })).complete).toBe(true)
  })

  it('collects accounts from scans, failures and certificate ARNs, sorted and without repeats', () => {
    const result = buildReport(
      auditResult({
        setupFailures: [failure({ account: '555555555555' })],
        regions: [
          scan({ account: '333333333333', findings: [finding({ account: '444444444444' })] }),
          scan({ account: undefined, ignored: [ignored({ account: '222222222222' })] }),
          scan({ account: '333333333333', region: 'eu-west-1', failure: failure({ account: '111111111111' }) })
        ]
      })
    )
    expect(result.accounts).toEqual(['111111111111', '222222222222', '333333333333', '444444444444', '555555555555'])
  })

  it('skips unknown and empty accounts', () => {
    const result = buildReport(
      auditResult({
        setupFailures: [failure({ account: undefined })],
        regions: [scan({ account: undefined, findings: [finding({ account: '' })] })]
      })
    )
    expect(result.accounts).toEqual([])
  })
})

describe('regionNames', () => {
  it('lists scanned regions sorted, without repeats', () => {
    const result = report({
      regions: [
        scan({ region: 'us-west-2' }),
        scan({ region: 'eu-west-1', account: '2' }),
        scan({ region: 'us-west-2', account: '2' })
      ]
    })
    expect(regionNames(result)).toEqual(['eu-west-1', 'us-west-2'])
  })
})

describe('failureLocation', () => {
  it('is the region alone for a single-account audit', () => {
    expect(failureLocation(failure({ account: '111122223333', region: 'eu-west-1' }), false)).toBe('eu-west-1')
  })

  it('is ACCOUNT:REGION for a multi-account audit', () => {
    expect(failureLocation(failure({ account: '111122223333', region: 'eu-west-1' }), true)).toBe('111122223333:eu-west-1')
  })

  it('keeps * for an account-wide failure', () => {
    expect(failureLocation(failure({ account: '111122223333', region: '*' }), true)).toBe('111122223333:*')
    expect(failureLocation(failure({ account: '111122223333', region: '*' }), false)).toBe('*')
  })

  it('is the region alone when the account is unknown, even for several accounts', () => {
    expect(failureLocation(failure({ account: undefined, region: 'eu-west-1' }), true)).toBe('eu-west-1')
  })
})

describe('describeLocation', () => {
  it('is the region alone without an account', () => {
    expect(describeLocation(failure({ account: undefined, region: 'eu-west-1' }))).toBe('eu-west-1')
  })

  it('names the account when known', () => {
    expect(describeLocation(failure({ account: '111122223333', region: 'eu-west-1' }))).toBe('eu-west-1 of account 111122223333')
  })

  it('says all regions for an account-wide failure', () => {
    expect(describeLocation(failure({ account: '111122223333', region: '*' }))).toBe('all regions of account 111122223333')
    expect(describeLocation(failure({ account: undefined, region: '*' }))).toBe('all regions')
  })

  it('treats an empty account as unknown', () => {
    expect(describeLocation(failure({ account: '', region: 'eu-west-1' }))).toBe('eu-west-1')
  })
})
