import { renewalStatusCommand } from './status-advice.js'
import { shellWord } from '../shared/shell.js'
import type { Advice, CertificateRecord, ExpiryState, RenewalInfo } from '../types.js'

/**
 * Advice for the kinds of certificate ACM holds besides the ones it requests and renews itself: ACME-issued,
 * CloudFront-managed, exportable public ones, and kinds this version of the action does not know. None of
 * them is ever told to be deleted as unused, nor offered a replacement.
 */

const DO_NOT_DELETE_ACME = 'ACM does not delete ACME certificates (it removes them about a year after they expire).'

/** ACME-issued: the ACME client that ordered it holds its key and renews it, outside AWS. */
export function acmeAdvice(record: CertificateRecord, state: ExpiryState, endpointArn: string | undefined): Advice {
  const status = record.acmStatus !== 'ISSUED' && record.acmStatus !== 'EXPIRED' ? ` ACM lists it as ${record.acmStatus}.` : ''
  const endpoint = endpointArn ? ` Ordered through the ACME endpoint ${endpointArn}.` : ''
  return {
    action: 'renew-acme',
    explanation:
      (state === 'expired'
        ? 'ACME-issued certificate that expired: the ACME client that ordered it stopped renewing it.'
        : 'ACME-issued certificate: the ACME client that ordered it renews it, not ACM; its private key lives on that client’s host, so it serves traffic outside AWS whatever InUse says.') +
      status +
      endpoint,
    nextStep: `Check the renewal job of the ACME client on the host using it (certbot timer, cert-manager, …) and its logs, and make it renew. ${DO_NOT_DELETE_ACME}`
  }
}

/** CloudFront-managed: CloudFront renews it through HTTP validation while its names point at the distribution. */
export function cloudFrontAdvice(
  record: CertificateRecord,
  base: Advice,
  renewal: RenewalInfo | undefined,
  state: ExpiryState,
  critical: boolean
): Advice {
  const status = renewal?.status ? ` (renewal ${renewal.status}${renewal.reason ? `, ${renewal.reason}` : ''})` : ''
  const failed = renewal?.status === 'FAILED' || renewal?.status === 'PENDING_VALIDATION'
  if (base.action === 'check-renewal' && !critical) return base
  if (state === 'expired' || failed || critical || base.action === 'fix-renewal') {
    return {
      action: 'fix-cloudfront-renewal',
      explanation: `CloudFront-managed certificate ${
        state === 'expired'
          ? 'that expired without being renewed'
          : failed
            ? 'whose renewal did not pass validation'
            : 'inside the critical window without a new certificate'
      }${status}.`,
      nextStep:
        'CloudFront renews it through HTTP validation: check that the DNS records of each of its names still point at the distribution and that the distribution is enabled; once they do, CloudFront renews it (do not reimport or replace it).',
      command: renewalStatusCommand(record.region, record.arn)
    }
  }
  return {
    action: 'await-renewal',
    explanation: `CloudFront-managed certificate: CloudFront renews it through HTTP validation while its names point at the distribution${status}.`,
    nextStep:
      'Nothing to do unless it is still listed close to expiry; then check that the DNS records of its names still point at the distribution.'
  }
}

/**
 * Exportable public certificate (ExportOption ENABLED): ACM renews it only when it is in use or was exported
 * since it was issued or last renewed, and copies exported before a renewal keep the old certificate.
 */
export function exportableAdvice(record: CertificateRecord, base: Advice, inUse: boolean | undefined): Advice {
  const copies =
    'After ACM renews it, export it again and redeploy it wherever a copy is installed (every copy exported before holds the old certificate); delete it only if no exported copy is deployed anywhere (InUse cannot see copies outside AWS).'
  if (base.action === 'fix-renewal' || base.action === 'check-renewal') {
    return { ...base, nextStep: `${base.nextStep} It is exportable: ${copies}` }
  }
  const idle = inUse === false && record.exported !== true
  return {
    action: 're-export',
    explanation: idle
      ? 'Exportable public certificate neither in use nor exported since it was issued or last renewed: ACM will not renew it.'
      : 'Exportable public certificate: ACM renews it while it is in use or exported, but each exported copy keeps the certificate it was exported with.',
    nextStep: idle ? `Export it (or attach it) if a copy should serve somewhere, so ACM renews it. ${copies}` : copies
  }
}

/** A key pair origin or ManagedBy value ACM added after this version: who renews it is not known. */
export function unknownKindAdvice(record: CertificateRecord, kind: string): Advice {
  return {
    action: 'check-renewal',
    explanation: `ACM lists it with ${kind}, which this version of the action does not know: it cannot tell who renews it, nor whether something outside AWS uses it.`,
    nextStep:
      'Check in the ACM console (or with the command) who renews it and whether anything uses it before acting on it; do not delete it on this audit’s word.',
    command: `aws acm describe-certificate --region ${shellWord(record.region)} --certificate-arn ${shellWord(record.arn)}`
  }
}

/** The command that moves a certificate from email to DNS validation, keeping its ARN. */
export function dnsValidationCommand(region: string, arn: string): string {
  return `aws acm update-certificate-options --region ${shellWord(region)} --certificate-arn ${shellWord(arn)} --options ValidationMethod=DNS`
}

/** Email validation is being retired (CA/Browser Forum ballot SC-090): whatever the advice, add the move to DNS. */
export function withEmailMigration(
  record: CertificateRecord,
  advice: Advice,
  validationMethods: readonly string[] | undefined
): Advice {
  if (record.type === 'IMPORTED' || !validationMethods?.includes('EMAIL')) return advice
  const migrate = dnsValidationCommand(record.region, record.arn)
  return {
    ...advice,
    nextStep: `${advice.nextStep} It is validated by email, which CAs must stop using (ballot SC-090) and whose renewals wait for a person to approve mail: move it to DNS validation (same ARN) with update-certificate-options, then create the CNAME records ACM shows for it.`,
    command: advice.command
      ? `${advice.command}\n# email validation is being retired: move it to DNS validation, then create the CNAME records ACM shows\n${migrate}`
      : migrate
  }
}
