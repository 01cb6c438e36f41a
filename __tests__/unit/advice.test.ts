import { describe, expect, it } from '@jest/globals'
import { advise, reimportCommand } from '../../src/classify/advice.js'
import type { RenewalInfo } from '../../src/types.js'
import { record } from './fixtures.js'

const ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/abc-123'
const cert = (overrides: Parameters<typeof record>[0] = {}) =>
  record({ region: 'eu-west-1', id: 'abc-123', arn: ARN, ...overrides })
const renewal = (status: string | undefined, reason?: string): RenewalInfo => ({ status, reason })

const FIX_VALIDATION_STEP =
  'Make the validation pass: keep the CNAME records of DNS validation in place (or approve the validation email), and check CAA records allow amazon.com.'
const EXPIRED_STEP =
  'Replace it now: request a new certificate, validate it, attach it to every resource that uses this one, then delete this one. The command requests the new certificate for the same names (DNS validation); create the CNAME records it then shows (aws acm describe-certificate on the new ARN).'
const REQUEST =
  'aws acm request-certificate --region eu-west-1 --domain-name example.com --validation-method DNS --key-algorithm RSA_2048'
const AWAIT_STEP = 'Nothing to do unless it is still listed close to expiry; then check its renewal status in the ACM console.'
const NOT_ELIGIBLE_STEP =
  'Attach it to the resource that should use it (load balancer, CloudFront, API Gateway) so ACM renews it, or delete it if nothing needs it.'
const PRIVATE_STEP =
  'Check that the private CA is active and grants ACM permission to issue (acm.amazonaws.com), then renew it on demand.'

describe('reimportCommand', () => {
  it('is the exact import-certificate command over the same ARN', () => {
    expect(reimportCommand('eu-west-1', ARN)).toBe(
      'aws acm import-certificate --region eu-west-1 --certificate-arn arn:aws:acm:eu-west-1:111122223333:certificate/abc-123 --certificate fileb://certificate.pem --private-key fileb://private-key.pem --certificate-chain fileb://certificate-chain.pem'
    )
  })
})

