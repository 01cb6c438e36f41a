import { describe, expect, it } from '@jest/globals'
import { coveringWildcard, nameKey, namesCover, normaliseName, ReplacementIndex } from '../../src/classify/replacement.js'
import { arnFor, daysFromNow, NOW } from './fixtures.js'

const CUTOFF = daysFromNow(30)
const PUBLIC_RSA = { type: 'AMAZON_ISSUED', keyAlgorithm: 'RSA_2048' }

describe('namesCover', () => {
  it.each([
    [['a.example.com'], ['a.example.com'], true],
    [['A.Example.COM.'], ['a.example.com'], true],
    [['*.example.com'], ['a.example.com'], true],
    [['*.example.com'], ['example.com'], false],
    [['*.example.com'], ['a.b.example.com'], false],
    [['*.example.com'], ['*.example.com'], true],
    [['a.example.com'], ['*.example.com'], false],
    [['*.b.example.com'], ['a.b.example.com'], true],
    [['example.com', '*.example.com'], ['example.com', 'www.example.com', 'api.example.com'], true],
    [['www.example.com'], ['example.com', 'www.example.com'], false],
    [[], ['a.example.com'], false]
  ])('%j covers %j: %s', (offered, required, expected) => {
    expect(namesCover(offered, required)).toBe(expected)
  })

  it('finds no wildcard for a single label or a wildcard', () => {
    expect(coveringWildcard('localhost')).toBeUndefined()
    expect(coveringWildcard('*.example.com')).toBeUndefined()
    expect(coveringWildcard('a.example.com')).toBe('*.example.com')
  })
})

describe('ReplacementIndex', () => {
  const offer = (index: ReplacementIndex, id: string, names: string[], days: number, status = 'ISSUED', more = false) =>
    index.offer({ arn: arnFor(id), status, notAfter: daysFromNow(days), names, hasAdditionalNames: more, ...PUBLIC_RSA })
  const flagged = arnFor('flagged')

  it('finds a candidate that covers every name, by exact names or a wildcard', () => {
    const index = new ReplacementIndex(CUTOFF)
    offer(index, 'exact', ['shop.example.com', 'www.shop.example.com'], 300)
    expect(index.find(['shop.example.com', 'www.shop.example.com'], flagged, PUBLIC_RSA)).toEqual({
      replacement: { arn: arnFor('exact'), notAfter: daysFromNow(300) },
      needDescribe: []
    })
    const wildcard = new ReplacementIndex(CUTOFF)
    offer(wildcard, 'wild', ['example.com', '*.example.com'], 300)
    expect(wildcard.find(['example.com', 'api.example.com'], flagged, PUBLIC_RSA).replacement?.arn).toBe(arnFor('wild'))
  })

  it('finds none when one name is not covered', () => {
    const index = new ReplacementIndex(CUTOFF)
    offer(index, 'partial', ['shop.example.com'], 300)
    offer(index, 'wild', ['*.example.com'], 300)
    // a.b.example.com is two labels below the wildcard; shop.example.com alone is not enough either.
    expect(index.find(['shop.example.com', 'a.b.example.com'], flagged, PUBLIC_RSA)).toEqual({ needDescribe: [] })
  })

  it('takes the candidate that expires last among several', () => {
    const index = new ReplacementIndex(CUTOFF)
    offer(index, 'soon', ['a.example.com'], 60)
    offer(index, 'last', ['a.example.com', 'b.example.com'], 400)
    offer(index, 'middle', ['*.example.com'], 200)
    expect(index.find(['a.example.com'], flagged, PUBLIC_RSA).replacement).toEqual({
      arn: arnFor('last'),
      notAfter: daysFromNow(400)
    })
    // Only the wildcard covers c.example.com.
    expect(index.find(['a.example.com', 'c.example.com'], flagged, PUBLIC_RSA).replacement?.arn).toBe(arnFor('middle'))
  })

  it('ignores candidates that are not ISSUED, expire within the threshold, or are the certificate itself', () => {
    const index = new ReplacementIndex(CUTOFF)
    offer(index, 'pending', ['a.example.com'], 400, 'PENDING_VALIDATION')
    offer(index, 'revoked', ['a.example.com'], 400, 'REVOKED')
    offer(index, 'inside', ['a.example.com'], 29)
    offer(index, 'edge', ['a.example.com'], 30)
    index.offer({
      arn: arnFor('undated'),
      status: 'ISSUED',
      notAfter: undefined,
      names: ['a.example.com'],
      hasAdditionalNames: false,
      ...PUBLIC_RSA
    })
    expect(index.size).toBe(0)
    offer(index, 'flagged', ['a.example.com'], 400)
    expect(index.find(['a.example.com'], flagged, PUBLIC_RSA).replacement).toBeUndefined()
    expect(index.find([], flagged, PUBLIC_RSA).replacement).toBeUndefined()
  })

  it('asks for the full names of a candidate with more names than the listing shows, only when it could win', () => {
    const index = new ReplacementIndex(CUTOFF)
    offer(index, 'big', ['a.example.com'], 400, 'ISSUED', true)
    offer(index, 'small', ['a.example.com', 'z.example.com'], 100)
    offer(index, 'older-big', ['a.example.com'], 50, 'ISSUED', true)
    const first = index.find(['a.example.com', 'z.example.com'], flagged, PUBLIC_RSA)
    expect(first.replacement?.arn).toBe(arnFor('small'))
    expect(first.needDescribe).toEqual([arnFor('big')])
    const full = new Map([
      [arnFor('big'), ['a.example.com', ...Array.from({ length: 120 }, (_, i) => `h${i}.x`), 'z.example.com']]
    ])
    expect(index.find(['a.example.com', 'z.example.com'], flagged, PUBLIC_RSA, { fullNames: full })).toEqual({
      replacement: { arn: arnFor('big'), notAfter: daysFromNow(400) },
      needDescribe: []
    })
    const notCovering = new Map([[arnFor('big'), ['a.example.com', 'b.example.com']]])
    expect(index.find(['a.example.com', 'z.example.com'], flagged, PUBLIC_RSA, { fullNames: notCovering }).replacement?.arn).toBe(
      arnFor('small')
    )
  })

  it('keeps the cutoff exact to the millisecond', () => {
    const index = new ReplacementIndex(NOW)
    index.offer({
      arn: arnFor('x'),
      status: 'ISSUED',
      notAfter: new Date(NOW.getTime() + 1),
      names: ['x.example.com'],
      hasAdditionalNames: false,
      ...PUBLIC_RSA
    })
    expect(index.size).toBe(1)
  })

  it('gives back ARNs exactly as listed, UUID ids stored as bytes or not', () => {
    const index = new ReplacementIndex(CUTOFF)
    const arns = [
      'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      'arn:aws:acm:us-east-1:111122223333:certificate/ffffffff-0000-4000-8000-00000000000f',
      'arn:aws:acm:us-east-1:444455556666:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      'arn:aws:acm:us-east-1:111122223333:certificate/NOT-A-UUID'
    ]
    arns.forEach((arn, i) =>
      index.offer({
        arn,
        status: 'ISSUED',
        notAfter: daysFromNow(100 + i),
        names: [`n${i}.example.com`],
        hasAdditionalNames: false,
        ...PUBLIC_RSA
      })
    )
    arns.forEach((arn, i) => expect(index.find([`n${i}.example.com`], flagged, PUBLIC_RSA).replacement?.arn).toBe(arn))
  })
})

