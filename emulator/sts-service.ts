import { randomBytes, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import { stsAnswer, xmlEscape } from './http-util.js'
import { type RecordedCall, ServiceError, type EmulatorHost } from './types.js'

/** A role that trusts GitHub's OIDC provider, with the conditions of its trust policy. */
export interface EmulatedRole {
  account: string
  /** The token's `aud` must equal this. */
  audience: string
  /** A glob (only `*`) the token's `sub` must match. */
  subject: string
}

export interface IssuedToken {
  audience: string
  claims: Record<string, unknown>
  value: string
}

/**
 * The runner's OIDC token endpoint and STS (AssumeRoleWithWebIdentity, GetCallerIdentity) in STS's query
 * protocol with XML responses, installed as routes of an AwsEmulator.
 */
export class StsEmulator {
  /** What the runner gives a job with `id-token: write` as ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  readonly requestToken = `runner-request-${randomBytes(8).toString('hex')}`
  readonly roles = new Map<string, EmulatedRole>()
  readonly tokens: IssuedToken[] = []
  /** The `sub` claim of tokens this runner issues. */
  subject = 'repo:octo-org/infrastructure:ref:refs/heads/main'
  /** Lifetime of the role sessions issued, overriding DurationSeconds (to test expiry). */
  sessionLifetimeMs: number | undefined

  constructor(private readonly aws: EmulatorHost) {
    aws.routes.push((request, body, response) => this.route(request, body, response))
  }

  get tokenUrl(): string {
    return `${this.aws.url}/_oidc/token?api-version=2.0`
  }

  /** Environment a job with `permissions: id-token: write` gets. */
  get runnerEnv(): Record<string, string> {
    return { ACTIONS_ID_TOKEN_REQUEST_URL: this.tokenUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.requestToken }
  }

  addRole(arn: string, role: Partial<EmulatedRole> = {}): void {
    this.roles.set(arn, {
      account: role.account ?? arn.split(':')[4] ?? '',
      audience: role.audience ?? 'sts.amazonaws.com',
      subject: role.subject ?? 'repo:octo-org/infrastructure:*'
    })
  }

  private async route(request: IncomingMessage, body: string, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (request.method === 'GET' && url.pathname === '/_oidc/token') {
      this.issueToken(request, url, response)
      return true
    }
    if (request.method !== 'POST' || request.headers['x-amz-target']) return false
    const form = new URLSearchParams(body)
    const action = form.get('Action')
    if (action !== 'AssumeRoleWithWebIdentity' && action !== 'GetCallerIdentity') return false
    const started = performance.now()
    const call: RecordedCall = { service: 'sts', operation: action, params: Object.fromEntries(form), status: 200, serverMs: 0 }
    this.aws.calls.push(call)
    try {
      const result =
        action === 'AssumeRoleWithWebIdentity' ? this.assumeRole(form, call) : await this.callerIdentity(request, body, call)
      stsAnswer(response, call, started, action, { result })
    } catch (error) {
      stsAnswer(response, call, started, action, { error })
    }
    return true
  }

  private issueToken(request: IncomingMessage, url: URL, response: ServerResponse): void {
    const audience = url.searchParams.get('audience') ?? ''
    const call: RecordedCall = { service: 'oidc', operation: 'GetIdToken', params: { audience }, status: 200, serverMs: 0 }
    this.aws.calls.push(call)
    if (request.headers.authorization !== `Bearer ${this.requestToken}`) {
      call.status = 401
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}')
      return
    }
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: 'https://token.actions.githubusercontent.com',
      aud: audience,
      sub: this.subject,
      repository: 'octo-org/infrastructure',
      iat: now,
      nbf: now,
      exp: now + 300,
      jti: randomUUID()
    }
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const value = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'emulator' })}.${encode(claims)}.${randomBytes(32).toString('base64url')}`
    this.tokens.push({ audience, claims, value })
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count: 1, value }))
  }

  private assumeRole(form: URLSearchParams, call: RecordedCall): string {
    const roleArn = form.get('RoleArn') ?? ''
    const sessionName = form.get('RoleSessionName') ?? ''
    const duration = Number(form.get('DurationSeconds') ?? '3600')
    const token = this.tokens.find((issued) => issued.value === form.get('WebIdentityToken'))
    if (!token)
      throw new ServiceError(400, 'InvalidIdentityToken', "Couldn't retrieve verification key from your identity provider")
    if (Number(token.claims.exp) * 1000 < Date.now()) throw new ServiceError(400, 'ExpiredTokenException', 'Token expired')
    const role = this.roles.get(roleArn)
    if (!role) throw new ServiceError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity')
    if (token.audience !== role.audience) throw new ServiceError(400, 'InvalidIdentityToken', 'Incorrect token audience')
    if (!globMatch(String(token.claims.sub), role.subject))
      throw new ServiceError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity')
    if (!/^[\w+=,.@-]{2,64}$/u.test(sessionName)) throw new ServiceError(400, 'ValidationError', 'Invalid RoleSessionName')
    if (duration < 900 || duration > 43200) throw new ServiceError(400, 'ValidationError', 'Invalid DurationSeconds')
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`
    const secretAccessKey = randomBytes(30).toString('base64')
    const sessionToken = `IQoJb3JpZ2luX2Vj${randomBytes(48).toString('base64')}`
    const expiresAt = Date.now() + (this.sessionLifetimeMs ?? duration * 1000)
    const roleName = roleArn.split('/').pop() ?? ''
    const arn = `arn:aws:sts::${role.account}:assumed-role/${roleName}/${sessionName}`
    this.aws.addIdentity({ accessKeyId, secretAccessKey, sessionToken, account: role.account, arn, expiresAt })
    Object.assign(call, { account: role.account, accessKeyId })
    return `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${secretAccessKey}</SecretAccessKey><SessionToken>${sessionToken}</SessionToken><Expiration>${new Date(expiresAt).toISOString()}</Expiration></Credentials><SubjectFromWebIdentityToken>${xmlEscape(String(token.claims.sub))}</SubjectFromWebIdentityToken><AssumedRoleUser><Arn>${arn}</Arn><AssumedRoleId>AROAEMULATOR:${sessionName}</AssumedRoleId></AssumedRoleUser><Provider>token.actions.githubusercontent.com</Provider><Audience>${xmlEscape(token.audience)}</Audience>`
  }

  private async callerIdentity(request: IncomingMessage, body: string, call: RecordedCall): Promise<string> {
    const { identity, region } = await this.aws.authenticate(request, body)
    Object.assign(call, { account: identity.account, region, accessKeyId: identity.accessKeyId })
    return `<Arn>${identity.arn}</Arn><UserId>AIDAEMULATOR</UserId><Account>${identity.account}</Account>`
  }
}

function globMatch(value: string, pattern: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/gu, '\\$&'))
      .join('.*')}$`,
    'u'
  )
  return regex.test(value)
}
