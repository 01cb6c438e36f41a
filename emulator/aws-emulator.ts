import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { acmResponseBody } from './acm-service.js'
import { GitHubApiEmulator } from './github-api.js'
import { readBody, xmlEscape } from './http-util.js'
import { parseAuthorization, verifySignature } from './sigv4.js'
import { OrganizationsEmulator } from './organizations-service.js'
import { AssumeRoleEmulator } from './sts-assume-role.js'
import { StsEmulator } from './sts-service.js'
import {
  type CallContext,
  type CertificateSeed,
  type EmulatedCertificate,
  type EmulatorHost,
  type Fault,
  type Identity,
  type RecordedCall,
  type Route,
  ServiceError
} from './types.js'

export const DEFAULT_ACCOUNT = '111122223333'
export const STATIC_ACCESS_KEY_ID = 'AKIAEMULATORSTATIC01'
export const STATIC_SECRET_ACCESS_KEY = 'emulator/static/secret/key/000000000000'

/** ACM's documented request quotas per account and region (requests per second). */
export const ACM_QUOTAS: Readonly<Record<string, number>> = {
  ListCertificates: 8,
  DescribeCertificate: 10,
  ListTagsForCertificate: 10
}

export interface EmulatorOptions {
  /** Delay added before every AWS response, as a stand-in for the network round trip. */
  latencyMs?: number
  /** Requests per second per (account, region, operation), as token buckets of that size; excess is answered with ThrottlingException. */
  quotas?: Readonly<Record<string, number>>
}

/**
 * A small HTTP server on 127.0.0.1 that speaks ACM's JSON protocol and EC2's query protocol as the real
 * AWS SDK sends them (SigV4-signed, checked against the secrets it knows), holds certificates per
 * (account, region), records every call, and injects faults on demand.
 */
export class AwsEmulator implements EmulatorHost {
  readonly calls: RecordedCall[] = []
  readonly identities = new Map<string, Identity>()
  /** Regions DescribeRegions reports per account; absent accounts get DEFAULT_ENABLED_REGIONS. */
  readonly enabledRegions = new Map<string, Array<{ name: string; optIn: 'opt-in-not-required' | 'opted-in' | 'not-opted-in' }>>()
  /** Decides, for each call, whether to inject a fault. */
  faults: ((call: CallContext) => Fault | undefined) | undefined
  latencyMs: number
  quotas: Readonly<Record<string, number>> | undefined
  /** Extra protocols (STS, OIDC, GitHub) register here: return true when the request was handled. */
  readonly routes: Route[] = []
  throttled = 0
  /** TCP connections clients opened to the emulator (every service), since it started or the count was reset. */
  connections = 0
  /** STS and the runner's OIDC token endpoint. */
  readonly sts: StsEmulator
  /** GitHub's REST issues endpoints, under /github. */
  readonly github: GitHubApiEmulator
  /** AWS Organizations: accounts, organizational units, the management account. */
  readonly organizations: OrganizationsEmulator
  /** STS AssumeRole into member roles, chained from another session. */
  readonly memberRoles: AssumeRoleEmulator

  private readonly certificates = new Map<string, EmulatedCertificate[]>()
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private server: Server | undefined
  private nextSerial = 0

