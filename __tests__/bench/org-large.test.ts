import { describe, expect, it } from '@jest/globals'
import { callDifferences, expectedOrgCalls, type OrgLargeResult, orgLargeChecks } from '../../scripts/bench/org-large.js'
import type { OrgRun } from '../../scripts/bench/organization.js'
import { emptyRegion } from '../../scripts/bench/scenarios.js'

const holding = { ...emptyRegion('100000000001', 'us-east-1'), certificates: 100, flagged: 1, flaggedManaged: 0 }
const regions = [holding, ...Array.from({ length: 99 }, (_, i) => emptyRegion(String(100000000100 + i), 'eu-west-1'))]

const run = (wallMs: number, calls: Record<string, number>, extra: Partial<OrgRun> = {}): OrgRun => ({
  wallMs,
  maxRssKb: 100_000,
  calls,
  throttled: 0,
  connections: 10,
  problems: [],
  ...extra
})

describe('org-large', () => {
  it('needs every page of the organization, one AssumeRole per account, a page per account-region and a look-up per flagged certificate', () => {
    expect(expectedOrgCalls(5_000, regions, 100)).toEqual({
      GetCallerIdentity: 1,
      ListAccounts: 250,
      AssumeRole: 100,
      ListCertificates: 100,
      DescribeCertificate: 1
    })
  })

  it('names each operation whose count differs, made/expected', () => {
    expect(
      callDifferences({ ListCertificates: 101, AssumeRole: 5 }, { ListCertificates: 100, AssumeRole: 5, ListAccounts: 2 })
    ).toEqual(['ListAccounts 0/2', 'ListCertificates 101/100'])
  })

  it('judges the matrix by its slowest shard plus the merge, and the shards by their calls together', () => {
    const expected = expectedOrgCalls(40, regions, 100)
    const half = { ...expected, GetCallerIdentity: 1, AssumeRole: 50, ListCertificates: 50, DescribeCertificate: 0 }
    const result: OrgLargeResult = {
      accounts: 100,
      shards: [run(70_000, half), run(90_000, { ...half, DescribeCertificate: 1 })],
      merge: run(2_000, {}),
      single: run(100_500, expected),
      floorMs: 80_000,
      shardFloorMs: 60_000,
      expected
    }
    const checks = orgLargeChecks(result, 500)
    expect(checks.map((check) => [check.measured, check.ok])).toEqual([
      ['92.0 s (90.0 s + 2.00 s)', true],
      ['0', true],
      ['yes', true],
      ['1.25× (100.0 s vs 80.0 s)', true],
      ['yes', true]
    ])
    const slow = orgLargeChecks(
      { ...result, shards: [run(130_000, { ...half, ListCertificates: 51 }, { throttled: 2 }), result.shards[1] as OrgRun] },
      500
    )
    expect(slow.map((check) => [check.measured, check.ok])).toEqual([
      ['132.0 s (130.0 s + 2.00 s)', false],
      ['2', false],
      ['ListCertificates 101/100', false],
      ['1.25× (100.0 s vs 80.0 s)', true],
      ['yes', true]
    ])
  })
})
