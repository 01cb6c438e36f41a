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
    case 'ListCertificates': {
      const { page, nextToken } = selectPage(params, certificates)
      return { CertificateSummaryList: page.map(summary), ...(nextToken ? { NextToken: nextToken } : {}) }
    }
    case 'DescribeCertificate':
      return { Certificate: describe(find(params, certificates)) }
    case 'ListTagsForCertificate':
      return { Tags: Object.entries(find(params, certificates).tags).map(([Key, Value]) => ({ Key, Value })) }
    default:
      throw new ServiceError(400, 'UnknownOperationException', `Operation ${operation} is not supported by this emulator.`)
  }
}

/**
 * The JSON body of ACM's response: JSON.stringify(acmOperation(…)), except that a ListCertificates page is
 * assembled from each certificate's summary serialised once and reused while the certificate is unchanged,
 * so that a 1,000-certificate page costs the emulator well under a millisecond instead of building and
 * serialising 1,000 objects (with many regions paged at once, that work would delay the responses).
 */
export function acmResponseBody(
  operation: string,
  params: Record<string, unknown>,
  certificates: EmulatedCertificate[]
): string | Buffer {
  if (operation !== 'ListCertificates') return JSON.stringify(acmOperation(operation, params, certificates))
  const { page, nextToken } = selectPage(params, certificates)
  // Bytes copied into one buffer, not strings joined: cheaper, and it stays off the JavaScript heap.
  const summaries = page.map(summaryJson)
  const tail = Buffer.from(`]${nextToken ? `,"NextToken":${JSON.stringify(nextToken)}` : ''}}`)
  let length = LIST_HEAD.length + Math.max(0, summaries.length - 1) + tail.length
  for (const json of summaries) length += json.length
  const body = Buffer.allocUnsafe(length)
  body.set(LIST_HEAD, 0)
  let offset = LIST_HEAD.length
  summaries.forEach((json, i) => {
    if (i > 0) body[offset++] = COMMA
    body.set(json, offset)
    offset += json.length
  })
  body.set(tail, offset)
  return body
}
const LIST_HEAD = Buffer.from('{"CertificateSummaryList":[')
const COMMA = 0x2c

/** The certificates of one ListCertificates page, with the NextToken when more follow. */
function selectPage(
  params: Record<string, unknown>,
  certificates: EmulatedCertificate[]
): { page: EmulatedCertificate[]; nextToken?: string } {
  const statuses = params.CertificateStatuses as string[] | undefined
  const includes = (params.Includes ?? {}) as { keyTypes?: string[] }
  const keyTypes = includes.keyTypes && includes.keyTypes.length > 0 ? includes.keyTypes : DEFAULT_KEY_TYPES
  const originsParam = params.CertificateKeyPairOrigins as string[] | undefined
  const origins = originsParam && originsParam.length > 0 ? originsParam : DEFAULT_KEY_PAIR_ORIGINS
  const maxItems = params.MaxItems === undefined ? MAX_ITEMS : Number(params.MaxItems)
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_ITEMS) {
    throw new ServiceError(
      400,
      'ValidationException',
      `1 validation error detected: Value '${String(params.MaxItems)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`
    )
  }
  let offset = 0
  if (params.NextToken !== undefined) {
    const decoded = Number(Buffer.from(String(params.NextToken), 'base64url').toString('utf8'))
    if (!Number.isInteger(decoded) || decoded < 0)
      throw new ServiceError(400, 'InvalidArgsException', 'The NextToken is not valid.')
    offset = decoded
  }
  const statusSet = statuses && statuses.length > 0 ? new Set(statuses) : undefined
  const keyTypeSet = new Set(keyTypes)
  const originSet = new Set<string>(origins)
  const matches = (certificate: EmulatedCertificate) =>
    (!statusSet || statusSet.has(certificate.status)) &&
    keyTypeSet.has(certificate.keyAlgorithm) &&
    originSet.has(certificate.keyPairOrigin)
  const page: EmulatedCertificate[] = []
  let index = offset
  for (; index < certificates.length && page.length < maxItems; index += 1) {
    const certificate = certificates[index] as EmulatedCertificate
    if (matches(certificate)) page.push(certificate)
  }
  // NextToken only when another matching certificate follows: look ahead to the first one, no further
  // (a large region is paged through in linear time, whatever its size).
  let more = false
  for (let next = index; next < certificates.length && !more; next += 1) more = matches(certificates[next] as EmulatedCertificate)
  return { page, ...(more ? { nextToken: Buffer.from(String(index), 'utf8').toString('base64url') } : {}) }
}

/** A certificate's summary as JSON (UTF-8), with the values it was made from (to notice that the certificate changed). */
interface SerialisedSummary {
  json: Buffer
  arn: string
  domain: string
  status: string
  type: string
  keyAlgorithm: string
  inUse: boolean
  renewalEligibility: string
  notBefore: number | undefined
  notAfter: number | undefined
  createdAt: number
  subjectAlternativeNames: string[]
  kind: string
}

/** The facts of the newer summary fields, as one string: a change to any of them rebuilds the summary. */
function kindOf(certificate: EmulatedCertificate): string {
  return [certificate.keyPairOrigin, certificate.managedBy, certificate.exportOption, certificate.exported].join('|')
}

/** Where a certificate keeps its serialised summary: a hidden property, cheaper than a WeakMap of 100,000 entries. */
const SERIALISED = Symbol('serialised summary')

