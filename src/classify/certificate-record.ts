import type { CertificateSummary } from '@aws-sdk/client-acm'
import { arnParts } from '../shared/aws-names.js'
import type { CertificateRecord } from '../types.js'

/** Account and certificate id from an ACM ARN: arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID. */
export function parseCertificateArn(arn: string): { account: string; id: string } {
  const { account, resource } = arnParts(arn)
  return { account, id: resource.startsWith('certificate/') ? resource.slice('certificate/'.length) : resource }
}

/** Normalises a ListCertificates summary that has a NotAfter date. */
export function toCertificateRecord(summary: CertificateSummary & { NotAfter: Date }, region: string): CertificateRecord {
  const arn = summary.CertificateArn ?? ''
  const { account, id } = parseCertificateArn(arn)
  return {
    account,
    region,
    arn,
    id,
    domain: summary.DomainName ?? '',
    subjectAlternativeNames: summary.SubjectAlternativeNameSummaries ?? [],
    type: summary.Type ?? 'UNKNOWN',
    acmStatus: summary.Status ?? 'UNKNOWN',
    keyAlgorithm: summary.KeyAlgorithm ?? 'UNKNOWN',
    notAfter: summary.NotAfter,
    inUse: summary.InUse,
    renewalEligibility: summary.RenewalEligibility,
    ...(summary.Exported ? { exported: true } : {}),
    ...(summary.CertificateKeyPairOrigin ? { keyPairOrigin: summary.CertificateKeyPairOrigin } : {}),
    ...(summary.ManagedBy ? { managedBy: summary.ManagedBy } : {}),
    ...(summary.ExportOption ? { exportOption: summary.ExportOption } : {}),
    ...(summary.NotBefore ? { notBefore: summary.NotBefore } : {})
  }
}
