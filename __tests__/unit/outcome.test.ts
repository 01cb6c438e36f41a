import { describe, expect, it } from '@jest/globals'
import type { FailOn } from '../../src/types.js'
import { decideOutcome } from '../../src/classify/outcome.js'
import { failure, finding, report } from './fixtures.js'

const expiring = () => finding({ state: 'expiring' })
const expired = () => finding({ state: 'expired', daysLeft: -2 })
const FAIL_ONS: FailOn[] = ['expiring', 'expired', 'never']

describe('decideOutcome', () => {
  it.each(FAIL_ONS)('passes with fail-on %s when nothing is flagged', (failOn) => {
    expect(decideOutcome(report(), failOn)).toEqual({ failed: false, message: '' })
  })

  describe('fail-on expiring', () => {
    it('fails for one expiring certificate', () => {
      expect(decideOutcome(report({ findings: [expiring()] }), 'expiring')).toEqual({
        failed: true,
        message: '1 certificate expires within 30 days or has expired. See the job summary for what to do.'
      })
    })

    it('fails for several flagged certificates, counting expired ones too', () => {
      expect(decideOutcome(report({ findings: [expiring(), expired(), expired()], days: 1 }), 'expiring')).toEqual({
        failed: true,
        message: '3 certificates expire within 1 day or have expired. See the job summary for what to do.'
      })
    })

    it("ends with the front door's own words when it gives them (the command names its option)", () => {
      expect(decideOutcome(report({ findings: [expiring()] }), 'expiring', ' (--fail-on expiring).').message).toBe(
        '1 certificate expires within 30 days or has expired (--fail-on expiring).'
      )
    })
  })

  describe('fail-on expired', () => {
    it('passes when certificates are only expiring', () => {
      expect(decideOutcome(report({ findings: [expiring(), expiring()] }), 'expired')).toEqual({ failed: false, message: '' })
    })

    it('fails for one expired certificate', () => {
      expect(decideOutcome(report({ findings: [expiring(), expired()] }), 'expired')).toEqual({
        failed: true,
        message: '1 certificate has expired. See the job summary for what to do.'
      })
    })

    it('fails for several expired certificates', () => {
      expect(decideOutcome(report({ findings: [expired(), expired()] }), 'expired')).toEqual({
        failed: true,
        message: '2 certificates have expired. See the job summary for what to do.'
      })
    })
  })

  describe('fail-on never', () => {
    it('passes with expiring and expired certificates', () => {
      expect(decideOutcome(report({ findings: [expiring(), expired()] }), 'never')).toEqual({ failed: false, message: '' })
    })
  })

  describe('incomplete audit', () => {
    it.each(FAIL_ONS)('always fails with fail-on %s, even with nothing flagged', (failOn) => {
      expect(decideOutcome(report({ failures: [failure({ region: 'eu-west-1' })] }), failOn)).toEqual({
        failed: true,
        message: '1 region or account could not be read (eu-west-1): the audit is incomplete. See the job summary for what to do.'
      })
    })

    it('lists every failed region', () => {
      const outcome = decideOutcome(
        report({ failures: [failure({ region: 'eu-west-1' }), failure({ region: 'ap-south-1' })] }),
        'never'
      )
      expect(outcome.message).toBe(
        '2 regions or accounts could not be read (eu-west-1; ap-south-1): the audit is incomplete. See the job summary for what to do.'
      )
    })

    it('names the account of a failure, and all regions for an account-wide failure', () => {
      const outcome = decideOutcome(
        report({
          failures: [
            failure({ account: '111111111111', region: 'eu-west-1' }),
            failure({ account: '222222222222', region: '*' }),
            failure({ account: undefined, region: '*' })
          ]
        }),
        'expired'
      )
      expect(outcome).toEqual({
        failed: true,
        message:
          '3 regions or accounts could not be read (eu-west-1 of account 111111111111; all regions of account 222222222222; all regions): the audit is incomplete. See the job summary for what to do.'
      })
    })

    it('fails when the report says incomplete, whatever the failure list', () => {
      expect(decideOutcome(report({ complete: false }), 'never').failed).toBe(true)
    })

    it('gives both reasons with fail-on expiring', () => {
      expect(
        decideOutcome(report({ findings: [expiring()], failures: [failure({ region: 'eu-west-1' })] }), 'expiring').message
      ).toBe(
        '1 region or account could not be read (eu-west-1): the audit is incomplete; 1 certificate expires within 30 days or has expired. See the job summary for what to do.'
      )
    })

    it('gives both reasons with fail-on expired', () => {
      expect(
        decideOutcome(report({ findings: [expired()], failures: [failure({ region: 'eu-west-1' })] }), 'expired').message
      ).toBe(
        '1 region or account could not be read (eu-west-1): the audit is incomplete; 1 certificate has expired. See the job summary for what to do.'
      )
    })

    it('gives only the incomplete reason with fail-on never', () => {
      expect(
        decideOutcome(report({ findings: [expired()], failures: [failure({ region: 'eu-west-1' })] }), 'never').message
      ).toBe('1 region or account could not be read (eu-west-1): the audit is incomplete. See the job summary for what to do.')
    })
  })
})
