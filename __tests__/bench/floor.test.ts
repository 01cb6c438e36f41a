import { describe, expect, it } from '@jest/globals'
import { describeMs, floorMs, listingMs, pagesFor } from '../../scripts/bench/floor.js'
import { QUOTAS, region } from './fixtures.js'

describe('pagesFor', () => {
  it('needs one page for an empty region, one per 1,000 certificates otherwise', () => {
    expect(pagesFor(0)).toBe(1)
    expect(pagesFor(1)).toBe(1)
    expect(pagesFor(1000)).toBe(1)
    expect(pagesFor(1001)).toBe(2)
    expect(pagesFor(50_000)).toBe(50)
  })
})

describe('listingMs', () => {
  it('is the latency alone for one page', () => {
    expect(listingMs(1, 40, 8)).toBe(40)
  })

  it('waits for the quota when it is slower than the latency: page i starts at i / 8 s', () => {
    // 40; max(40, 125) + 40 = 165; max(165, 250) + 40 = 290; 415; 540
    expect(listingMs(5, 40, 8)).toBe(540)
  })

  it('chains the pages when the latency is slower than the quota', () => {
    // 200; max(200, 125) + 200 = 400; max(400, 250) + 200 = 600
    expect(listingMs(3, 200, 8)).toBe(600)
  })
})

describe('describeMs', () => {
  it('is 0 without look-ups, and (n − 1) / quota + latency with them', () => {
    expect(describeMs(0, 40, 10)).toBe(0)
    expect(describeMs(1, 40, 10)).toBe(40)
    expect(describeMs(25, 40, 10)).toBe(2440)
  })
})

describe('floorMs', () => {
  it('is 0 for no regions', () => {
    expect(floorMs([], 40, QUOTAS)).toBe(0)
  })

  it('wide: 5 pages (540 ms) then 25 look-ups (2,440 ms) in each region, side by side', () => {
    const regions = Array.from({ length: 16 }, () => region({ certificates: 5000, flaggedManaged: 25 }))
    expect(floorMs(regions, 40, QUOTAS)).toBe(2980)
  })

  it('deep: 50 pages (6,165 ms) then 250 look-ups (24,940 ms)', () => {
    expect(floorMs([region({ certificates: 50_000, flaggedManaged: 250 })], 40, QUOTAS)).toBe(31_105)
  })

  it('is the slowest region, not the sum', () => {
    const regions = [
      region({ certificates: 2000, flaggedManaged: 10 }), // 165 + 940
      region({ region: 'eu-west-1', certificates: 500, flaggedManaged: 30 }) // 40 + 2,940
    ]
    expect(floorMs(regions, 40, QUOTAS)).toBe(2980)
  })

  it('follows the quotas it is given', () => {
    // 2 pages at 4/s: 40, max(40, 250) + 40 = 290; 3 look-ups at 20/s: 100 + 40
    const quotas = { ListCertificates: 4, DescribeCertificate: 20 }
    expect(floorMs([region({ certificates: 1500, flaggedManaged: 3 })], 40, quotas)).toBe(430)
  })
})
