import type { IncomingMessage, ServerResponse } from 'node:http'

export type CertificateTypeName = 'IMPORTED' | 'AMAZON_ISSUED' | 'PRIVATE'

/** A certificate as the emulator holds it. */
export interface EmulatedCertificate {
  arn: string
  domain: string
  subjectAlternativeNames: string[]
  status: string
  type: CertificateTypeName
  /** ListCertificates spelling: RSA_2048, EC_prime256v1… */
  keyAlgorithm: string
  /** CertificateKeyPairOrigin (any string, to play a value ACM adds later). */
  keyPairOrigin: 'AWS_MANAGED' | 'ACME' | 'CUSTOMER_PROVIDED' | (string & {})
  notBefore?: Date
  notAfter?: Date
  createdAt: Date
  inUseBy: string[]
  renewalEligibility: 'ELIGIBLE' | 'INELIGIBLE'
  renewal?: { status: string; reason?: string }
  tags: Record<string, string>
  /** ManagedBy: CLOUDFRONT for a certificate CloudFront requested (any string, to play a value ACM adds later). */
  managedBy?: string
  /** ExportOption: ENABLED for an exportable public certificate. */
  exportOption?: 'ENABLED' | 'DISABLED'
  /** Exported since it was issued or last renewed. */
  exported?: boolean
  /** DomainValidationOptions[].ValidationMethod of an ACM-issued certificate (default DNS; HTTP when CloudFront manages it). */
  validationMethod?: 'DNS' | 'EMAIL' | 'HTTP'
  /** DescribeCertificate's AcmeEndpointArn (ACME-issued certificates). */
  acmeEndpointArn?: string
  /** DescribeCertificate's CertificateAuthorityArn (PRIVATE certificates). */
  certificateAuthorityArn?: string
}

export type CertificateSeed = Partial<Omit<EmulatedCertificate, 'domain'>> & { domain: string }

/** Credentials the emulator accepts, and the account they act in. */
export interface Identity {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  account: string
  arn: string
  /** Epoch ms after which requests signed with these credentials get ExpiredTokenException. */
  expiresAt?: number
}

export interface RecordedCall {
  service: 'acm' | 'ec2' | 'sts' | 'oidc' | 'github' | 'organizations'
  operation: string
  account?: string
  region?: string
  accessKeyId?: string
  params: Record<string, unknown>
  status: number
  /** Time the emulator spent on the request, without injected latency. */
  serverMs: number
  /** When the request arrived (epoch ms with fractions: performance.timeOrigin + performance.now()); ACM only. */
  receivedAt?: number
}

export type Fault =
  | { kind: 'error'; status: number; code: string; message?: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  /** A 200 answer with a truncated JSON body, or the given body, status and content type (a proxy's HTML page). */
  | { kind: 'malformed'; body?: string; status?: number; contentType?: string }

export interface CallContext {
  service: RecordedCall['service']
  operation: string
  account?: string
  region?: string
  params: Record<string, unknown>
}

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

/** A protocol handler the server tries in turn: true when it answered the request. */
export type Route = (request: IncomingMessage, body: string, response: ServerResponse) => Promise<boolean>

/**
 * What a service module (STS, Organizations, GitHub…) needs of the server that routes requests to it:
 * AwsEmulator passes itself as this, so the services never import the server.
 */
export interface EmulatorHost {
  readonly url: string
  readonly calls: RecordedCall[]
  readonly routes: Route[]
  addIdentity(identity: Identity): void
  /** Checks the signature and credentials; returns the identity or throws the error AWS would send. */
  authenticate(request: IncomingMessage, body: string): Promise<{ identity: Identity; region: string }>
  /** Applies the fault the test asked for, if any; true when the response has been dealt with. */
  injectFault(call: RecordedCall, response: ServerResponse, started: number, shape: 'json' | 'xml'): Promise<boolean>
}
