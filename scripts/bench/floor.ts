import { PAGE_SIZE } from './scenarios.js'
import type { RegionData } from './types.js'

/** ListCertificates pages needed to list `listed` certificates (an empty region still takes one). */
export const pagesFor = (listed: number): number => Math.max(1, Math.ceil(listed / PAGE_SIZE))

/**
 * When the last of `pages` ListCertificates pages can have arrived: in sequence, each taking at least
 * the latency, and page i starting no earlier than i / quota seconds after the first.
 */
export function listingMs(pages: number, latencyMs: number, perSecond: number): number {
  let end = 0
  for (let page = 0; page < pages; page += 1) end = Math.max(end, (page * 1000) / perSecond) + latencyMs
  return end
}

/** `calls` DescribeCertificate calls as parallel as the quota allows: (n − 1) / quota + latency. */
export function describeMs(calls: number, latencyMs: number, perSecond: number): number {
  return calls > 0 ? ((calls - 1) * 1000) / perSecond + latencyMs : 0
}

/**
 * The floor of a scenario, in ms: for each (account, region) its listing, then its look-ups. Accounts
 * and regions run side by side, so the floor is the slowest of them.
 */
export function floorMs(
  regions: ReadonlyArray<Pick<RegionData, 'certificates' | 'flaggedManaged'>>,
  latencyMs: number,
  quotas: Readonly<Record<string, number>>
): number {
  const listRate = quotas.ListCertificates ?? 8
  const describeRate = quotas.DescribeCertificate ?? 10
  let slowest = 0
  for (const data of regions) {
    const total =
      listingMs(pagesFor(data.certificates), latencyMs, listRate) + describeMs(data.flaggedManaged, latencyMs, describeRate)
    slowest = Math.max(slowest, total)
  }
  return slowest
}