function unchanged(certificate: EmulatedCertificate, cached: SerialisedSummary): boolean {
  const names = certificate.subjectAlternativeNames
  if (
    certificate.arn !== cached.arn ||
    certificate.domain !== cached.domain ||
    certificate.status !== cached.status ||
    certificate.type !== cached.type ||
    certificate.keyAlgorithm !== cached.keyAlgorithm ||
    certificate.inUseBy.length > 0 !== cached.inUse ||
    certificate.renewalEligibility !== cached.renewalEligibility ||
    certificate.notBefore?.getTime() !== cached.notBefore ||
    certificate.notAfter?.getTime() !== cached.notAfter ||
    certificate.createdAt.getTime() !== cached.createdAt ||
    kindOf(certificate) !== cached.kind ||
    names.length !== cached.subjectAlternativeNames.length
  ) {
    return false
  }
  for (let i = 0; i < names.length && i < 100; i += 1) if (names[i] !== cached.subjectAlternativeNames[i]) return false
  return true
}

/** JSON.stringify(summary(certificate)) in UTF-8, reused while nothing it depends on has changed (tests change certificates between runs). */
function summaryJson(certificate: EmulatedCertificate): Buffer {
  const holder = certificate as EmulatedCertificate & { [SERIALISED]?: SerialisedSummary }
  const cached = holder[SERIALISED]
  if (cached && unchanged(certificate, cached)) return cached.json
  const serialised: SerialisedSummary = {
    json: Buffer.from(JSON.stringify(summary(certificate))),
    arn: certificate.arn,
    domain: certificate.domain,
    status: certificate.status,
    type: certificate.type,
    keyAlgorithm: certificate.keyAlgorithm,
    inUse: certificate.inUseBy.length > 0,
    renewalEligibility: certificate.renewalEligibility,
    notBefore: certificate.notBefore?.getTime(),
    notAfter: certificate.notAfter?.getTime(),
    createdAt: certificate.createdAt.getTime(),
    subjectAlternativeNames: certificate.subjectAlternativeNames.slice(0, 100),
    kind: kindOf(certificate)
  }
  // Not enumerable: invisible to JSON.stringify, Object.keys and the tests' deep equality.
  Object.defineProperty(holder, SERIALISED, { value: serialised, writable: true, configurable: true, enumerable: false })
  return serialised.json
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
    ...(certificate.type === 'IMPORTED'
      ? { ImportedAt: epoch(certificate.createdAt) }
      : { IssuedAt: epoch(certificate.notBefore) }),
    CertificateKeyPairOrigin: certificate.keyPairOrigin,
    ...(certificate.managedBy ? { ManagedBy: certificate.managedBy } : {}),
    ...(certificate.exportOption ? { ExportOption: certificate.exportOption } : {}),
    ...(certificate.exported !== undefined ? { Exported: certificate.exported } : {})
  }
}

/** How ACM validated each name: none for imported and private certificates; HTTP when CloudFront manages it; else DNS unless set. */
function validationMethod(certificate: EmulatedCertificate): string | undefined {
  if (certificate.type !== 'AMAZON_ISSUED') return undefined
  return certificate.validationMethod ?? (certificate.managedBy === 'CLOUDFRONT' ? 'HTTP' : 'DNS')
}

/** Position of each ARN (its first occurrence) per certificate list, so that a look-up is not a scan of the region. */
const arnIndexes = new WeakMap<EmulatedCertificate[], Map<string, number>>()

function find(params: Record<string, unknown>, certificates: EmulatedCertificate[]): EmulatedCertificate {
  const arn = String(params.CertificateArn ?? '')
  let at = arnIndexes.get(certificates)?.get(arn)
  // The list may have changed since the index was built (certificates added, removed or replaced):
  // an entry is trusted only while it still points at that ARN; otherwise the index is rebuilt.
  if (at === undefined || certificates[at]?.arn !== arn) {
    const index = new Map<string, number>()
    certificates.forEach((candidate, position) => {
      if (!index.has(candidate.arn)) index.set(candidate.arn, position)
    })
    arnIndexes.set(certificates, index)
    at = index.get(arn)
  }
  const certificate = at === undefined ? undefined : certificates[at]
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
    CertificateKeyPairOrigin: certificate.keyPairOrigin,
    ...(certificate.managedBy ? { ManagedBy: certificate.managedBy } : {}),
    Options: {
      CertificateTransparencyLoggingPreference: 'ENABLED',
      Export: certificate.exportOption ?? 'DISABLED'
    },
    ...(certificate.acmeEndpointArn ? { AcmeEndpointArn: certificate.acmeEndpointArn } : {}),
    ...(certificate.certificateAuthorityArn ? { CertificateAuthorityArn: certificate.certificateAuthorityArn } : {}),
    ...(validationMethod(certificate)
      ? {
          DomainValidationOptions: [...new Set([certificate.domain, ...certificate.subjectAlternativeNames])].map((name) => ({
            DomainName: name,
            ValidationDomain: name,
            ValidationStatus: 'SUCCESS',
            ValidationMethod: validationMethod(certificate)
          }))
        }
      : {}),
    ...(certificate.renewal && certificate.type !== 'IMPORTED'
      ? {
          RenewalSummary: {
            RenewalStatus: certificate.renewal.status,
            ...(certificate.renewal.reason ? { RenewalStatusReason: certificate.renewal.reason } : {}),
            DomainValidationOptions: [
              {
                DomainName: certificate.domain,
                ValidationStatus: certificate.renewal.status === 'SUCCESS' ? 'SUCCESS' : 'PENDING_VALIDATION',
                ValidationMethod: validationMethod(certificate) ?? 'DNS'
              }
            ],
            UpdatedAt: epoch(certificate.createdAt)
          }
        }
      : {})
  }
}
