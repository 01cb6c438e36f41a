import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import { stsAnswer } from './http-util.js'
import { type Identity, type RecordedCall, ServiceError, type EmulatorHost } from './types.js'

/** Role chaining caps a session at one hour whatever DurationSeconds asks; asking for more is refused. */
export const CHAINED_SESSION_MAX_SECONDS = 3600

/** A role assumable with sts:AssumeRole, and the principals its trust policy names. */
export interface MemberRole {
  arn: string
  account: string
  /** Role ARNs (arn:aws:iam::A:role/N) or account roots (arn:aws:iam::A:root) the trust policy allows. */
  trusted: string[]
}

/**
 * STS AssumeRole in the query protocol (SigV4-signed, XML answers), installed as a route of an AwsEmulator.
 * A session obtained from another role session is chained: it lasts at most an hour. A missing role, or a
 * trust policy that does not name the caller's role, is AccessDenied, as AWS answers both.
 */
export class AssumeRoleEmulator {
  readonly roles = new Map<string, MemberRole>()
  /** Lifetime of the sessions issued, overriding DurationSeconds (to test renewal). */
  sessionLifetimeMs: number | undefined

  constructor(private readonly aws: EmulatorHost) {
    aws.routes.push((request, body, response) => this.route(request, body, response))
  }

  /** A role named `name` in `account`, trusting the given principals. */
  addRole(account: string, name: string, trusted: readonly string[]): MemberRole {
    const arn = `arn:aws:iam::${account}:role/${name}`
    const role = { arn, account, trusted: [...trusted] }
    this.roles.set(arn, role)
    return role
  }

  private async route(request: IncomingMessage, body: string, response: ServerResponse): Promise<boolean> {
    if (request.method !== 'POST' || request.headers['x-amz-target']) return false
    const form = new URLSearchParams(body)
    if (form.get('Action') !== 'AssumeRole') return false
    const started = performance.now()
    const call: RecordedCall = {
      service: 'sts',
      operation: 'AssumeRole',
      params: Object.fromEntries(form),
      status: 200,
      serverMs: 0
    }
    this.aws.calls.push(call)
    try {
      const { identity, region } = await this.aws.authenticate(request, body)
      Object.assign(call, { account: identity.account, region, accessKeyId: identity.accessKeyId })
      if (await this.aws.injectFault(call, response, started, 'xml')) return true
      const result = this.assume(identity, form)
      stsAnswer(response, call, started, 'AssumeRole', { result })
    } catch (error) {
      stsAnswer(response, call, started, 'AssumeRole', { error })
    }
    return true
  }

  private assume(caller: Identity, form: URLSearchParams): string {
    const roleArn = form.get('RoleArn') ?? ''
    const sessionName = form.get('RoleSessionName') ?? ''
    const duration = Number(form.get('DurationSeconds') ?? '3600')
    if (!/^[\w+=,.@-]{2,64}$/u.test(sessionName)) throw new ServiceError(400, 'ValidationError', 'Invalid RoleSessionName')
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw new ServiceError(400, 'ValidationError', 'Invalid DurationSeconds')
    }
    const callerRole = roleOfSession(caller.arn)
    const chained = callerRole !== undefined
    if (chained && duration > CHAINED_SESSION_MAX_SECONDS) {
      throw new ServiceError(
        400,
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
      )
    }
    const role = this.roles.get(roleArn)
    const principal = callerRole ?? caller.arn
    const callerRoot = `arn:aws:iam::${caller.account}:root`
    if (!role || !role.trusted.some((trusted) => trusted === principal || trusted === callerRoot)) {
      throw new ServiceError(
        403,
        'AccessDenied',
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`
      )
    }
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`
    const secretAccessKey = randomBytes(30).toString('base64')
    const sessionToken = `IQoJb3JpZ2luX2Vj${randomBytes(48).toString('base64')}`
    const expiresAt = Date.now() + (this.sessionLifetimeMs ?? duration * 1000)
    const roleName = roleArn.split('/').pop() ?? ''
    const arn = `arn:aws:sts::${role.account}:assumed-role/${roleName}/${sessionName}`
    this.aws.addIdentity({ accessKeyId, secretAccessKey, sessionToken, account: role.account, arn, expiresAt })
    return `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${secretAccessKey}</SecretAccessKey><SessionToken>${sessionToken}</SessionToken><Expiration>${new Date(expiresAt).toISOString()}</Expiration></Credentials><AssumedRoleUser><Arn>${arn}</Arn><AssumedRoleId>AROAEMULATOR:${sessionName}</AssumedRoleId></AssumedRoleUser>`
  }
}

/** The role ARN behind an assumed-role session ARN (arn:aws:sts::A:assumed-role/N/S → arn:aws:iam::A:role/N). */
export function roleOfSession(sessionArn: string): string | undefined {
  const match = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/u.exec(sessionArn)
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : undefined
}
