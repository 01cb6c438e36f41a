import { describe, expect, it } from '@jest/globals'
import {
  decideByTag,
  ignoredOnceNamesKnown,
  ignorePatternReason,
  matchingIgnorePattern,
  type Tag
} from '../../src/classify/ignore-rules.js'
import { record } from './fixtures.js'

const certificate = record({
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  arn: 'arn:aws:acm:eu-west-1:111122223333:certificate/a1b2c3d4-0000-4000-8000-000000000001',
  region: 'eu-west-1',
  domain: 'shop.example.com',
  subjectAlternativeNames: ['shop.example.com', 'www.shop.example.com', 'api.internal.example.net']
})

describe('matchingIgnorePattern', () => {
  it('returns undefined when there are no patterns', () => {
    expect(matchingIgnorePattern(certificate, [])).toBeUndefined()
  })

  it('returns undefined when nothing matches', () => {
    expect(matchingIgnorePattern(certificate, ['other.example.com', '*.example.org', 'a1b2c3d4'])).toBeUndefined()
  })

  const single = record({ domain: 'shop.example.com', subjectAlternativeNames: ['shop.example.com'] })

  it('matches the domain name exactly', () => {
    expect(matchingIgnorePattern(single, ['shop.example.com'])).toBe('shop.example.com')
  })

  it('matches the domain name with a glob', () => {
    expect(matchingIgnorePattern(single, ['*.example.com'])).toBe('*.example.com')
    expect(matchingIgnorePattern(single, ['shop.*'])).toBe('shop.*')
    expect(matchingIgnorePattern(single, ['sh?p.example.com'])).toBe('sh?p.example.com')
    expect(matchingIgnorePattern(single, ['{blog,shop}.example.com'])).toBe('{blog,shop}.example.com')
  })

  it('does not treat the domain as a substring', () => {
    expect(matchingIgnorePattern(certificate, ['example.com', 'shop.example', 'hop.example.com'])).toBeUndefined()
  })

  it('ignores by name only when every name matches one of the patterns', () => {
    expect(matchingIgnorePattern(certificate, ['www.shop.example.com'])).toBeUndefined()
    expect(matchingIgnorePattern(certificate, ['*.example.net'])).toBeUndefined()
    expect(matchingIgnorePattern(certificate, ['shop.example.com', 'www.shop.example.com'])).toBeUndefined()
    // * matches dots too: *.example.com covers shop. and www.shop.example.com.
    expect(matchingIgnorePattern(certificate, ['*.example.com', '*.example.net'])).toBe('*.example.com, *.example.net')
  })

  it('never hides a production certificate that carries one sandbox SAN (the README example)', () => {
    const production = record({
      domain: 'www.example.com',
      subjectAlternativeNames: ['www.example.com', 'test.sandbox.example.com']
    })
    expect(matchingIgnorePattern(production, ['*.sandbox.example.com'])).toBeUndefined()
    const apexAndWildcard = record({
      domain: 'sandbox.example.com',
      subjectAlternativeNames: ['sandbox.example.com', '*.sandbox.example.com']
    })
    expect(matchingIgnorePattern(apexAndWildcard, ['*.sandbox.example.com'])).toBeUndefined()
    expect(matchingIgnorePattern(apexAndWildcard, ['sandbox.example.com', '*.sandbox.example.com'])).toBe(
      'sandbox.example.com, *.sandbox.example.com'
    )
  })

  it('waits for every name when the listing shows only some of them', () => {
    const partial = record({
      domain: 'a.sandbox.example.com',
      subjectAlternativeNames: ['a.sandbox.example.com'],
      hasAdditionalNames: true
    })
    expect(matchingIgnorePattern(partial, ['*.sandbox.example.com'])).toBeUndefined()
    expect(ignoredOnceNamesKnown(partial, ['*.sandbox.example.com'])).toBe(true)
    expect(matchingIgnorePattern(partial, ['*.sandbox.example.com'], ['a.sandbox.example.com', 'b.sandbox.example.com'])).toBe(
      '*.sandbox.example.com'
    )
    expect(
      matchingIgnorePattern(partial, ['*.sandbox.example.com'], ['a.sandbox.example.com', 'shop.example.com'])
    ).toBeUndefined()
    // An ARN or id pattern needs no names.
    expect(matchingIgnorePattern(partial, [partial.arn])).toBe(partial.arn)
    expect(ignoredOnceNamesKnown(partial, ['*.example.org'])).toBe(false)
  })

  it('says which patterns ignored it', () => {
    expect(ignorePatternReason('*.example.com')).toBe('matches ignore pattern *.example.com')
    expect(ignorePatternReason('a.example.com, *.a.example.com')).toBe(
      'its names match ignore patterns a.example.com, *.a.example.com'
    )
  })

  it('matches a literal wildcard domain with the same pattern', () => {
    const wildcard = record({ domain: '*.example.com', subjectAlternativeNames: ['*.example.com'] })
    expect(matchingIgnorePattern(wildcard, ['*.example.com'])).toBe('*.example.com')
  })

  it('matches the full ARN exactly', () => {
    expect(matchingIgnorePattern(certificate, [certificate.arn])).toBe(certificate.arn)
  })

  it('matches the ARN with globs', () => {
    expect(matchingIgnorePattern(certificate, ['arn:aws:acm:*:111122223333:certificate/*'])).toBe(
      'arn:aws:acm:*:111122223333:certificate/*'
    )
    expect(matchingIgnorePattern(certificate, ['arn:aws:acm:us-east-1:*:certificate/*'])).toBeUndefined()
  })

  it('matches the certificate id', () => {
    expect(matchingIgnorePattern(certificate, ['a1b2c3d4-0000-4000-8000-000000000001'])).toBe(
      'a1b2c3d4-0000-4000-8000-000000000001'
    )
    expect(matchingIgnorePattern(certificate, ['a1b2c3d4-*'])).toBe('a1b2c3d4-*')
  })

  it('matches case-insensitively on every name', () => {
    expect(matchingIgnorePattern(single, ['SHOP.Example.COM'])).toBe('SHOP.Example.COM')
    expect(matchingIgnorePattern(certificate, ['SHOP.Example.COM', 'WWW.shop.example.com', 'API.INTERNAL.EXAMPLE.NET'])).toBe(
      'SHOP.Example.COM, WWW.shop.example.com, API.INTERNAL.EXAMPLE.NET'
    )
    expect(matchingIgnorePattern(certificate, ['ARN:AWS:ACM:EU-WEST-1:111122223333:CERTIFICATE/A1B2C3D4-*'])).toBe(
      'ARN:AWS:ACM:EU-WEST-1:111122223333:CERTIFICATE/A1B2C3D4-*'
    )
    expect(matchingIgnorePattern(certificate, ['A1B2C3D4-0000-4000-8000-000000000001'])).toBe(
      'A1B2C3D4-0000-4000-8000-000000000001'
    )
  })

  it('names the patterns it used, in the order given', () => {
    const two = record({ domain: 'a.example.com', subjectAlternativeNames: ['a.example.com', 'b.example.net'] })
    expect(matchingIgnorePattern(two, ['nomatch.example.com', '*.example.net', '*.example.com'])).toBe(
      '*.example.net, *.example.com'
    )
    expect(matchingIgnorePattern(single, ['*.example.com', 'shop.*'])).toBe('*.example.com')
  })

  it('treats a leading # as a literal, not a comment', () => {
    const hashed = record({ domain: '#legacy.example.com', subjectAlternativeNames: [] })
    expect(matchingIgnorePattern(hashed, ['#legacy.example.com'])).toBe('#legacy.example.com')
  })

  it('does not negate with a leading !', () => {
    expect(matchingIgnorePattern(certificate, ['!other.example.com'])).toBeUndefined()
  })

  it('lets * match a leading dot (dot: true)', () => {
    const dotted = record({ domain: '.hidden', subjectAlternativeNames: [] })
    expect(matchingIgnorePattern(dotted, ['*'])).toBe('*')
  })

  it('works with a certificate without SANs', () => {
    const bare = record({ domain: 'bare.example.com', subjectAlternativeNames: [] })
    expect(matchingIgnorePattern(bare, ['bare.example.com'])).toBe('bare.example.com')
    expect(matchingIgnorePattern(bare, ['shop.example.com'])).toBeUndefined()
  })
})

