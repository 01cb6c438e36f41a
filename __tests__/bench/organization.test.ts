import { describe, expect, it } from '@jest/globals'
import { ORG_REGIONS, orgFloorMs, orgLayout } from '../../scripts/bench/organization.js'

describe('the org scenario', () => {
  it('holds certificates in about 1 % of the account-regions', () => {
    const { accounts, holding } = orgLayout(300)
    expect(accounts).toHaveLength(300)
    let held = 0
    accounts.forEach((_, a) => ORG_REGIONS.forEach((_region, r) => (held += holding(a, r) ? 1 : 0)))
    expect(held).toBe(51)
  })

  it('floors at the discovery pages, one AssumeRole per account and every account-region under the bound', () => {
    const empty = { certificates: 0, flaggedManaged: 0 }
    const floor = orgFloorMs({
      accounts: 300,
      regions: Array.from({ length: 300 * 17 }, () => empty),
      latencyMs: 40,
      organizationsPerSecond: 4,
      assumeConcurrency: 8,
      regionConcurrency: 32,
      quotas: { ListCertificates: 8, DescribeCertificate: 10 }
    })
    // GetCallerIdentity 40; 15 pages at 4/s from a full bucket of 4: (15 − 4) × 250 + 40; 38 rounds of AssumeRole × 40; 160 rounds of one page × 40.
    expect(floor).toBe(40 + 2_790 + 1_520 + 6_400)
  })
})
