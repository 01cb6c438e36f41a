import { type ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm'
import { attempt } from './errors.js'
import type { RenewalInfo } from '../types.js'

/** What the audit reads of one certificate through DescribeCertificate. */
export interface DescribedCertificate {
  /** RenewalSummary's status and reason (both undefined when it has none, as for imported certificates). */
  renewal: RenewalInfo
  /** ARNs of the resources that use it. */
  inUseBy: string[]
  /** Every name: DomainName and all SubjectAlternativeNames (the listing shows only the first 100). */
  names: string[]
  /** DomainValidationOptions[].ValidationMethod (EMAIL, DNS, HTTP), without repeats. */
  validationMethods?: string[]
  /** The private CA that issued it (PRIVATE certificates only): only DescribeCertificate gives it. */
  certificateAuthorityArn?: string
  /** The ACME endpoint an ACME-issued certificate was ordered through. */
  acmeEndpointArn?: string
}

/** One DescribeCertificate call. */
export async function describeCertificate(client: ACMClient, arn: string): Promise<DescribedCertificate> {
  const response = await attempt('acm:DescribeCertificate', () =>
    client.send(new DescribeCertificateCommand({ CertificateArn: arn }))
  )
  const certificate = response.Certificate
  const summary = certificate?.RenewalSummary
  return {
    renewal: { status: summary?.RenewalStatus, reason: summary?.RenewalStatusReason },
    inUseBy: certificate?.InUseBy ?? [],
    names: [...(certificate?.DomainName ? [certificate.DomainName] : []), ...(certificate?.SubjectAlternativeNames ?? [])],
    validationMethods: [
      ...new Set(
        (certificate?.DomainValidationOptions ?? []).flatMap((option) =>
          option.ValidationMethod ? [option.ValidationMethod] : []
        )
      )
    ],
    ...(certificate?.CertificateAuthorityArn ? { certificateAuthorityArn: certificate.CertificateAuthorityArn } : {}),
    ...(certificate?.AcmeEndpointArn ? { acmeEndpointArn: certificate.AcmeEndpointArn } : {})
  }
}