describe('nameKey', () => {
  it('is the same for the same name and differs between names, across many', () => {
    expect(nameKey('a.example.com')).toBe(nameKey('a.example.com'))
    const keys = new Set(Array.from({ length: 50_000 }, (_, i) => nameKey(`host-${i}.example.com`)))
    keys.add(nameKey('*.example.com'))
    keys.add(nameKey('example.com'))
    expect(keys.size).toBe(50_002)
    for (const key of keys) expect(Number.isSafeInteger(key)).toBe(true)
  })
})

describe('nameKey of names as listed', () => {
  it('is the key of the normalised name: case, a trailing dot and spaces around do not matter', () => {
    for (const [raw, normal] of [
      ['Shop.Example.COM', 'shop.example.com'],
      ['shop.example.com.', 'shop.example.com'],
      ['  *.Example.com. ', '*.example.com'],
      ['ÄPFEL.example.com', 'äpfel.example.com'],
      ['xn--pfel-koa.example.com', 'xn--pfel-koa.example.com'],
      ['a', 'a']
    ] as const) {
      expect(normaliseName(raw)).toBe(normal)
      expect(nameKey(raw)).toBe(nameKey(normal))
    }
    expect(nameKey('shop.example.com')).not.toBe(nameKey('shop.example.co'))
  })
})

