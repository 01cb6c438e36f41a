import { describe, expect, it } from '@jest/globals'
import { mergeReports, settingsDifference } from '../../src/classify/merge.js'
import { buildReport } from '../../src/classify/report.js'
import { findingJson } from '../../src/render/outputs.js'
import { reportDocument } from '../../src/render/report-file.js'
import type { ReportContext } from '../../src/types.js'
import { schemaErrors } from '../helpers/report-schema.js'
import { auditResult, daysFromNow, failure, finding, ignored, NOW, scan } from './fixtures.js'

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
          findings: [finding({ account, domain: `${account}.example.com`, notAfter: daysFromNow(3 + index) })],
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

  it('keeps the facts of each kind of certificate and the days each finding was measured against', () => {
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
      thresholdDays: 15.51,
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

  it('keeps keys it does not know on findings (another version may add them)', () => {
    const document = JSON.parse(shardReport('111111111111', 1, 1)) as { findings: Array<Record<string, unknown>> }
    document.findings[0] = { ...document.findings[0], inUseBy: ['arn:aws:elasticloadbalancing:x'] }
    expect(schemaErrors(document)).toEqual([])
    const merged = mergeReports([{ name: 'a.json', text: JSON.stringify(document) }], 1, NOW)
    expect(merged.regions[0]?.findings[0]).toMatchObject({ inUseBy: ['arn:aws:elasticloadbalancing:x'] })
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
