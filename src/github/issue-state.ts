import { createHash } from 'node:crypto'

/** A certificate the tracking issue listed, remembered in a hidden block of its body. */
export interface TrackedCertificate {
  arn: string
  domain: string
  /** Its NotAfter when it was flagged (ISO 8601); absent in entries written before it was kept. */
  notAfter?: string
  /** The days threshold it was flagged under; absent in entries written before it was kept. */
  days?: number
}

/** An item as the hidden state holds it: [arn, domain] or [arn, domain, notAfter, days]. */
function stateItem(item: TrackedCertificate): unknown[] {
  const base = [item.arn, item.domain.slice(0, 100)]
  return item.notAfter !== undefined && item.days !== undefined ? [...base, item.notAfter, item.days] : base
}

const STATE_PATTERN = /<!-- acm-expiry-audit:state ([A-Za-z0-9_-]*) -->/u
const DIGEST_PATTERN = /<!-- acm-expiry-audit:digest ([0-9a-f]+) -->/u

/** The hidden marker that identifies the tracking issue of one issue-title. */
export function issueMarker(title: string): string {
  return `<!-- acm-expiry-audit:tracking-issue ${createHash('sha256').update(title).digest('hex').slice(0, 16)} -->`
}

export function stateBlock(items: readonly TrackedCertificate[]): string {
  const json = JSON.stringify(items.map(stateItem))
  return `<!-- acm-expiry-audit:state ${Buffer.from(json, 'utf8').toString('base64url')} -->`
}

/** Characters one item adds to the state block at most (its JSON and a comma, base64url-encoded, rounded up). */
export function stateItemSize(item: TrackedCertificate): number {
  const bytes = Buffer.byteLength(JSON.stringify(stateItem(item)), 'utf8') + 1
  return Math.ceil((bytes * 4) / 3) + 1
}

/** The certificates an earlier run listed; an unreadable or missing block reads as none. */
export function readState(body: string): TrackedCertificate[] {
  const match = STATE_PATTERN.exec(body)
  if (!match) return []
  try {
    const parsed: unknown = JSON.parse(Buffer.from(match[1] ?? '', 'base64url').toString('utf8'))
    if (!Array.isArray(parsed)) return []
    return parsed
      .filter(
        (item): item is [string, string, ...unknown[]] =>
          Array.isArray(item) && typeof item[0] === 'string' && typeof item[1] === 'string'
      )
      .map(([arn, domain, notAfter, days]) =>
        typeof notAfter === 'string' && !Number.isNaN(Date.parse(notAfter)) && typeof days === 'number' && Number.isFinite(days)
          ? { arn, domain, notAfter, days }
          : { arn, domain }
      )
  } catch {
    return []
  }
}

export function digestBlock(content: string): string {
  return `<!-- acm-expiry-audit:digest ${createHash('sha256').update(content).digest('hex').slice(0, 32)} -->`
}

export function readDigest(body: string): string | undefined {
  return DIGEST_PATTERN.exec(body)?.[0]
}
