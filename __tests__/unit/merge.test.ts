import { describe, expect, it } from '@jest/globals'
import { mergeReports, settingsDifference } from '../../src/classify/merge.js'
import { buildReport } from '../../src/classify/report.js'
import { findingJson } from '../../src/render/outputs.js'
import { reportDocument } from '../../src/render/report-file.js'
import type { ReportContext } from '../../src/types.js'
import { schemaErrors } from '../helpers/report-schema.js'
import { measure, toFinding } from '../../src/classify/finding.js'
import { auditResult, daysFromNow, failure, finding, ignored, NOW, record, scan } from './fixtures.js'

const LOAD_BALANCER = 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/0123456789abcdef'

/** A flagged certificate as a scan derives it: in use by a load balancer, ACM renewing it. */
function scanned(account: string, domain: string, notAfter: Date, criticalDays = 7) {
  const certificate = record({ account, domain, notAfter })
  return toFinding(
    certificate,
    { renewal: { status: 'PENDING_AUTO_RENEWAL', reason: undefined }, inUseBy: [LOAD_BALANCER] },
    undefined,
    NOW,
    measure(certificate, { days: 30, criticalDays, now: NOW })
  )
}

const context = (shard: { index: number; count: number } | null, days = 30, criticalDays = 7): ReportContext => ({
  actionVersion: '0.1.0',
  settings: {
    days,
    criticalDays,
    lifetimePercent: null,
    statuses: ['EXPIRED', 'ISSUED'],
    keyTypes: ['RSA_2048'],
    ignore: [],
    ignoreTag: null
  },
  scope: { regions: ['us-east-1', 'eu-west-1'], roles: [], organization: null, shard }
})

/** A shard's report file, as the action writes it. */
function shardReport(account: string, index: number, count: number, days = 30): string {
  const report = buildReport(
    auditResult({
      days,
      regions: [
        scan({
          account,
          region: 'us-east-1',
          scanned: 2,
          findings: [scanned(account, `${account}.example.com`, daysFromNow(3 + index))],
          ignored: [ignored({ account })]
        }),
        scan({ account, region: 'eu-west-1', failure: failure({ account, region: 'eu-west-1' }) })
      ],
      accountNames: { [account]: `team-${index}` },
      context: context({ index, count }, days)
    })
  )
  return JSON.stringify(reportDocument(report))
}

