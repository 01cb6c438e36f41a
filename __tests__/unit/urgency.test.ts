/** The three tiers a person reads findings in, and the order within them. */
import { describe, expect, it } from '@jest/globals'
import { byReadingOrder, byTier, needsNoOneYet, urgencyOf } from '../../src/classify/urgency.js'
import { daysFromNow, finding } from './fixtures.js'

const resource = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/0123456789abcdef'

describe('urgencyOf', () => {
  it('is broken for an expired certificate that InUseBy shows attached', () => {
    expect(urgencyOf(finding({ state: 'expired', daysLeft: -3, inUseBy: [resource] }))).toBe('broken')
  })

  it("falls back to the listing's InUse when the details were not read", () => {
    expect(urgencyOf(finding({ state: 'expired', daysLeft: -3, inUse: true, inUseBy: undefined }))).toBe('broken')
    expect(urgencyOf(finding({ state: 'expired', daysLeft: -3, inUse: undefined, inUseBy: undefined }))).toBe('soon')
  })

  it('is soon for an expiring certificate in use, or one that may be used outside AWS', () => {
    expect(urgencyOf(finding({ state: 'expiring', inUseBy: [resource] }))).toBe('soon')
    expect(urgencyOf(finding({ state: 'expired', daysLeft: -1, inUse: false, inUseBy: [], exported: true }))).toBe('soon')
    expect(urgencyOf(finding({ state: 'expiring', inUse: false, inUseBy: [], type: 'PRIVATE' }))).toBe('soon')
  })

  it('is cleanup for a certificate nothing uses, expired or not', () => {
    expect(urgencyOf(finding({ state: 'expired', daysLeft: -40, inUse: false, inUseBy: [] }))).toBe('cleanup')
    expect(urgencyOf(finding({ state: 'expiring', inUse: false, inUseBy: [] }))).toBe('cleanup')
  })
})

describe('byReadingOrder', () => {
  it('puts broken first, then critical in use, then the rest soonest first, then clean-up', () => {
    const unusedExpired = finding({
      domain: 'unused',
      state: 'expired',
      daysLeft: -50,
      notAfter: daysFromNow(-50),
      inUse: false,
      inUseBy: []
    })
    const later = finding({ domain: 'later', daysLeft: 16, notAfter: daysFromNow(16.5), inUseBy: [resource] })
    const critical = finding({ domain: 'critical', daysLeft: 5, notAfter: daysFromNow(5.5), critical: true, inUseBy: [resource] })
    const brokenOld = finding({
      domain: 'broken-old',
      state: 'expired',
      daysLeft: -40,
      notAfter: daysFromNow(-40),
      inUseBy: [resource]
    })
    const brokenNew = finding({
      domain: 'broken-new',
      state: 'expired',
      daysLeft: -2,
      notAfter: daysFromNow(-1.5),
      inUseBy: [resource]
    })
    const sorted = [unusedExpired, later, critical, brokenNew, brokenOld].sort(byReadingOrder).map((f) => f.domain)
    expect(sorted).toEqual(['broken-old', 'broken-new', 'critical', 'later', 'unused'])
  })

  it('does not list an attach-replacement item earlier for its action', () => {
    const replace = finding({
      domain: 'replace',
      daysLeft: 16,
      notAfter: daysFromNow(16.5),
      inUseBy: [resource],
      action: 'attach-replacement'
    })
    const sooner = finding({ domain: 'sooner', daysLeft: 12, notAfter: daysFromNow(12.5), inUseBy: [resource] })
    expect([replace, sooner].sort(byReadingOrder).map((f) => f.domain)).toEqual(['sooner', 'replace'])
  })
})

describe('byTier and needsNoOneYet', () => {
  it('splits the findings into the three tiers, each in reading order', () => {
    const broken = finding({ domain: 'broken', state: 'expired', daysLeft: -2, notAfter: daysFromNow(-2), inUseBy: [resource] })
    const later = finding({ domain: 'later', notAfter: daysFromNow(20), inUseBy: [resource] })
    const sooner = finding({ domain: 'sooner', notAfter: daysFromNow(3), inUseBy: [resource] })
    const unused = finding({ domain: 'unused', notAfter: daysFromNow(1), inUse: false, inUseBy: [], action: 'delete-unused' })
    const tiers = byTier([unused, later, broken, sooner])
    expect({
      broken: tiers.broken.map((f) => f.domain),
      soon: tiers.soon.map((f) => f.domain),
      cleanup: tiers.cleanup.map((f) => f.domain)
    }).toEqual({ broken: ['broken'], soon: ['sooner', 'later'], cleanup: ['unused'] })
  })

  it('needs no one yet only while ACM is renewing a certificate that is not broken', () => {
    expect(needsNoOneYet(finding({ action: 'await-renewal', inUseBy: [resource] }))).toBe(true)
    expect(needsNoOneYet(finding({ action: 'await-renewal', state: 'expired', inUseBy: [resource] }))).toBe(false)
    expect(needsNoOneYet(finding({ action: 'fix-renewal', inUseBy: [resource] }))).toBe(false)
  })
})