  constructor(options: EmulatorOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0
    this.quotas = options.quotas
    this.sts = new StsEmulator(this)
    this.github = new GitHubApiEmulator(this)
    this.organizations = new OrganizationsEmulator(this)
    this.memberRoles = new AssumeRoleEmulator(this)
    this.addIdentity({
      accessKeyId: STATIC_ACCESS_KEY_ID,
      secretAccessKey: STATIC_SECRET_ACCESS_KEY,
      account: DEFAULT_ACCOUNT,
      arn: `arn:aws:iam::${DEFAULT_ACCOUNT}:user/emulator`
    })
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null
    if (!address) throw new Error('The emulator is not started.')
    return `http://127.0.0.1:${address.port}`
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' })
        response.end(String(error))
      })
    })
    this.server.keepAliveTimeout = 5000
    this.server.on('connection', () => (this.connections += 1))
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve))
    return this.url
  }

  async stop(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = undefined
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  addIdentity(identity: Identity): void {
    this.identities.set(identity.accessKeyId, identity)
  }

  /** Adds certificates to an (account, region); fields left out get realistic defaults. */
  addCertificates(region: string, seeds: readonly CertificateSeed[], account = DEFAULT_ACCOUNT): EmulatedCertificate[] {
    const list = this.certificatesOf(account, region)
    const added = seeds.map((seed) => this.certificate(region, account, seed))
    for (const certificate of added) list.push(certificate) // not push(...added): no argument-count limit
    return added
  }

  certificatesOf(account: string, region: string): EmulatedCertificate[] {
    const key = `${account}:${region}`
    let list = this.certificates.get(key)
    if (!list) {
      list = []
      this.certificates.set(key, list)
    }
    return list
  }

  findCertificate(arn: string): EmulatedCertificate | undefined {
    for (const list of this.certificates.values()) {
      const found = list.find((certificate) => certificate.arn === arn)
      if (found) return found
    }
    return undefined
  }

  callsTo(operation: string): RecordedCall[] {
    return this.calls.filter((call) => call.operation === operation)
  }

  private certificate(region: string, account: string, seed: CertificateSeed): EmulatedCertificate {
    this.nextSerial += 1
    const id = `${String(this.nextSerial).padStart(8, '0')}-0000-4000-8000-${String(this.nextSerial).padStart(12, '0')}`
    const type = seed.type ?? 'AMAZON_ISSUED'
    const notAfter = 'notAfter' in seed ? seed.notAfter : new Date(Date.now() + 180 * 86_400_000)
    return {
      arn: seed.arn ?? `arn:aws:acm:${region}:${account}:certificate/${id}`,
      domain: seed.domain,
      subjectAlternativeNames: seed.subjectAlternativeNames ?? [seed.domain],
      status:
        seed.status ?? (notAfter && notAfter.getTime() < Date.now() ? 'EXPIRED' : notAfter ? 'ISSUED' : 'PENDING_VALIDATION'),
      type,
      keyAlgorithm: seed.keyAlgorithm ?? 'RSA_2048',
      keyPairOrigin: seed.keyPairOrigin ?? (type === 'IMPORTED' ? 'CUSTOMER_PROVIDED' : 'AWS_MANAGED'),
      ...(notAfter ? { notAfter, notBefore: seed.notBefore ?? new Date(notAfter.getTime() - 198 * 86_400_000) } : {}),
      createdAt: seed.createdAt ?? new Date(Date.now() - 30 * 86_400_000),
      inUseBy: seed.inUseBy ?? [`arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/app/web/${this.nextSerial}`],
      renewalEligibility: seed.renewalEligibility ?? (type === 'IMPORTED' ? 'INELIGIBLE' : 'ELIGIBLE'),
      ...(seed.renewal ? { renewal: seed.renewal } : {}),
      tags: seed.tags ?? {},
      ...(seed.managedBy ? { managedBy: seed.managedBy } : {}),
      ...(seed.exportOption ? { exportOption: seed.exportOption } : {}),
      ...(seed.exported !== undefined ? { exported: seed.exported } : {}),
      ...(seed.validationMethod ? { validationMethod: seed.validationMethod } : {}),
      ...(seed.acmeEndpointArn ? { acmeEndpointArn: seed.acmeEndpointArn } : {}),
      ...(seed.certificateAuthorityArn || type === 'PRIVATE'
        ? {
            certificateAuthorityArn:
              seed.certificateAuthorityArn ??
              `arn:aws:acm-pca:${region}:${account}:certificate-authority/00000000-0000-4000-8000-00000000ca01`
          }
        : {})
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = performance.now()
    const body = await readBody(request)
    for (const route of this.routes) if (await route(request, body, response)) return
    const target = request.headers['x-amz-target']
    if (typeof target === 'string' && target.startsWith('CertificateManager.')) {
      await this.handleAcm(request, body, response, target.slice('CertificateManager.'.length), receivedAt)
      return
    }
    const form = new URLSearchParams(body)
    if (form.get('Action') === 'DescribeRegions') {
      await this.handleEc2(request, body, response, form)
      return
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end(`No emulated service for ${request.method} ${request.url}`)
  }

  /** Checks the signature and credentials; returns the identity or throws the error AWS would send. */
  async authenticate(request: IncomingMessage, body: string): Promise<{ identity: Identity; region: string }> {
    const scope = parseAuthorization(request.headers.authorization)
    if (!scope) throw new ServiceError(400, 'MissingAuthenticationTokenException', 'Request is missing Authentication Token')
    const identity = this.identities.get(scope.accessKeyId)
    if (!identity)
      throw new ServiceError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.')
    if (identity.sessionToken !== undefined && request.headers['x-amz-security-token'] !== identity.sessionToken) {
      throw new ServiceError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.')
    }
    const valid = await verifySignature(
      { method: request.method ?? 'POST', path: request.url ?? '/', headers: request.headers, body },
      scope,
      identity
    )
    if (!valid) {
      throw new ServiceError(
        400,
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided.'
      )
    }
    if (identity.expiresAt !== undefined && Date.now() >= identity.expiresAt) {
      throw new ServiceError(400, 'ExpiredTokenException', 'The security token included in the request is expired')
    }
    return { identity, region: scope.region }
  }

  private async handleAcm(
    request: IncomingMessage,
    body: string,
    response: ServerResponse,
    operation: string,
    receivedAt: number
  ) {
    const started = performance.now()
    let params: Record<string, unknown> = {}
    const call: RecordedCall = {
      service: 'acm',
      operation,
      params,
      status: 200,
      serverMs: 0,
      receivedAt: performance.timeOrigin + receivedAt
    }
    this.calls.push(call)
    try {
      params = body ? (JSON.parse(body) as Record<string, unknown>) : {}
      call.params = params
      const { identity, region } = await this.authenticate(request, body)
      Object.assign(call, { account: identity.account, region, accessKeyId: identity.accessKeyId })
      if (await this.injectFault(call, response, started, 'json')) return
      this.enforceQuota(identity.account, region, operation, receivedAt)
      const payload = acmResponseBody(operation, params, this.certificatesOf(identity.account, region))
      call.serverMs = performance.now() - started
      await this.delay()
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() }).end(payload)
    } catch (error) {
      call.serverMs = performance.now() - started
      await this.delay()
      this.sendJsonError(response, call, error)
    }
  }

  private async handleEc2(request: IncomingMessage, body: string, response: ServerResponse, form: URLSearchParams) {
    const started = performance.now()
    const call: RecordedCall = {
      service: 'ec2',
      operation: 'DescribeRegions',
      params: Object.fromEntries(form),
      status: 200,
      serverMs: 0
    }
    this.calls.push(call)
    try {
      const { identity, region } = await this.authenticate(request, body)
      Object.assign(call, { account: identity.account, region, accessKeyId: identity.accessKeyId })
      if (await this.injectFault(call, response, started, 'xml')) return
      const all = form.get('AllRegions') === 'true'
      const regions = (this.enabledRegions.get(identity.account) ?? DEFAULT_ENABLED_REGIONS).filter(
        (entry) => all || entry.optIn !== 'not-opted-in'
      )
      const items = regions
        .map(
          (entry) =>
            `<item><regionName>${entry.name}</regionName><regionEndpoint>ec2.${entry.name}.amazonaws.com</regionEndpoint><optInStatus>${entry.optIn}</optInStatus></item>`
        )
        .join('')
      call.serverMs = performance.now() - started
      await this.delay()
      response
        .writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${randomUUID()}</requestId><regionInfo>${items}</regionInfo></DescribeRegionsResponse>`
        )
    } catch (error) {
      const failure = error instanceof ServiceError ? error : new ServiceError(500, 'InternalError', String(error))
      call.status = failure.status
      call.serverMs = performance.now() - started
      response
        .writeHead(failure.status, { 'content-type': 'text/xml;charset=UTF-8' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${failure.code}</Code><Message>${xmlEscape(failure.message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`
        )
    }
  }

  /** Applies the fault the test asked for, if any; true when the response has been dealt with. */
  async injectFault(call: RecordedCall, response: ServerResponse, started: number, shape: 'json' | 'xml'): Promise<boolean> {
    const fault = this.faults?.({
      service: call.service,
      operation: call.operation,
      account: call.account,
      region: call.region,
      params: call.params
    })
    if (!fault) return false
    call.serverMs = performance.now() - started
    switch (fault.kind) {
      case 'error':
        if (shape === 'xml') throw new ServiceError(fault.status, fault.code, fault.message ?? fault.code)
        await this.delay()
        this.sendJsonError(response, call, new ServiceError(fault.status, fault.code, fault.message ?? fault.code))
        return true
      case 'hang':
        call.status = 0
        return true
      case 'reset':
        call.status = 0
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': '1000' })
        response.write('{"CertificateSummaryList":[')
        setTimeout(() => response.socket?.destroy(), 10)
        return true
      case 'malformed':
        await this.delay()
        call.status = fault.status ?? 200
        response
          .writeHead(call.status, { 'content-type': fault.contentType ?? 'application/x-amz-json-1.1' })
          .end(fault.body ?? '{"CertificateSummaryList":[{"CertificateArn":')
        return true
    }
  }

  /**
   * A token bucket per (account, region, operation), as ACM enforces its quotas: `limit` tokens at most,
   * full at first, refilled at `limit` a second; a request that finds no token is throttled. Counted at
   * the moment the request arrived (as AWS's front end would), not when it was processed.
   */
  private enforceQuota(account: string, region: string, operation: string, now: number): void {
    const limit = this.quotas?.[operation]
    if (!limit) return
    const key = `${account}:${region}:${operation}`
    const bucket = this.buckets.get(key) ?? { tokens: limit, at: now }
    bucket.tokens = Math.min(limit, bucket.tokens + (Math.max(0, now - bucket.at) * limit) / 1000)
    bucket.at = Math.max(bucket.at, now)
    this.buckets.set(key, bucket)
    if (bucket.tokens < 1) {
      this.throttled += 1
      throw new ServiceError(400, 'ThrottlingException', 'Rate exceeded')
    }
    bucket.tokens -= 1
  }

  private sendJsonError(response: ServerResponse, call: RecordedCall, error: unknown): void {
    const failure = error instanceof ServiceError ? error : new ServiceError(500, 'InternalFailure', String(error))
    call.status = failure.status
    const messageKey = failure.code === 'AccessDeniedException' ? 'Message' : 'message'
    response
      .writeHead(failure.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() })
      .end(JSON.stringify({ __type: failure.code, [messageKey]: failure.message }))
  }

  private async delay(): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs))
  }
}

export const DEFAULT_ENABLED_REGIONS: Array<{ name: string; optIn: 'opt-in-not-required' | 'opted-in' | 'not-opted-in' }> = [
  { name: 'us-east-1', optIn: 'opt-in-not-required' },
  { name: 'us-west-2', optIn: 'opt-in-not-required' },
  { name: 'eu-west-1', optIn: 'opt-in-not-required' },
  { name: 'ap-southeast-2', optIn: 'opt-in-not-required' },
  { name: 'af-south-1', optIn: 'not-opted-in' }
]
