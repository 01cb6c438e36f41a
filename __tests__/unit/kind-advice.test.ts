import { describe, expect, it } from '@jest/globals'
import { advise } from '../../src/classify/advice.js'
import { criticalDaysFor, thresholdDays } from '../../src/classify/expiry.js'
import { adviseFinding, wantsReplacement } from '../../src/classify/finding-advice.js'
import { unknownKind } from '../../src/classify/kinds.js'
import { isUnused } from '../../src/classify/report.js'
import { possiblyUsed, urgencyOf } from '../../src/classify/urgency.js'
import { parseLifetimePercent } from '../../src/inputs.js'
import { InputError } from '../../src/shared/parse.js'
import { daysFromNow, finding, record } from './fixtures.js'

const LB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1'
const REPLACEMENT = { arn: 'arn:aws:acm:us-east-1:111122223333:certificate/new', notAfter: daysFromNow(300) }
const unused = { renewal: undefined, inUseBy: [] }
const inUse = { renewal: { status: 'FAILED', reason: 'CAA_ERROR' }, inUseBy: [LB] }

describe('adviseFinding for each kind of certificate', () => {
  it('ACME-issued: renew-acme, never delete-unused nor a replacement, whatever its use or state', () => {
    const acme = record({ keyPairOrigin: 'ACME', inUse: false })
    for (const state of ['expiring', 'expired'] as const) {
      const advice = adviseFinding(acme, unused, REPLACEMENT, state, true)
      expect(advice.action).toBe('renew-acme')
      expect(advice.command).toBeUndefined()
    }
    expect(
      adviseFinding(acme, { ...unused, acmeEndpointArn: 'arn:aws:acm:us-east-1:1:acme-endpoint/e' }, undefined, 'expiring')
        .explanation
    ).toContain('ACME endpoint arn:aws:acm:us-east-1:1:acme-endpoint/e')
    expect(wantsReplacement(record({ keyPairOrigin: 'ACME' }), inUse, 'expiring')).toBe(false)
  })

  it('CloudFront-managed: await-renewal, or fix-cloudfront-renewal when failed, expired or critical; never reimport, replacement or delete', () => {
    const managed = record({ managedBy: 'CLOUDFRONT', inUse: false })
    const pending = { renewal: { status: 'PENDING_AUTO_RENEWAL', reason: undefined }, inUseBy: [] }
    expect(adviseFinding(managed, pending, REPLACEMENT, 'expiring').action).toBe('await-renewal')
    expect(adviseFinding(managed, pending, REPLACEMENT, 'expiring', true).action).toBe('fix-cloudfront-renewal')
    expect(adviseFinding(managed, { ...inUse }, REPLACEMENT, 'expiring').action).toBe('fix-cloudfront-renewal')
    expect(adviseFinding(managed, unused, REPLACEMENT, 'expired').action).toBe('fix-cloudfront-renewal')
    expect(wantsReplacement(record({ managedBy: 'CLOUDFRONT' }), inUse, 'expiring')).toBe(false)
  })

  it('exportable: re-export, never delete-unused; a failed renewal keeps its fix with the export note', () => {
    const exportable = record({ exportOption: 'ENABLED', inUse: false })
    const idle = adviseFinding(exportable, unused, undefined, 'expiring')
    expect(idle.action).toBe('re-export')
    expect(idle.explanation).toContain('neither in use nor exported')
    const failing = adviseFinding(record({ exportOption: 'ENABLED' }), inUse, REPLACEMENT, 'expiring')
    expect(failing.action).toBe('fix-renewal')
    expect(failing.nextStep).toContain('It is exportable')
    // An exported copy may serve outside AWS: not unused, even when nothing of AWS uses it.
    expect(isUnused(finding({ action: 're-export', inUse: false, inUseBy: [], exported: true }))).toBe(false)
    expect(isUnused(finding({ action: 're-export', inUse: false, inUseBy: [] }))).toBe(true)
    expect(isUnused(finding({ action: 're-export', inUse: true, inUseBy: [LB] }))).toBe(false)
  })

  it('email-validated: the move to DNS validation is added whatever the action, never to an imported certificate', () => {
    const email = { validationMethods: ['EMAIL', 'DNS'] }
    const deleting = adviseFinding(record({ id: 'e', inUse: false }), { ...unused, ...email }, undefined, 'expiring')
    expect(deleting.action).toBe('delete-unused')
    expect(deleting.command?.split('\n')).toEqual([
      'aws acm delete-certificate --region us-east-1 --certificate-arn arn:aws:acm:us-east-1:111122223333:certificate/e',
      '# email validation is being retired: move it to DNS validation, then create the CNAME records ACM shows',
      'aws acm update-certificate-options --region us-east-1 --certificate-arn arn:aws:acm:us-east-1:111122223333:certificate/e --options ValidationMethod=DNS'
    ])
    const awaiting = adviseFinding(
      record(),
      { renewal: { status: 'PENDING_AUTO_RENEWAL', reason: undefined }, inUseBy: [LB], ...email },
      undefined,
      'expiring'
    )
    expect(awaiting.action).toBe('await-renewal')
    expect(awaiting.command).toContain('--options ValidationMethod=DNS')
    expect(adviseFinding(record({ type: 'IMPORTED' }), { inUseBy: [LB], ...email }, undefined, 'expiring').command).not.toContain(
      'update-certificate-options'
    )
  })

  it('critical and awaiting renewal: fix-renewal with the renewal status and reason, never "Nothing to do"', () => {
    for (const status of ['PENDING_AUTO_RENEWAL', 'SUCCESS', undefined]) {
      const advice = advise(record(), { status, reason: status ? 'SOME_REASON' : undefined }, 'expiring', true)
      expect(advice.action).toBe('fix-renewal')
      expect(advice.explanation).toContain(status ? `renewal ${status} (SOME_REASON)` : 'no renewal status')
      expect(advice.nextStep).not.toContain('Nothing to do')
    }
    expect(advise(record(), { status: 'PENDING_AUTO_RENEWAL', reason: undefined }, 'expiring').action).toBe('await-renewal')
  })

  it('unknown origins and managers: shown as they are, check-renewal, never delete-unused nor cleanup', () => {
    const strange = record({ keyPairOrigin: 'QUANTUM_SAFE', managedBy: 'LATTICE', inUse: false })
    expect(unknownKind(strange)).toBe('key pair origin QUANTUM_SAFE and managed by LATTICE')
    expect(unknownKind(record({ keyPairOrigin: 'AWS_MANAGED', managedBy: 'CLOUDFRONT' }))).toBeUndefined()
    const advice = adviseFinding(strange, unused, REPLACEMENT, 'expired')
    expect(advice.action).toBe('check-renewal')
    expect(advice.explanation).toContain('key pair origin QUANTUM_SAFE and managed by LATTICE')
    expect(advice.command).not.toContain('delete')
    expect(urgencyOf(finding({ ...strange, inUseBy: [], ...advice }))).toBe('soon')
  })

  it('counts an ACME-issued certificate as possibly used outside AWS', () => {
    expect(possiblyUsed(finding({ keyPairOrigin: 'ACME', inUse: false, inUseBy: [] }))).toBe(true)
    expect(possiblyUsed(finding({ keyPairOrigin: 'AWS_MANAGED', inUse: false, inUseBy: [] }))).toBe(false)
  })
})

