import { PAGE_SIZE } from './scenarios.js'
import type { RegionData } from './types.js'

/** ListCertificates pages needed to list `listed` certificates (an empty region still takes one). */
export const pagesFor = (listed: number): number => Math.max(1, Math.ceil(listed / PAGE_SIZE))

/**
 * When the last of `pages` ListCertificates pages can have arrived: in sequence, each taking at least the
 * latency, under ACM's token bucket (full at first, `burst` tokens, `perSecond` a second): page i starts no
 * earlier than (i + 1 − burst) / quota seconds after the first.
 */
export function listingMs(pages: number, latencyMs: number, perSecond: number, burst = perSecond): number {
  let end = 0
  for (let page = 0; page < pages; page += 1) end = Math.max(end, (Math.max(0, page + 1 - burst) * 1000) / perSecond) + latencyMs
  return end
}

/**
 * `calls` DescribeCertificate calls as parallel as ACM's token bucket allows: a full bucket at once, then
 * the quota: max(0, n − burst) / quota + latency.
 */
export function describeMs(calls: number, latencyMs: number, perSecond: number, burst = perSecond): number {
  return calls > 0 ? (Math.max(0, calls - burst) * 1000) / perSecond + latencyMs : 0
}

/**
 * The floor of a scenario, in ms: for each (account, region) its listing, then its look-ups (one per
 * flagged certificate, imported ones too, for InUseBy). Accounts and regions run side by side, so the
 * floor is the slowest of them. ACM serves a full bucket at once.
 */
export function floorMs(
  regions: ReadonlyArray<Pick<RegionData, 'certificates' | 'flagged'>>,
  latencyMs: number,
  quotas: Readonly<Record<string, number>>
): number {
  const listRate = quotas.ListCertificates ?? 8
  const describeRate = quotas.DescribeCertificate ?? 10
  let slowest = 0
  for (const data of regions) {
    const total = listingMs(pagesFor(data.certificates), latencyMs, listRate) + describeMs(data.flagged, latencyMs, describeRate)
    slowest = Math.max(slowest, total)
  }
  return slowest
}
