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

/** Key algorithms RequestCertificate accepts, by the family a flagged certificate's algorithm belongs to. */
function requestableKeyAlgorithm(keyAlgorithm: string): string | undefined {
  if (keyAlgorithm === 'EC_prime256v1' || keyAlgorithm === 'EC_secp384r1') return keyAlgorithm
  if (keyAlgorithm === 'EC_secp521r1') return 'EC_secp384r1'
  if (keyAlgorithm.startsWith('RSA_')) return 'RSA_2048'
  return undefined
}

/**
 * The command that requests a new certificate for every name of an ACM-issued one that ACM can no longer
 * renew, validated by DNS (email validation is being retired), in the same key family, exportable when it was.
 * It only creates a certificate waiting for validation: nothing is attached or deleted. Undefined when the
 * listing does not show every name, for a kind ACM does not request this way (private, ACME,
 * CloudFront-managed, imported), or for a key algorithm ACM cannot request.
 */
export function requestCertificateCommand(certificate: CertificateRecord): string | undefined {
  const keyAlgorithm = requestableKeyAlgorithm(certificate.keyAlgorithm)
  if (
    certificate.type !== 'AMAZON_ISSUED' ||
    certificate.hasAdditionalNames ||
    certificate.managedBy !== undefined ||
    (certificate.keyPairOrigin !== undefined && certificate.keyPairOrigin !== 'AWS_MANAGED') ||
    keyAlgorithm === undefined ||
    certificate.domain === ''
  ) {
    return undefined
  }
  const others = [...new Set(certificate.subjectAlternativeNames)].filter((name) => name !== certificate.domain)
  return [
    `aws acm request-certificate --region ${shellWord(certificate.region)} --domain-name ${shellWord(certificate.domain)}`,
    ...(others.length > 0 ? [`--subject-alternative-names ${others.map(shellWord).join(' ')}`] : []),
    `--validation-method DNS --key-algorithm ${keyAlgorithm}`,
    ...(certificate.exportOption === 'ENABLED' ? ['--options Export=ENABLED'] : [])
  ].join(' ')
}

/** Advice to replace an ACM-issued certificate, with the request for its successor when it can be written out. */
export function replaceAdvice(certificate: CertificateRecord, explanation: string): Advice {
  const command = requestCertificateCommand(certificate)
  return {
    action: 'fix-renewal',
    explanation,
    nextStep: command
      ? `${REPLACE_STEP} The command requests the new certificate for the same names (DNS validation); create the CNAME records it then shows (aws acm describe-certificate on the new ARN).`
      : REPLACE_STEP,
    ...(command ? { command } : {})
  }
}

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
      : replaceAdvice(certificate, explanation)
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
