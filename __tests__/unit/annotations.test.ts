import { describe, expect, it } from '@jest/globals'
import { type Annotation, MAX_ANNOTATIONS_PER_LEVEL, planAnnotations } from '../../src/render/annotations.js'
import { failure, finding, report } from './fixtures.js'

const expired = (n: number) =>
  finding({
    domain: `expired-${n}.example.com`,
    state: 'expired',
    daysLeft: -1,
    notAfter: new Date(`2025-12-${String(10 + n).padStart(2, '0')}T00:00:00.000Z`)
  })
const expiring = (n: number) => finding({ domain: `expiring-${n}.example.com`, state: 'expiring', daysLeft: n })
const levels = (annotations: Annotation[]) => annotations.map((annotation) => annotation.level)
const range = (count: number) => Array.from({ length: count }, (_, index) => index + 1)

describe('planAnnotations', () => {
  it('caps at 10 per level by default', () => {
    expect(MAX_ANNOTATIONS_PER_LEVEL).toBe(10)
  })

  it('plans nothing for a clean report', () => {
    expect(planAnnotations(report())).toEqual([])
  })

  it('plans an error for a region that could not be read', () => {
    expect(planAnnotations(report({ failures: [failure({ region: 'eu-west-1', message: 'AccessDenied: no' })] }))).toEqual([
      { level: 'error', title: 'Not read: eu-west-1', message: 'AccessDenied: no' }
    ])
  })

  it('names the account and account-wide failures in the title', () => {
    const annotations = planAnnotations(
      report({
        failures: [
          failure({ account: '111122223333', region: 'eu-west-1', message: 'a' }),
          failure({ account: '444455556666', region: '*', message: 'b' })
        ]
      })
    )
    expect(annotations.map((annotation) => annotation.title)).toEqual([
      'Not read: eu-west-1 of account 111122223333',
      'Not read: all regions of account 444455556666'
    ])
  })

  it('plans an error for an expired certificate', () => {
    const item = finding({
      domain: 'old.example.com',
      region: 'us-east-1',
      account: '111122223333',
      arn: 'arn:aws:acm:us-east-1:111122223333:certificate/old',
      state: 'expired',
      daysLeft: -5,
      notAfter: new Date('2025-12-27T10:00:00.000Z'),
      action: 'fix-renewal',
      nextStep: 'Request a new certificate.'
    })
    expect(planAnnotations(report({ findings: [item] }))).toEqual([
      {
        level: 'error',
        title: 'Expired 4 days ago: old.example.com',
        message:
          'old.example.com (us-east-1, account 111122223333) expired on 2025-12-27 (4 days ago). fix-renewal: Request a new certificate. arn:aws:acm:us-east-1:111122223333:certificate/old'
      }
    ])
  })

  it('plans a warning for an expiring certificate', () => {
    const item = finding({
      domain: 'soon.example.com',
      region: 'eu-west-1',
      account: '111122223333',
      arn: 'arn:aws:acm:eu-west-1:111122223333:certificate/soon',
      daysLeft: 12,
      notAfter: new Date('2026-01-13T10:00:00.000Z'),
      action: 'reimport',
      nextStep: 'Reimport it.'
    })
    expect(planAnnotations(report({ findings: [item] }))).toEqual([
      {
        level: 'warning',
        title: 'Expires in 12 days: soon.example.com',
        message:
          'soon.example.com (eu-west-1, account 111122223333) expires on 2026-01-13. reimport: Reimport it. arn:aws:acm:eu-west-1:111122223333:certificate/soon'
      }
    ])
  })

  it('says 1 day and 0 days', () => {
    const titles = planAnnotations(report({ findings: [expiring(1), expiring(0)] })).map((annotation) => annotation.title)
    expect(titles).toEqual(['Expires in 1 day: expiring-1.example.com', 'Expires in 0 days: expiring-0.example.com'])
  })

  it('uses the certificate id when there is no domain, and leaves out an unknown account', () => {
    const item = finding({
      domain: '',
      id: 'cert-id-1',
      account: '',
      region: 'ap-south-1',
      daysLeft: 3,
      notAfter: new Date('2026-01-04T00:00:00Z')
    })
    const [annotation] = planAnnotations(report({ findings: [item] }))
    expect(annotation?.title).toBe('Expires in 3 days: cert-id-1')
    expect(annotation?.message.startsWith('cert-id-1 (ap-south-1) expires on 2026-01-04. ')).toBe(true)
  })

  it('counts days since expiry rounded down: 3 days and 5 hours ago is 3 days, not 4 (daysLeft is -4)', () => {
    const item = finding({
      domain: 'late.example.com',
      state: 'expired',
      daysLeft: -4,
      notAfter: new Date('2025-12-28T19:00:00.000Z')
    })
    const [annotation] = planAnnotations(report({ findings: [item] }))
    expect(annotation?.title).toBe('Expired 3 days ago: late.example.com')
    expect(annotation?.message).toContain('expired on 2025-12-28 (3 days ago).')
  })

  it('says less than a day ago during the first day after expiry', () => {
    const item = finding({
      domain: 'new.example.com',
      state: 'expired',
      daysLeft: -1,
      notAfter: new Date('2025-12-31T20:00:00.000Z')
    })
    expect(planAnnotations(report({ findings: [item] }))[0]?.title).toBe('Expired less than a day ago: new.example.com')
  })

  it('warns about a snooze tag that did not apply, before the expiring certificates', () => {
    const snoozed = finding({ domain: 'snoozed.example.com', tagNote: 'snooze by tag s ended 2025-12-01' })
    const annotations = planAnnotations(report({ findings: [expiring(3), snoozed] }))
    expect(annotations[0]).toMatchObject({ level: 'warning', title: 'Snooze not applied: snoozed.example.com' })
    expect(annotations[0]?.message).toContain('snooze by tag s ended 2025-12-01; it stays flagged.')
  })

  it('orders expired certificates still in use (broken now), then failures, then the other errors, then expiring ones', () => {
    const unusedExpired = finding({
      domain: 'unused.example.com',
      state: 'expired',
      daysLeft: -30,
      notAfter: new Date('2025-12-01T00:00:00.000Z'),
      inUse: false,
      inUseBy: []
    })
    const annotations = planAnnotations(report({ findings: [unusedExpired, expiring(3), expired(1)], failures: [failure()] }))
    expect(annotations.map((annotation) => annotation.title)).toEqual([
      'Expired 21 days ago: expired-1.example.com',
      'Not read: eu-west-1',
      'Expired 31 days ago: unused.example.com',
      'Expires in 3 days: expiring-3.example.com'
    ])
  })

  it('shows exactly 10 of each level without a notice', () => {
    const annotations = planAnnotations(report({ findings: [...range(10).map(expired), ...range(10).map(expiring)] }))
    expect(levels(annotations)).toEqual([...Array(10).fill('error'), ...Array(10).fill('warning')])
  })

  it('caps errors at 10 and adds a notice with the hidden count', () => {
    const annotations = planAnnotations(report({ findings: [...range(12).map(expired), ...range(3).map(expiring)] }))
    expect(levels(annotations)).toEqual([...Array(10).fill('error'), ...Array(3).fill('warning'), 'notice'])
    expect(annotations.slice(0, 10).map((annotation) => annotation.title)).toEqual(
      range(10).map((n) => `Expired ${22 - n} days ago: expired-${n}.example.com`)
    )
    expect(annotations.at(-1)).toEqual({
      level: 'notice',
      title: 'More certificates',
      message: '2 more annotations not shown: see the job summary for every certificate.'
    })
  })

  it('caps warnings at 10 and says 1 more annotation', () => {
    const annotations = planAnnotations(report({ findings: range(11).map(expiring) }))
    expect(levels(annotations)).toEqual([...Array(10).fill('warning'), 'notice'])
    expect(annotations.at(-1)?.message).toBe('1 more annotation not shown: see the job summary for every certificate.')
  })

  it('adds the hidden counts of both levels', () => {
    const annotations = planAnnotations(
      report({ findings: [...range(15).map(expired), ...range(13).map(expiring)], failures: [failure()] })
    )
    expect(annotations).toHaveLength(21)
    expect(annotations.at(-1)?.message).toBe('9 more annotations not shown: see the job summary for every certificate.')
  })

  it('counts failures toward the error cap, after the certificates broken now', () => {
    const failures = range(8).map((n) => failure({ region: `eu-west-${n}` }))
    const annotations = planAnnotations(report({ findings: range(4).map(expired), failures }))
    expect(annotations.map((annotation) => annotation.title)).toEqual([
      'Expired 21 days ago: expired-1.example.com',
      'Expired 20 days ago: expired-2.example.com',
      'Expired 19 days ago: expired-3.example.com',
      'Expired 18 days ago: expired-4.example.com',
      ...range(6).map((n) => `Not read: eu-west-${n}`),
      'More certificates'
    ])
    expect(annotations.at(-1)?.message).toBe('2 more annotations not shown: see the job summary for every certificate.')
  })

  it('takes a custom cap', () => {
    const annotations = planAnnotations(report({ findings: [...range(3).map(expired), ...range(3).map(expiring)] }), 2)
    expect(levels(annotations)).toEqual(['error', 'error', 'warning', 'warning', 'notice'])
    expect(annotations.at(-1)?.message).toBe('2 more annotations not shown: see the job summary for every certificate.')
  })
})