describe('decideByTag', () => {
  const NOW = new Date('2026-03-10T15:30:00.000Z')
  const tags = (...pairs: Array<[string, string]>): Tag[] => pairs.map(([key, value]) => ({ key, value }))

  it('does not ignore a certificate without the tag', () => {
    expect(decideByTag(tags(['team', 'web']), { key: 'acm-audit-ignore' }, NOW)).toEqual({ ignored: false })
    expect(decideByTag([], { key: 'acm-audit-ignore' }, NOW)).toEqual({ ignored: false })
  })

  it('matches the tag key case-sensitively (AWS tag keys are)', () => {
    expect(decideByTag(tags(['ACM-Audit-Ignore', 'true']), { key: 'acm-audit-ignore' }, NOW)).toEqual({ ignored: false })
  })

  describe('KEY rule', () => {
    it('ignores a certificate with the tag and any value', () => {
      expect(decideByTag(tags(['skip', 'yes']), { key: 'skip' }, NOW)).toEqual({ ignored: true, reason: 'tag skip=yes' })
    })

    it('ignores a certificate with the tag and an empty value, saying only the key', () => {
      expect(decideByTag(tags(['skip', '']), { key: 'skip' }, NOW)).toEqual({ ignored: true, reason: 'tag skip' })
    })

    it('uses the first tag with the key', () => {
      expect(decideByTag(tags(['other', 'x'], ['skip', 'first'], ['skip', 'second']), { key: 'skip' }, NOW)).toEqual({
        ignored: true,
        reason: 'tag skip=first'
      })
    })
  })

  describe('KEY=VALUE rule', () => {
    it('ignores only when the value is exactly the one set', () => {
      expect(decideByTag(tags(['owner', 'platform']), { key: 'owner', value: 'platform' }, NOW)).toEqual({
        ignored: true,
        reason: 'tag owner=platform'
      })
    })

    it('does not ignore another value, without a note', () => {
      expect(decideByTag(tags(['owner', 'web']), { key: 'owner', value: 'platform' }, NOW)).toEqual({ ignored: false })
    })

    it('compares the value case-sensitively', () => {
      expect(decideByTag(tags(['owner', 'Platform']), { key: 'owner', value: 'platform' }, NOW)).toEqual({ ignored: false })
    })

    it('with an empty value, ignores only an empty tag value', () => {
      expect(decideByTag(tags(['skip', '']), { key: 'skip', value: '' }, NOW)).toEqual({ ignored: true, reason: 'tag skip' })
      expect(decideByTag(tags(['skip', 'no']), { key: 'skip', value: '' }, NOW)).toEqual({ ignored: false })
    })

    it('applies a date value set in the rule as a snooze', () => {
      expect(decideByTag(tags(['snooze', '2026-03-10']), { key: 'snooze', value: '2026-03-10' }, NOW)).toEqual({
        ignored: true,
        reason: 'snoozed until 2026-03-10 by tag snooze'
      })
    })
  })

  describe('date snooze', () => {
    const rule = { key: 'acm-audit-snooze' }
    const snooze = (value: string, now: Date) => decideByTag(tags(['acm-audit-snooze', value]), rule, now)

    it('ignores before the date', () => {
      expect(snooze('2026-03-20', NOW)).toEqual({ ignored: true, reason: 'snoozed until 2026-03-20 by tag acm-audit-snooze' })
    })

    it('ignores on the date, from its first to its last millisecond (UTC)', () => {
      expect(snooze('2026-03-10', new Date('2026-03-10T00:00:00.000Z'))).toEqual({
        ignored: true,
        reason: 'snoozed until 2026-03-10 by tag acm-audit-snooze'
      })
      expect(snooze('2026-03-10', new Date('2026-03-10T23:59:59.999Z')).ignored).toBe(true)
    })

    it('flags again from the first millisecond after the date, with a note', () => {
      expect(snooze('2026-03-10', new Date('2026-03-11T00:00:00.000Z'))).toEqual({
        ignored: false,
        note: 'snooze by tag acm-audit-snooze ended 2026-03-10'
      })
    })

    it('flags again long after the date', () => {
      expect(snooze('2025-12-31', NOW)).toEqual({ ignored: false, note: 'snooze by tag acm-audit-snooze ended 2025-12-31' })
    })

    it('trims white space around the date', () => {
      expect(snooze(' 2026-03-20 ', NOW)).toEqual({ ignored: true, reason: 'snoozed until 2026-03-20 by tag acm-audit-snooze' })
    })

    it('accepts 29 February in a leap year', () => {
      expect(snooze('2028-02-29', NOW).ignored).toBe(true)
    })

    it.each([['2026-02-30'], ['2026-02-29'], ['2026-13-01'], ['2026-00-10'], ['2026-04-31'], ['2026-01-00']])(
      'does not snooze with the invalid date %s, and says so',
      (value) => {
        expect(snooze(value, NOW)).toEqual({
          ignored: false,
          note: `tag acm-audit-snooze holds ${value}, which is not a real date: not snoozed`
        })
      }
    )

    it.each([['2026-3-20'], ['20260320'], ['2026/03/20'], ['20.03.2026'], ['2026-03-20T00:00:00Z']])(
      'does not snooze with %j, a date not written YYYY-MM-DD, and says so',
      (value) => {
        expect(snooze(value, NOW)).toEqual({
          ignored: false,
          note: `tag acm-audit-snooze holds ${value}, which is not a date written YYYY-MM-DD: not snoozed`
        })
      }
    )

    it.each([['next week'], ['permanent'], ['true'], ['2026']])(
      'treats %j as an ordinary value (ignored indefinitely)',
      (value) => {
        expect(snooze(value, NOW)).toEqual({ ignored: true, reason: `tag acm-audit-snooze=${value}` })
      }
    )
  })
})
