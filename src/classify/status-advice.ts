import type { Advice, CertificateRecord } from '../types.js'
import { shellWord } from '../shared/shell.js'

/** The command that replaces an imported certificate in place, keeping its ARN and its attachments. */
export function reimportCommand(region: string, arn: string): string {
  return `aws acm import-certificate --region ${shellWord(region)} --certificate-arn ${shellWord(arn)} --certificate fileb://certificate.pem --private-key fileb://private-key.pem --certificate-chain fileb://certificate-chain.pem`
}

/** The command that shows a certificate's renewal status and its reason. */
export function renewalStatusCommand(region: string, arn: string): string {
  return `aws acm describe-certificate --region ${shellWord(region)} --certificate-arn ${shellWord(arn)} --query Certificate.RenewalSummary`
}

const REPLACE_STEP =
  'Replace it now: request a new certificate, validate it, attach it to every resource that uses this one, then delete this one.'

/**
 * Advice for a certificate whose ACM status is neither ISSUED nor EXPIRED (listed because `statuses` asked
 * for it). ACM renews none of them, so each needs a person; undefined for ISSUED, EXPIRED and unknown statuses.
 */
export function statusAdvice(certificate: CertificateRecord): Advice | undefined {
  const { region, arn } = certificate
  const imported = certificate.type === 'IMPORTED'
  const replace = (explanation: string): Advice =>
    imported
      ? {
          action: 'reimport',
          explanation: `${explanation} ACM never renews an imported certificate.`,
          nextStep:
            'Get a new certificate from its issuer now and reimport it over the same ARN, so every resource using it picks it up.',
          command: reimportCommand(region, arn)
        }
      : { action: 'fix-renewal', explanation, nextStep: REPLACE_STEP }
  switch (certificate.acmStatus) {
    case 'REVOKED':
      return replace('Revoked: clients may reject it already, and ACM never renews a revoked certificate.')
    case 'INACTIVE':
      return replace('Inactive: ACM does not renew an inactive certificate, and services may stop using it.')
    case 'FAILED':
      return replace('Its request failed (status FAILED): it was never a usable certificate, and ACM will not renew it.')
    case 'VALIDATION_TIMED_OUT':
      return replace('Its domain validation timed out (status VALIDATION_TIMED_OUT): ACM will not issue or renew it.')
    case 'PENDING_VALIDATION':
      return {
        action: 'fix-renewal',
        explanation: 'Waiting for domain validation (status PENDING_VALIDATION): it is not issued, and nothing renews it.',
        nextStep:
          'Complete the validation (create the DNS CNAME records, or approve the validation email), or request a new certificate and delete this one.'
      }
    default:
      return undefined
  }
}

/** DescribeCertificate failed after every retry: nobody knows whether ACM is renewing it, so a person must look. */
export function checkRenewalAdvice(certificate: CertificateRecord): Advice {
  return {
    action: 'check-renewal',
    explanation:
      'Its renewal status could not be read (DescribeCertificate failed after every retry), so it is not known whether ACM is renewing it.',
    nextStep:
      'Check its renewal status in the ACM console or with the command; fix whatever stops the audit from reading it (see the regions not read).',
    command: renewalStatusCommand(certificate.region, certificate.arn)
  }
}
