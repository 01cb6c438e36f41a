import type { Advice, CertificateRecord, ExpiryState, RenewalInfo } from '../types.js'
import { checkRenewalAdvice, reimportCommand, renewalStatusCommand, replaceAdvice, statusAdvice } from './status-advice.js'
import { shellWord } from '../shared/shell.js'

export { reimportCommand }

/**
 * Decides what a person must do about a flagged certificate, from its list summary and, for ACM-issued
 * and private certificates, its RenewalSummary ('unread' when DescribeCertificate failed after every retry).
 * `critical`: within the critical window, where a renewal still not done is stuck, never "nothing to do".
 */
export function advise(
  certificate: CertificateRecord,
  read: RenewalInfo | 'unread' | undefined,
  state: ExpiryState,
  critical = false
): Advice {
  const { region, arn } = certificate
  const byStatus = statusAdvice(certificate)
  if (byStatus) return byStatus
  if (read === 'unread' && state === 'expiring' && certificate.type !== 'IMPORTED') return checkRenewalAdvice(certificate)
  const renewal = read === 'unread' ? undefined : read
  if (certificate.type === 'IMPORTED') {
    return {
      action: 'reimport',
      explanation: 'Imported certificate: ACM never renews it.',
      nextStep:
        'Get a renewed certificate from its issuer and reimport it over the same ARN, so every resource using it picks it up.',
      command: reimportCommand(region, arn)
    }
  }
  if (certificate.type === 'PRIVATE') {
    const failing = renewal?.status === 'FAILED' || renewal?.status === 'PENDING_VALIDATION'
    return {
      action: 'renew-private',
      explanation: failing
        ? `Private certificate whose managed renewal ${renewal?.status === 'FAILED' ? 'failed' : 'is stuck'}${renewal?.reason ? ` (${renewal.reason})` : ''}.`
        : 'Private certificate from AWS Private CA: ACM renews it only when it is in use or exported and ACM may use the CA.',
      nextStep:
        'Check that the private CA is active and grants ACM permission to issue (acm.amazonaws.com), then renew it on demand.',
      command: `aws acm renew-certificate --region ${shellWord(region)} --certificate-arn ${shellWord(arn)}`
    }
  }
  const status = renewal?.status
  const reason = renewal?.reason ? ` (${renewal.reason})` : ''
  if (state === 'expired') {
    return replaceAdvice(
      certificate,
      `Expired without being renewed${status ? `: renewal ${status}${reason}` : ''}. ACM cannot renew it any more.`
    )
  }
  if (status === 'FAILED' || status === 'PENDING_VALIDATION') {
    return {
      action: 'fix-renewal',
      explanation:
        status === 'FAILED' ? `Managed renewal failed${reason}.` : `Managed renewal is waiting for domain validation${reason}.`,
      nextStep:
        'Make the validation pass: keep the CNAME records of DNS validation in place (or approve the validation email), and check CAA records allow amazon.com.'
    }
  }
  if (certificate.renewalEligibility === 'INELIGIBLE' || certificate.inUse === false) {
    return {
      action: 'not-eligible',
      explanation:
        certificate.inUse === false
          ? 'Not in use by any AWS service, so ACM will not renew it.'
          : 'Not eligible for managed renewal.',
      nextStep:
        'Attach it to the resource that should use it (load balancer, CloudFront, API Gateway) so ACM renews it, or delete it if nothing needs it.'
    }
  }
  if (critical) return stuckRenewalAdvice(certificate, renewal)
  return {
    action: 'await-renewal',
    explanation:
      status === 'PENDING_AUTO_RENEWAL'
        ? 'ACM is renewing it automatically.'
        : status === 'SUCCESS'
          ? 'ACM has renewed it; the new expiry date shows once the renewed certificate is deployed.'
          : 'In use and eligible: ACM starts managed renewal on its own before expiry.',
    nextStep: 'Nothing to do unless it is still listed close to expiry; then check its renewal status in the ACM console.'
  }
}

/**
 * A certificate ACM (or CloudFront) should be renewing, still listed inside the critical window: ACM starts
 * managed renewal 45 to 60 days ahead, so a renewal not done by now is stuck, whatever its status says.
 */
export function stuckRenewalAdvice(certificate: CertificateRecord, renewal: RenewalInfo | undefined): Advice {
  const status = renewal?.status
    ? `renewal ${renewal.status}${renewal.reason ? ` (${renewal.reason})` : ''}`
    : 'no renewal status'
  return {
    action: 'fix-renewal',
    explanation: `Inside the critical window and not renewed yet (${status}): ACM starts managed renewal 45 to 60 days before expiry, so a renewal not done by now is stuck.`,
    nextStep:
      'Escalate now: read its renewal status, keep the CNAME records of DNS validation in place and check CAA records allow amazon.com; if it cannot renew in time, request a new certificate and move every resource that uses this one to it.',
    command: renewalStatusCommand(certificate.region, certificate.arn)
  }
}