describe('advise', () => {
  describe('imported certificates', () => {
    const expected = {
      action: 'reimport',
      explanation: 'Imported certificate: ACM never renews it.',
      nextStep:
        'Get a renewed certificate from its issuer and reimport it over the same ARN, so every resource using it picks it up.',
      command:
        'aws acm import-certificate --region eu-west-1 --certificate-arn arn:aws:acm:eu-west-1:111122223333:certificate/abc-123 --certificate fileb://certificate.pem --private-key fileb://private-key.pem --certificate-chain fileb://certificate-chain.pem'
    }

    it('says reimport, with the exact command', () => {
      expect(advise(cert({ type: 'IMPORTED' }), undefined, 'expiring')).toEqual(expected)
    })

    it('says reimport when expired too', () => {
      expect(advise(cert({ type: 'IMPORTED' }), undefined, 'expired')).toEqual(expected)
    })

    it('says reimport whatever the renewal info, use or eligibility', () => {
      expect(
        advise(
          cert({ type: 'IMPORTED', inUse: false, renewalEligibility: 'INELIGIBLE' }),
          renewal('FAILED', 'CAA_ERROR'),
          'expiring'
        )
      ).toEqual(expected)
    })

    it('uses the certificate region and ARN in the command', () => {
      const other = record({ type: 'IMPORTED', region: 'cn-north-1', arn: 'arn:aws-cn:acm:cn-north-1:1:certificate/z' })
      expect(advise(other, undefined, 'expiring').command).toBe(
        reimportCommand('cn-north-1', 'arn:aws-cn:acm:cn-north-1:1:certificate/z')
      )
    })
  })

  describe('private certificates', () => {
    const command = `aws acm renew-certificate --region eu-west-1 --certificate-arn ${ARN}`

    it('says renew-private with the renew-certificate command', () => {
      expect(advise(cert({ type: 'PRIVATE' }), renewal(undefined), 'expiring')).toEqual({
        action: 'renew-private',
        explanation:
          'Private certificate from AWS Private CA: ACM renews it only when it is in use or exported and ACM may use the CA.',
        nextStep: PRIVATE_STEP,
        command
      })
    })

    it('gives the same advice without renewal info', () => {
      expect(advise(cert({ type: 'PRIVATE' }), undefined, 'expiring').explanation).toBe(
        'Private certificate from AWS Private CA: ACM renews it only when it is in use or exported and ACM may use the CA.'
      )
    })

    it('says the managed renewal failed, with the reason', () => {
      expect(advise(cert({ type: 'PRIVATE' }), renewal('FAILED', 'PCA_ACCESS_DENIED'), 'expiring')).toEqual({
        action: 'renew-private',
        explanation: 'Private certificate whose managed renewal failed (PCA_ACCESS_DENIED).',
        nextStep: PRIVATE_STEP,
        command
      })
    })

    it('says the managed renewal failed, without a reason', () => {
      expect(advise(cert({ type: 'PRIVATE' }), renewal('FAILED'), 'expiring').explanation).toBe(
        'Private certificate whose managed renewal failed.'
      )
    })

    it('says the managed renewal is stuck when pending validation', () => {
      expect(advise(cert({ type: 'PRIVATE' }), renewal('PENDING_VALIDATION', 'PCA_INVALID_STATE'), 'expiring').explanation).toBe(
        'Private certificate whose managed renewal is stuck (PCA_INVALID_STATE).'
      )
    })

    it('gives the default explanation for a successful renewal', () => {
      expect(advise(cert({ type: 'PRIVATE' }), renewal('SUCCESS'), 'expiring').explanation).toBe(
        'Private certificate from AWS Private CA: ACM renews it only when it is in use or exported and ACM may use the CA.'
      )
    })

    it('says renew-private when expired too', () => {
      expect(advise(cert({ type: 'PRIVATE' }), undefined, 'expired').action).toBe('renew-private')
    })
  })

  describe('ACM-issued certificates', () => {
    describe('fix-renewal', () => {
      it('when expired, with the renewal status and reason', () => {
        expect(advise(cert(), renewal('FAILED', 'DOMAIN_VALIDATION_DENIED'), 'expired')).toEqual({
          action: 'fix-renewal',
          explanation: 'Expired without being renewed: renewal FAILED (DOMAIN_VALIDATION_DENIED). ACM cannot renew it any more.',
          nextStep: EXPIRED_STEP,
          command: REQUEST
        })
      })

      it('when expired, with a status but no reason', () => {
        expect(advise(cert(), renewal('PENDING_AUTO_RENEWAL'), 'expired').explanation).toBe(
          'Expired without being renewed: renewal PENDING_AUTO_RENEWAL. ACM cannot renew it any more.'
        )
      })

      it('when expired, without renewal info', () => {
        const advice = advise(cert(), undefined, 'expired')
        expect(advice).toEqual({
          action: 'fix-renewal',
          explanation: 'Expired without being renewed. ACM cannot renew it any more.',
          nextStep: EXPIRED_STEP,
          command: REQUEST
        })
      })

      it('when expired, requests a successor for every name in the same key family, exportable when it was', () => {
        const names = { domain: 'example.com', subjectAlternativeNames: ['example.com', '*.example.com', 'example.com'] }
        expect(
          advise(cert({ ...names, keyAlgorithm: 'EC_secp521r1', exportOption: 'ENABLED' }), undefined, 'expired').command
        ).toBe(
          "aws acm request-certificate --region eu-west-1 --domain-name example.com --subject-alternative-names '*.example.com' --validation-method DNS --key-algorithm EC_secp384r1 --options Export=ENABLED"
        )
        expect(advise(cert({ keyAlgorithm: 'EC_prime256v1' }), undefined, 'expired').command).toContain(
          '--key-algorithm EC_prime256v1'
        )
        expect(advise(cert({ keyAlgorithm: 'RSA_4096' }), undefined, 'expired').command).toContain('--key-algorithm RSA_2048')
      })

      it('when expired, gives no request it cannot write out whole: names the listing cut short, an unknown key algorithm', () => {
        for (const overrides of [{ hasAdditionalNames: true }, { keyAlgorithm: 'ML_DSA_65' }, { domain: '' }]) {
          const advice = advise(cert(overrides), undefined, 'expired')
          expect(advice.action).toBe('fix-renewal')
          expect('command' in advice).toBe(false)
          expect(advice.nextStep).toBe(
            'Replace it now: request a new certificate, validate it, attach it to every resource that uses this one, then delete this one.'
          )
        }
      })

      it('when expired, even if not in use or ineligible', () => {
        expect(advise(cert({ inUse: false, renewalEligibility: 'INELIGIBLE' }), undefined, 'expired').action).toBe('fix-renewal')
      })

      it('when the renewal FAILED, with the reason', () => {
        expect(advise(cert(), renewal('FAILED', 'CAA_ERROR'), 'expiring')).toEqual({
          action: 'fix-renewal',
          explanation: 'Managed renewal failed (CAA_ERROR).',
          nextStep: FIX_VALIDATION_STEP
        })
      })

      it('when the renewal FAILED, without a reason', () => {
        expect(advise(cert(), renewal('FAILED'), 'expiring').explanation).toBe('Managed renewal failed.')
      })

      it('when the renewal is PENDING_VALIDATION', () => {
        expect(advise(cert(), renewal('PENDING_VALIDATION'), 'expiring')).toEqual({
          action: 'fix-renewal',
          explanation: 'Managed renewal is waiting for domain validation.',
          nextStep: FIX_VALIDATION_STEP
        })
        expect(advise(cert(), renewal('PENDING_VALIDATION', 'NO_AVAILABLE_CONTACTS'), 'expiring').explanation).toBe(
          'Managed renewal is waiting for domain validation (NO_AVAILABLE_CONTACTS).'
        )
      })

      it('before not-eligible: a failed renewal of an unused certificate', () => {
        expect(advise(cert({ inUse: false }), renewal('FAILED'), 'expiring').action).toBe('fix-renewal')
      })
    })

    describe('not-eligible', () => {
      it('when not in use', () => {
        expect(advise(cert({ inUse: false }), undefined, 'expiring')).toEqual({
          action: 'not-eligible',
          explanation: 'Not in use by any AWS service, so ACM will not renew it.',
          nextStep: NOT_ELIGIBLE_STEP
        })
      })

      it('when INELIGIBLE and in use', () => {
        expect(advise(cert({ renewalEligibility: 'INELIGIBLE', inUse: true }), undefined, 'expiring')).toEqual({
          action: 'not-eligible',
          explanation: 'Not eligible for managed renewal.',
          nextStep: NOT_ELIGIBLE_STEP
        })
      })

      it('when INELIGIBLE and use unknown', () => {
        expect(advise(cert({ renewalEligibility: 'INELIGIBLE', inUse: undefined }), undefined, 'expiring').explanation).toBe(
          'Not eligible for managed renewal.'
        )
      })

      it('when INELIGIBLE and not in use, explaining the use', () => {
        expect(advise(cert({ renewalEligibility: 'INELIGIBLE', inUse: false }), renewal('SUCCESS'), 'expiring').explanation).toBe(
          'Not in use by any AWS service, so ACM will not renew it.'
        )
      })
    })

    describe('await-renewal', () => {
      it('when PENDING_AUTO_RENEWAL', () => {
        expect(advise(cert(), renewal('PENDING_AUTO_RENEWAL'), 'expiring')).toEqual({
          action: 'await-renewal',
          explanation: 'ACM is renewing it automatically.',
          nextStep: AWAIT_STEP
        })
      })

      it('when SUCCESS', () => {
        expect(advise(cert(), renewal('SUCCESS'), 'expiring')).toEqual({
          action: 'await-renewal',
          explanation: 'ACM has renewed it; the new expiry date shows once the renewed certificate is deployed.',
          nextStep: AWAIT_STEP
        })
      })

      it('without renewal info', () => {
        const advice = advise(cert(), undefined, 'expiring')
        expect(advice).toEqual({
          action: 'await-renewal',
          explanation: 'In use and eligible: ACM starts managed renewal on its own before expiry.',
          nextStep: AWAIT_STEP
        })
        expect('command' in advice).toBe(false)
      })

      it('with an empty renewal summary', () => {
        expect(advise(cert(), renewal(undefined), 'expiring').explanation).toBe(
          'In use and eligible: ACM starts managed renewal on its own before expiry.'
        )
      })

      it('when use and eligibility are unknown', () => {
        expect(advise(cert({ inUse: undefined, renewalEligibility: undefined }), undefined, 'expiring').action).toBe(
          'await-renewal'
        )
      })
    })

    it('treats an unknown type like an ACM-issued one', () => {
      expect(advise(cert({ type: 'UNKNOWN' }), renewal('FAILED'), 'expiring').action).toBe('fix-renewal')
      expect(advise(cert({ type: 'UNKNOWN' }), undefined, 'expiring').action).toBe('await-renewal')
    })
  })
})