describe('mergeReports', () => {
  it('gives back what the reports held, accounts sorted, each with its name', () => {
    const first = shardReport('111111111111', 1, 2)
    const merged = buildReport(
      mergeReports(
        [
          { name: 'b.json', text: shardReport('222222222222', 2, 2) },
          { name: 'a.json', text: first }
        ],
        2,
        NOW
      )
    )
    expect(merged.complete).toBe(false)
    expect(merged.findings.map((f) => [f.account, f.accountName])).toEqual([
      ['111111111111', 'team-1'],
      ['222222222222', 'team-2']
    ])
    expect(merged.regions.map((r) => `${r.account}:${r.region}`)).toEqual([
      '111111111111:us-east-1',
      '111111111111:eu-west-1',
      '222222222222:us-east-1',
      '222222222222:eu-west-1'
    ])
    expect(merged.failures.map((f) => `${f.account}:${f.region}`)).toEqual(['111111111111:eu-west-1', '222222222222:eu-west-1'])
    expect(merged.scanned).toBe(4)
    expect(merged.ignored).toHaveLength(2)
    expect(merged.context?.merged).toEqual({ reports: 2, expected: 2 })
    // A finding survives the round trip whole.
    const written = (JSON.parse(first) as { findings: unknown[] }).findings[0]
    expect(merged.findings.map(findingJson)[0]).toEqual(written)
  })

  it('keeps the facts of each kind of certificate, and derives the days each finding was measured against', () => {
    const report = buildReport(
      auditResult({
        regions: [
          scan({
            account: '111111111111',
            region: 'us-east-1',
            findings: [
              finding({
                account: '111111111111',
                keyPairOrigin: 'ACME',
                managedBy: 'CLOUDFRONT',
                exportOption: 'ENABLED',
                exported: true,
                notBefore: daysFromNow(-37),
                thresholdDays: 15.51,
                validationMethods: ['EMAIL'],
                acmeEndpointArn: 'arn:aws:acm:us-east-1:111111111111:acme-endpoint/e1',
                action: 'renew-acme'
              })
            ]
          })
        ],
        context: context(null)
      })
    )
    const text = JSON.stringify(reportDocument(report))
    const [merged] = mergeReports([{ name: 'a.json', text }], 1, NOW).regions[0]?.findings ?? []
    expect(merged).toMatchObject({
      keyPairOrigin: 'ACME',
      managedBy: 'CLOUDFRONT',
      exportOption: 'ENABLED',
      exported: true,
      notBefore: daysFromNow(-37),
      // Derived, as a single run derives it (no lifetime-percent: the days), never copied.
      thresholdDays: 30,
      validationMethods: ['EMAIL'],
      acmeEndpointArn: 'arn:aws:acm:us-east-1:111111111111:acme-endpoint/e1'
    })
    // A report without these facts: absent stays absent (not an unknown origin), and thresholdDays is its days.
    const bare = JSON.parse(text) as { findings: Array<Record<string, unknown>> }
    for (const key of ['keyPairOrigin', 'managedBy', 'exportOption', 'notBefore', 'thresholdDays']) delete bare.findings[0]?.[key]
    const [old] = mergeReports([{ name: 'a.json', text: JSON.stringify(bare) }], 1, NOW).regions[0]?.findings ?? []
    expect(old?.keyPairOrigin).toBeUndefined()
    expect(old?.managedBy).toBeUndefined()
    expect(old?.thresholdDays).toBe(30)
  })

  it('derives what a person is told from the facts, never from the words of the file, with critical-days carried', () => {
    const document = JSON.parse(shardReport('111111111111', 1, 1)) as { findings: Array<Record<string, unknown>> }
    const written = { ...document.findings[0] }
    document.findings[0] = {
      ...document.findings[0],
      command: 'curl https://example.com/x | sh',
      action: 'delete-unused',
      explanation: 'Nothing uses it.',
      nextStep: 'Run the command.',
      critical: false,
      state: 'expired',
      daysLeft: 99
    }
    const merged = buildReport(mergeReports([{ name: 'a.json', text: JSON.stringify(document) }], 1, NOW))
    expect(merged.findings.map(findingJson)[0]).toEqual(written)
    // Critical (4 days, critical-days 7) and still pending: fix-renewal, exactly as a single run says.
    expect(merged.findings[0]).toMatchObject({ action: 'fix-renewal', critical: true, daysLeft: 4 })
    expect(merged.criticalDays).toBe(7)
    expect(merged.findings[0]?.command ?? '').not.toContain('curl')
  })

  it('derives each finding as of the time its report was made', () => {
    const document = JSON.parse(shardReport('111111111111', 1, 1)) as Record<string, unknown>
    document.generatedAt = daysFromNow(-2).toISOString()
    const merged = buildReport(mergeReports([{ name: 'a.json', text: JSON.stringify(document) }], 1, NOW))
    expect(merged.findings[0]?.daysLeft).toBe(6)
  })

  it('carries an enum value it does not know as it is (a new status or key algorithm never breaks a merge)', () => {
    const document = JSON.parse(shardReport('111111111111', 1, 1)) as { findings: Array<Record<string, unknown>> }
    document.findings[0] = {
      ...document.findings[0],
      status: 'QUANTUM_SAFE',
      keyAlgorithm: 'ML_DSA_65',
      renewalStatus: 'NEW_STATE'
    }
    const merged = mergeReports([{ name: 'a.json', text: JSON.stringify(document) }], 1, NOW)
    expect(merged.regions[0]?.findings[0]).toMatchObject({
      acmStatus: 'QUANTUM_SAFE',
      keyAlgorithm: 'ML_DSA_65',
      renewalStatus: 'NEW_STATE'
    })
  })

  it.each([
    ['arn', 'arn:aws:acm:us-east-1:111111111111:certificate/x; rm -rf /', 'is not an ACM certificate ARN'],
    ['arn', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc', 'is not in account 111111111111 and region us-east-1'],
    ['notAfter', '2026-02-30', 'is not an ISO 8601 UTC date'],
    ['inUse', 'yes', 'is not true or false'],
    ['inUseBy', [{ arn: "arn:aws:elasticloadbalancing:x' && curl" }], 'is not a list of resource ARNs'],
    ['unread', ['everything'], 'is not a list of renewal status, resources, tags'],
    ['replacement', { arn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc', notAfter: 'soon' }, 'replacement']
  ])('refuses a report whose %s is malformed, by name', (key, value, why) => {
    const document = JSON.parse(shardReport('111111111111', 1, 1)) as { findings: Array<Record<string, unknown>> }
    document.findings[0] = { ...document.findings[0], [key]: value }
    const merged = mergeReports([{ name: 'bad.json', text: JSON.stringify(document) }], undefined, NOW)
    expect(merged.regions).toEqual([])
    expect(merged.setupFailures[0]?.message).toMatch(/^Report bad\.json was not merged: /u)
    expect(merged.setupFailures[0]?.message).toContain(why)
  })

  it('refuses a report whose places are not an account id and a region name', () => {
    const document = JSON.parse(shardReport('111111111111', 1, 1)) as { regions: Array<Record<string, unknown>> }
    document.regions[1] = { ...document.regions[1], region: 'eu-west-1; rm -rf /' }
    const merged = mergeReports([{ name: 'bad.json', text: JSON.stringify(document) }], undefined, NOW)
    expect(merged.setupFailures[0]?.message).toContain('a region entry names a region that is not a region name')
  })

  it('refuses a region count that is not a number', () => {
    const document = JSON.parse(shardReport('111111111111', 1, 1)) as { regions: Array<Record<string, unknown>> }
    document.regions[0] = { ...document.regions[0], scanned: '2' }
    const merged = mergeReports([{ name: 'bad.json', text: JSON.stringify(document) }], undefined, NOW)
    expect(merged.setupFailures[0]?.message).toContain('the scanned of region "us-east-1" is not a number')
  })

  it("takes only its own run's reports, and the latest attempt of each shard", () => {
    const inRun = (text: string, id: string, attempt: number) =>
      JSON.stringify({ ...(JSON.parse(text) as object), run: { id, attempt } })
    const result = mergeReports(
      [
        { name: 'old.json', text: inRun(shardReport('111111111111', 1, 2), '1000', 1) },
        { name: 'first-try.json', text: inRun(shardReport('333333333333', 2, 2), '4242', 1) },
        { name: 'retry.json', text: inRun(shardReport('222222222222', 2, 2), '4242', 2) },
        { name: 'shard-1.json', text: inRun(shardReport('111111111111', 1, 2), '4242', 1) }
      ],
      undefined,
      NOW,
      { runId: '4242' }
    )
    expect(result.setupFailures.filter((f) => f.code?.startsWith('Report')).map((f) => f.message)).toEqual([
      "Report old.json was not merged: it was made by workflow run 1000, not by this run (4242): a merge takes only the reports of its own run, so that an old report can never stand in for today's."
    ])
    expect([...new Set(result.regions.map((r) => r.account))]).toEqual(['111111111111', '222222222222'])
  })

  it('refuses a report that reads a place another report read', () => {
    const result = mergeReports(
      [
        { name: 'a.json', text: shardReport('111111111111', 1, 2) },
        { name: 'b.json', text: shardReport('111111111111', 2, 2) }
      ],
      undefined,
      NOW
    )
    expect(result.setupFailures[0]?.message).toBe(
      'Report b.json was not merged: it read us-east-1 of account 111111111111 again (also a.json): every place is counted once.'
    )
    expect(buildReport(result).scanned).toBe(2)
  })

  it('refuses a repeated shard and counts what is missing', () => {
    const result = mergeReports(
      [
        { name: 'a.json', text: shardReport('111111111111', 1, 3) },
        { name: 'b.json', text: shardReport('222222222222', 1, 3) },
        { name: 'c.json', error: 'EACCES: permission denied' }
      ],
      3,
      NOW
    )
    expect(result.setupFailures.map((f) => f.message)).toEqual([
      'Report b.json was not merged: it is shard 1/3 again (also a.json).',
      'Report c.json was not merged: it could not be read (EACCES: permission denied).',
      'The merge expected 3 reports and merged 1: missing shard 2/3, shard 3/3. Accounts of a missing report were not audited; check that every shard job uploaded its report.'
    ])
  })

  it('is never clear when the reports merged read nothing', () => {
    const empty = JSON.stringify(
      reportDocument(buildReport(auditResult({ regions: [], context: context({ index: 1, count: 1 }) })))
    )
    const report = buildReport(mergeReports([{ name: 'empty.json', text: empty }], undefined, NOW))
    expect(report.complete).toBe(false)
    expect(report.failures.map((f) => f.message)).toEqual([
      'The report merged read no account and region, so the merge cannot say that nothing expires: check the accounts, exclude-accounts and regions inputs.'
    ])
  })

  it('says once what every shard said of the whole organization (an account id it does not hold)', () => {
    const notFound = failure({
      account: '999999999999',
      region: '*',
      code: 'AccountNotFoundException',
      message: 'Account 999999999999 is not in the organization.'
    })
    const withSetupFailure = (account: string, index: number) => {
      const document = JSON.parse(shardReport(account, index, 2)) as { failures: unknown[] }
      document.failures.push({
        account: notFound.account,
        region: notFound.region,
        code: notFound.code,
        message: notFound.message
      })
      return JSON.stringify(document)
    }
    const result = mergeReports(
      [
        { name: 'a.json', text: withSetupFailure('111111111111', 1) },
        { name: 'b.json', text: withSetupFailure('222222222222', 2) }
      ],
      2,
      NOW
    )
    expect(result.setupFailures.filter((f) => f.account === '999999999999')).toHaveLength(1)
  })

  it('is incomplete when nothing is found', () => {
    const report = buildReport(mergeReports([], undefined, NOW))
    expect(report.complete).toBe(false)
    expect(report.failures[0]?.message).toContain('No report file was found to merge')
  })
})

describe('settingsDifference', () => {
  it('names the first setting that differs; the shard index may differ, the count not', () => {
    expect(settingsDifference(context({ index: 1, count: 2 }), context({ index: 2, count: 2 }))).toBeUndefined()
    expect(settingsDifference(context(null), context(null, 45))).toBe('days 30 against 45')
    expect(settingsDifference(context(null), context(null, 30, 3))).toBe('critical-days 7 against 3')
    expect(settingsDifference(context({ index: 1, count: 2 }), context({ index: 1, count: 3 }))).toBe('shard count 2 against 3')
    const shorter = context(null)
    shorter.settings.lifetimePercent = 33
    expect(settingsDifference(context(null), shorter)).toBe('lifetime-percent null against 33')
    expect(settingsDifference(shorter, { ...shorter, settings: { ...shorter.settings } })).toBeUndefined()
    // A report written before lifetime-percent existed is one without it.
    const { lifetimePercent, ...withoutIt } = context(null).settings
    const older = { ...context(null), settings: withoutIt } as ReportContext
    expect(lifetimePercent).toBeNull()
    expect(settingsDifference(older, context(null))).toBeUndefined()
    const other = context(null)
    other.settings.ignoreTag = { key: 'snooze' }
    expect(settingsDifference(context(null), other)).toBe('ignore-tag null against {"key":"snooze"}')
  })
})

describe('schema/report.schema.json', () => {
  it('accepts what reportDocument writes and refuses a document without its format version', () => {
    const document = JSON.parse(shardReport('111111111111', 1, 1)) as Record<string, unknown>
    expect(schemaErrors(document)).toEqual([])
    delete document.formatVersion
    expect(schemaErrors(document)).toContain("/ must have required property 'formatVersion'")
  })
})
