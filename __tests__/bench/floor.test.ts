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

  it('chains a full bucket of pages by the latency alone', () => {
    expect(listingMs(5, 40, 8)).toBe(200)
    expect(listingMs(3, 200, 8)).toBe(600)
  })

  it('waits for the quota once the bucket is empty: page i starts at (i + 1 − burst) / quota s', () => {
    // Pages 0-3 from the bucket: 160; page 4 at 250 ms: 290; page 5 at 500: 540; … page 11 at 2,000: 2,040.
    expect(listingMs(12, 40, 4)).toBe(2040)
    // A smaller bucket waits sooner: page 1 at 250 ms.
    expect(listingMs(2, 40, 4, 1)).toBe(290)
  })
})

describe('describeMs', () => {
  it('is 0 without look-ups, the latency for a full bucket, then (n − burst) / quota + latency', () => {
    expect(describeMs(0, 40, 10)).toBe(0)
    expect(describeMs(1, 40, 10)).toBe(40)
    expect(describeMs(10, 40, 10)).toBe(40)
    expect(describeMs(11, 40, 10)).toBe(140)
    expect(describeMs(25, 40, 10)).toBe(1540)
    expect(describeMs(25, 40, 10, 1)).toBe(2440)
  })
})

describe('floorMs', () => {
  it('is 0 for no regions', () => {
    expect(floorMs([], 40, QUOTAS)).toBe(0)
  })

  it('wide: 5 pages (200 ms) then 25 look-ups (1,540 ms) in each region, side by side', () => {
    const regions = Array.from({ length: 16 }, () => region({ certificates: 5000, flagged: 25 }))
    expect(floorMs(regions, 40, QUOTAS)).toBe(1740)
  })

  it('deep: 50 pages (5,290 ms) then 250 look-ups (24,040 ms)', () => {
    expect(floorMs([region({ certificates: 50_000, flagged: 250 })], 40, QUOTAS)).toBe(29_330)
  })

  it('counts a look-up for every flagged certificate, imported ones too', () => {
    expect(floorMs([region({ certificates: 1000, flagged: 30, flaggedManaged: 15 })], 40, QUOTAS)).toBe(40 + 2040)
  })

  it('is the slowest region, not the sum', () => {
    const regions = [
      region({ certificates: 2000, flagged: 10 }), // 80 + 40
      region({ region: 'eu-west-1', certificates: 500, flagged: 30 }) // 40 + 2,040
    ]
    expect(floorMs(regions, 40, QUOTAS)).toBe(2080)
  })

  it('follows the quotas it is given', () => {
    // 2 pages at 4/s from a full bucket: 80; 3 look-ups at 20/s: 40
    const quotas = { ListCertificates: 4, DescribeCertificate: 20 }
    expect(floorMs([region({ certificates: 1500, flagged: 3 })], 40, quotas)).toBe(120)
  })
})