describe('ReplacementIndex at size', () => {
  it('finds the right candidate among 20,000, with names offered in any case and order', () => {
    const index = new ReplacementIndex(CUTOFF)
    for (let i = 0; i < 20_000; i += 1) {
      index.offer({
        arn: arnFor(`c${i}`),
        status: 'ISSUED',
        notAfter: daysFromNow(100 + (i % 7)),
        names: [`Host-${i % 5_000}.Example.com`, `www.host-${i % 5_000}.example.com.`],
        hasAdditionalNames: false,
        ...PUBLIC_RSA
      })
    }
    expect(index.size).toBe(20_000)
    // host-42 is held by c42, c5042, c10042, c15042; the one expiring last wins (ties: the smaller ARN).
    const flagged = arnFor('flagged')
    const holders = [42, 5_042, 10_042, 15_042]
    const latest = Math.max(...holders.map((i) => i % 7))
    const expected = holders
      .filter((i) => i % 7 === latest)
      .map((i) => arnFor(`c${i}`))
      .sort()[0]
    expect(index.find(['host-42.example.com', 'www.host-42.example.com'], flagged, PUBLIC_RSA).replacement?.arn).toBe(expected)
    expect(index.find(['host-42.example.com', 'www.host-43.example.com'], flagged, PUBLIC_RSA).replacement).toBeUndefined()
    // Prepared in one pass for several searches, they find the same.
    index.prepare(['host-7.example.com', 'www.host-7.example.com', 'host-8.example.com'])
    expect(index.find(['host-7.example.com'], flagged, PUBLIC_RSA).replacement?.arn).toBe(arnFor('c15007'))
    // An offer after a search is found by the next search.
    index.offer({
      arn: arnFor('late'),
      status: 'ISSUED',
      notAfter: daysFromNow(900),
      names: ['host-42.example.com'],
      hasAdditionalNames: false,
      ...PUBLIC_RSA
    })
    expect(index.find(['host-42.example.com'], flagged, PUBLIC_RSA).replacement?.arn).toBe(arnFor('late'))
  })
})

describe('ReplacementIndex: trust, key family and attachable', () => {
  const offer = (index: ReplacementIndex, id: string, days: number, kind: Record<string, string>) =>
    index.offer({
      arn: arnFor(id),
      status: 'ISSUED',
      notAfter: daysFromNow(days),
      names: ['a.example.com'],
      hasAdditionalNames: false,
      type: 'AMAZON_ISSUED',
      keyAlgorithm: 'RSA_2048',
      ...kind
    })
  const flagged = arnFor('flagged')

  it('takes only candidates of the same trust and key family that ACM can attach', () => {
    const index = new ReplacementIndex(CUTOFF)
    offer(index, 'private', 400, { type: 'PRIVATE' })
    offer(index, 'ec', 390, { keyAlgorithm: 'EC_prime256v1' })
    offer(index, 'acme', 380, { keyPairOrigin: 'ACME' })
    offer(index, 'new-origin', 375, { keyPairOrigin: 'SOMETHING_NEW' })
    offer(index, 'cloudfront', 370, { managedBy: 'CLOUDFRONT' })
    offer(index, 'imported', 360, { type: 'IMPORTED' })
    offer(index, 'public', 300, {})
    expect(index.find(['a.example.com'], flagged, { type: 'AMAZON_ISSUED', keyAlgorithm: 'RSA_4096' }).replacement?.arn).toBe(
      arnFor('public')
    )
    expect(index.find(['a.example.com'], flagged, { type: 'IMPORTED', keyAlgorithm: 'RSA_2048' }).replacement?.arn).toBe(
      arnFor('imported')
    )
    expect(index.find(['a.example.com'], flagged, { type: 'IMPORTED', keyAlgorithm: 'EC_secp384r1' }).replacement?.arn).toBe(
      arnFor('ec')
    )
    expect(index.find(['a.example.com'], flagged, { type: 'SOMETHING_NEW', keyAlgorithm: 'RSA_2048' })).toEqual({
      needDescribe: []
    })
  })

  it('asks for the CA of PRIVATE candidates, the most promising first, and takes one only from the same CA', () => {
    const index = new ReplacementIndex(CUTOFF)
    offer(index, 'p-300', 300, { type: 'PRIVATE' })
    offer(index, 'p-200', 200, { type: 'PRIVATE' })
    offer(index, 'p-100', 100, { type: 'PRIVATE' })
    const needs = { type: 'PRIVATE', keyAlgorithm: 'RSA_2048', authority: 'ca-1' }
    expect(index.find(['a.example.com'], flagged, needs)).toEqual({
      needDescribe: [arnFor('p-300'), arnFor('p-200'), arnFor('p-100')]
    })
    const authorities = new Map<string, string | null>([
      [arnFor('p-300'), 'ca-2'],
      [arnFor('p-200'), 'ca-1']
    ])
    expect(index.find(['a.example.com'], flagged, needs, { authorities })).toEqual({
      replacement: { arn: arnFor('p-200'), notAfter: daysFromNow(200) },
      needDescribe: []
    })
    // Without its own CA, a PRIVATE certificate gets no replacement.
    expect(index.find(['a.example.com'], flagged, { type: 'PRIVATE', keyAlgorithm: 'RSA_2048' })).toEqual({ needDescribe: [] })
  })
})
