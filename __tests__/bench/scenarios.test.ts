import { describe, expect, it } from '@jest/globals'
import { floorMs } from '../../scripts/bench/floor.js'
import { ACTION_SCENARIOS, regionSeeds, roleArn } from '../../scripts/bench/scenarios.js'
import { expectedTotals, manualExpectedTotals } from '../../scripts/bench/stats.js'
import { QUOTAS } from './fixtures.js'

const NOW = Date.parse('2026-01-01T00:00:00.000Z')
const DAY = 86_400_000

describe('regionSeeds', () => {
  it('flags certificates 37 and 137 of 200: the first IMPORTED and expired, the second AMAZON_ISSUED', () => {
    const { seeds, data } = regionSeeds('111122223333', 'us-east-1', 200, NOW)
    expect(seeds).toHaveLength(200)
    expect(seeds[37]).toMatchObject({ type: 'IMPORTED', keyAlgorithm: 'RSA_2048', notAfter: new Date(NOW - 4.5 * DAY) })
    expect(seeds[137]).toMatchObject({
      type: 'AMAZON_ISSUED',
      keyAlgorithm: 'RSA_2048',
      notAfter: new Date(NOW + 2.5 * DAY),
      renewal: { status: 'PENDING_AUTO_RENEWAL' }
    })
    expect(seeds[3]?.keyAlgorithm).toBe('EC_prime256v1')
    expect(seeds[6]?.keyAlgorithm).toBe('RSA_4096')
    expect(seeds[0]?.domain).toBe('svc-0.us-east-1.a3333.example.com')
    // 198 others, 40 of them EC or RSA 4096: 158 RSA_2048 listed by the manual method, and certificate 137.
    expect(data).toEqual({
      account: '111122223333',
      region: 'us-east-1',
      certificates: 200,
      flagged: 2,
      flaggedManaged: 1,
      manualListed: 159,
      manualFlagged: 1
    })
  })

  it('gives the manual comparison 127 certificates to describe per region of 160', () => {
    const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'].map((name) => regionSeeds('111122223333', name, 160, NOW).data)
    expect(manualExpectedTotals(regions)).toEqual({ ListCertificates: 3, DescribeCertificate: 381, ListTagsForCertificate: 0 })
    // One look-up per flagged certificate, imported or not.
    expect(expectedTotals(regions)).toEqual({ ListCertificates: 3, DescribeCertificate: 6, ListTagsForCertificate: 0 })
  })
})

describe('ACTION_SCENARIOS', () => {
  const totals = (name: string) => {
    const scenario = ACTION_SCENARIOS.find((entry) => entry.name === name)
    if (!scenario) throw new Error(name)
    const { accounts, regions, perRegion } = scenario.layout
    const data = accounts.flatMap((account) => regions.map((region) => regionSeeds(account, region, perRegion, NOW).data))
    return { expected: expectedTotals(data), floor: floorMs(data, 40, QUOTAS) }
  }

  it('wide needs 80 pages and 800 look-ups, floor 4.24 s (200 ms of pages, then 10 at once and 40 at 10/s)', () => {
    expect(totals('wide')).toEqual({
      expected: { ListCertificates: 80, DescribeCertificate: 800, ListTagsForCertificate: 0 },
      floor: 4240
    })
  })

  it('accounts needs 24 pages and 240 look-ups, floor 1.12 s', () => {
    expect(totals('accounts')).toEqual({
      expected: { ListCertificates: 24, DescribeCertificate: 240, ListTagsForCertificate: 0 },
      floor: 1120
    })
  })

  it('names one role per account for OIDC', () => {
    expect(roleArn('111111111111')).toBe('arn:aws:iam::111111111111:role/acm-expiry-audit')
  })
})
