import { type EmulatedCertificate, ServiceError } from './types.js'

/** What ListCertificates returns when the request names no key types. */
const DEFAULT_KEY_TYPES = ['RSA_1024', 'RSA_2048']
/** What ListCertificates returns when the request names no key pair origins. */
const DEFAULT_KEY_PAIR_ORIGINS = ['AWS_MANAGED', 'CUSTOMER_PROVIDED']
const MAX_ITEMS = 1000

const epoch = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined)

/** ACM's operations over one (account, region)'s certificates, with ACM's request and response shapes. */
export function acmOperation(operation: string, params: Record<string, unknown>, certificates: EmulatedCertificate[]): unknown {
  switch (operation) {
    case 'ListCertificates':
      return listCertificates(params, certificates)
    case 'DescribeCertificate':
      return { Certificate: describe(find(params, certificates)) }
    case 'ListTagsForCertificate':
      return { Tags: Object.entries(find(params, certificates).tags).map(([Key, Value]) => ({ Key, Value })) }
    default:
      throw new ServiceError(400, 'UnknownOperationException', `Operation ${operation} is not supported by this emulator.`)
  }
}

function listCertificates(params: Record<string, unknown>, certificates: EmulatedCertificate[]) {
  const statuses = params.CertificateStatuses as string[] | undefined
  const includes = (params.Includes ?? {}) as { keyTypes?: string[] }
  const keyTypes = includes.keyTypes && includes.keyTypes.length > 0 ? includes.keyTypes : DEFAULT_KEY_TYPES
  const originsParam = params.CertificateKeyPairOrigins as string[] | undefined
  const origins = originsParam && originsParam.length > 0 ? originsParam : DEFAULT_KEY_PAIR_ORIGINS
  const maxItems = params.MaxItems === undefined ? MAX_ITEMS : Number(params.MaxItems)
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_ITEMS) {
    throw new ServiceError(400, 'ValidationException', `1 validation error detected: Value '${String(params.MaxItems)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`)
  }
  let offset = 0
  if (params.NextToken !== undefined) {
    const decoded = Number(Buffer.from(String(params.NextToken), 'base64url').toString('utf8'))
    if (!Number.isInteger(decoded) || decoded < 0) throw new ServiceError(400, 'InvalidArgsException', 'The NextToken is not valid.')
    offset = decoded
  }
  const page: unknown[] = []
  let index = offset
  for (; index < certificates.length && page.length < maxItems; index += 1) {
    const certificate = certificates[index] as EmulatedCertificate
    if (statuses && statuses.length > 0 && !statuses.includes(certificate.status)) continue
    if (!keyTypes.includes(certificate.keyAlgorithm)) continue
    if (!origins.includes(certificate.keyPairOrigin)) continue
    page.push(summary(certificate))
  }
  const more = certificates.slice(index).some(
    (certificate) =>
      (!statuses || statuses.length === 0 || statuses.includes(certificate.status)) &&
      keyTypes.includes(certificate.keyAlgorithm) &&
      origins.includes(certificate.keyPairOrigin)
  )
  return {
    CertificateSummaryList: page,
    ...(more ? { NextToken: Buffer.from(String(index), 'utf8').toString('base64url') } : {})
  }
}

function summary(certificate: EmulatedCertificate) {
  return {
    CertificateArn: certificate.arn,
    DomainName: certificate.domain,
    SubjectAlternativeNameSummaries: certificate.subjectAlternativeNames.slice(0, 100),
    HasAdditionalSubjectAlternativeNames: certificate.subjectAlternativeNames.length > 100,
    Status: certificate.status,
    Type: certificate.type,
    KeyAlgorithm: certificate.keyAlgorithm,
    InUse: certificate.inUseBy.length > 0,
    RenewalEligibility: certificate.renewalEligibility,
    NotBefore: epoch(certificate.notBefore),
    NotAfter: epoch(certificate.notAfter),
    CreatedAt: epoch(certificate.createdAt),
    ...(certificate.type === 'IMPORTED' ? { ImportedAt: epoch(certificate.createdAt) } : { IssuedAt: epoch(certificate.notBefore) })
  }
}

function find(params: Record<string, unknown>, certificates: EmulatedCertificate[]): EmulatedCertificate {
  const arn = String(params.CertificateArn ?? '')
  const certificate = certificates.find((candidate) => candidate.arn === arn)
  if (!certificate) throw new ServiceError(400, 'ResourceNotFoundException', `Could not find certificate ${arn}.`)
  return certificate
}

function describe(certificate: EmulatedCertificate) {
  return {
    CertificateArn: certificate.arn,
    DomainName: certificate.domain,
    SubjectAlternativeNames: certificate.subjectAlternativeNames,
    Status: certificate.status,
    Type: certificate.type,
    // DescribeCertificate spells key algorithms with a hyphen.
    KeyAlgorithm: certificate.keyAlgorithm.replace('_', '-'),
    InUseBy: certificate.inUseBy,
    RenewalEligibility: certificate.renewalEligibility,
    NotBefore: epoch(certificate.notBefore),
    NotAfter: epoch(certificate.notAfter),
    CreatedAt: epoch(certificate.createdAt),
    ...(certificate.renewal && certificate.type !== 'IMPORTED'
      ? {
          RenewalSummary: {
            RenewalStatus: certificate.renewal.status,
            ...(certificate.renewal.reason ? { RenewalStatusReason: certificate.renewal.reason } : {}),
            DomainValidationOptions: [{ DomainName: certificate.domain, ValidationStatus: certificate.renewal.status === 'SUCCESS' ? 'SUCCESS' : 'PENDING_VALIDATION', ValidationMethod: 'DNS' }],
            UpdatedAt: epoch(certificate.createdAt)
          }
        }
      : {})
  }
}
