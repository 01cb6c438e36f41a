import { Minimatch } from 'minimatch'
import type { IgnoreTag } from '../types.js'
import { DAY_MS } from './expiry.js'
import type { CertificateRecord } from '../types.js'

export interface Tag {
  key: string
  value: string
}

const PATTERN_OPTIONS = { nocase: true, dot: true, nocomment: true, nonegate: true } as const

type Named = Pick<CertificateRecord, 'domain' | 'subjectAlternativeNames' | 'arn' | 'id' | 'hasAdditionalNames'>

/**
 * The `ignore` patterns that ignore a certificate, joined with ", "; undefined when it is not ignored. A pattern
 * that matches its ARN or id ignores it. Names ignore it only when EVERY name (the domain and each SAN) matches
 * one of the patterns: a production certificate with one sandbox SAN is not hidden by the sandbox pattern.
 * `allNames` are DescribeCertificate's names; without them, a certificate whose listing says it has more names
 * than it shows is not ignored by name (see ignoredOnceNamesKnown).
 */
export function matchingIgnorePattern(
  certificate: Named,
  patterns: readonly string[],
  allNames?: readonly string[]
): string | undefined {
  const byId = patterns.find((pattern) => {
    const matcher = compiled(pattern)
    return matcher.match(certificate.arn) || matcher.match(certificate.id)
  })
  if (byId !== undefined) return byId
  if (allNames === undefined && certificate.hasAdditionalNames) return undefined
  return everyNameMatches(allNames ?? [certificate.domain, ...certificate.subjectAlternativeNames], patterns)
}

/** True when the names listed all match but the listing has more: DescribeCertificate must show them all first. */
export function ignoredOnceNamesKnown(certificate: Named, patterns: readonly string[]): boolean {
  return (
    certificate.hasAdditionalNames === true &&
    matchingIgnorePattern(certificate, patterns) === undefined &&
    everyNameMatches([certificate.domain, ...certificate.subjectAlternativeNames], patterns) !== undefined
  )
}

/** "matches ignore pattern X", or "its names match ignore patterns X, Y" when it took several. */
export function ignorePatternReason(matched: string): string {
  return matched.includes(', ') && !matched.startsWith('arn:')
    ? `its names match ignore patterns ${matched}`
    : `matches ignore pattern ${matched}`
}

function everyNameMatches(names: readonly string[], patterns: readonly string[]): string | undefined {
  const unique = [...new Set(names.filter((name) => name !== ''))]
  if (unique.length === 0 || patterns.length === 0) return undefined
  const used: string[] = []
  for (const name of unique) {
    const pattern = patterns.find((candidate) => compiled(candidate).match(name))
    if (pattern === undefined) return undefined
    if (!used.includes(pattern)) used.push(pattern)
  }
  // In the order the patterns were given.
  return patterns.filter((pattern) => used.includes(pattern)).join(', ')
}

const matchers = new Map<string, Minimatch>()

/** Each pattern is compiled once per run, not once per certificate name. */
function compiled(pattern: string): Minimatch {
  let matcher = matchers.get(pattern)
  if (!matcher) {
    matcher = new Minimatch(pattern, PATTERN_OPTIONS)
    matchers.set(pattern, matcher)
  }
  return matcher
}

/** Throws what minimatch throws for a pattern it cannot use (one longer than 64 KiB). */
export function checkIgnorePattern(pattern: string): void {
  compiled(pattern)
}

export type TagDecision = { ignored: true; reason: string } | { ignored: false; note?: string }

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/u
/** Values meant as a date but not written YYYY-MM-DD: 2026-1-5, 31/12/2026, 2026.12.31, 20261231, 2026-12-31T00:00Z. */
const DATE_LIKE = /^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{8}|\d{4}-\d{2}-\d{2}[T ].*)$/u

/**
 * Applies `ignore-tag`: a certificate carrying the tag (with the given value, when one is set) is ignored.
 * A tag value that is a date (YYYY-MM-DD) snoozes the certificate through that day (UTC); after it the
 * certificate is flagged again.
 */
export function decideByTag(tags: readonly Tag[], rule: IgnoreTag, now: Date): TagDecision {
  const tag = tags.find((candidate) => candidate.key === rule.key)
  if (!tag) return { ignored: false }
  if (rule.value !== undefined && tag.value !== rule.value) return { ignored: false }
  const date = DATE_PATTERN.exec(tag.value.trim())
  if (!date && DATE_LIKE.test(tag.value.trim())) {
    return {
      ignored: false,
      note: `tag ${rule.key} holds ${tag.value.trim()}, which is not a date written YYYY-MM-DD: not snoozed`
    }
  }
  if (!date) return { ignored: true, reason: `tag ${rule.key}${tag.value ? `=${tag.value}` : ''}` }
  const until = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))
  const valid = new Date(until).toISOString().slice(0, 10) === date[0]
  if (!valid) return { ignored: false, note: `tag ${rule.key} holds ${tag.value}, which is not a real date: not snoozed` }
  const endOfDay = until + DAY_MS
  if (now.getTime() < endOfDay) return { ignored: true, reason: `snoozed until ${date[0]} by tag ${rule.key}` }
  return { ignored: false, note: `snooze by tag ${rule.key} ended ${date[0]}` }
}