describe('thresholdDays and criticalDaysFor', () => {
  const lived = (days: number) => ({ notBefore: daysFromNow(-days + 10), notAfter: daysFromNow(10) })
  it('is days without lifetime-percent or NotBefore, else min(days, percent of the lifetime)', () => {
    expect(thresholdDays(lived(47), { days: 30 })).toBe(30)
    expect(thresholdDays({ notAfter: daysFromNow(10) }, { days: 30, lifetimePercent: 33 })).toBe(30)
    expect(thresholdDays(lived(47), { days: 30, lifetimePercent: 33 })).toBe(15.51)
    expect(thresholdDays(lived(90), { days: 30, lifetimePercent: 33 })).toBe(29.7)
    expect(thresholdDays(lived(198), { days: 30, lifetimePercent: 33 })).toBe(30)
    expect(thresholdDays(lived(395), { days: 30, lifetimePercent: 33 })).toBe(30)
  })

  it('scales critical-days in proportion', () => {
    expect(criticalDaysFor(15.51, { days: 30, criticalDays: 7 })).toBe(3.62)
    expect(criticalDaysFor(30, { days: 30, criticalDays: 7 })).toBe(7)
    expect(criticalDaysFor(15.51, { days: 30, criticalDays: 0 })).toBe(0)
  })
})

describe('parseLifetimePercent', () => {
  it('is undefined when empty, a whole percentage from 1 to 100 otherwise', () => {
    expect(parseLifetimePercent('')).toBeUndefined()
    expect(parseLifetimePercent(' 33 ')).toBe(33)
    for (const bad of ['0', '101', '33.5', 'a third']) expect(() => parseLifetimePercent(bad)).toThrow(InputError)
  })
})
