import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { errorCode, explainAwsError } from './errors.js'
import type { AuditTarget } from './audit-run.js'
import { arnParts } from '../shared/aws-names.js'
import { messageOf } from '../shared/format.js'
import type { Inputs, RoleToAssume } from '../types.js'
import { canRequestIdToken, MissingIdTokenPermissionError, tokenClaims } from './oidc-token.js'
import type { WebIdentityRequest } from './sts.js'
import { ALL_REGIONS, type ScanFailure } from '../types.js'

/** An account to audit and the credentials to audit it with (none: the default credential chain). */
export interface CredentialTarget extends AuditTarget {
  roleArn?: string
  credentials?: AwsCredentialIdentityProvider
}

export interface TargetDependencies {
  getIdToken(audience: string): Promise<string>
  assumeRole(request: WebIdentityRequest): Promise<AwsCredentialIdentity>
  callerAccount(): Promise<string>
  /** Hides a value from the logs (core.setSecret). */
  mask(secret: string): void
  now?(): number
  /** Renew a role session this long before it expires: the longest one command may take (longestCommandMs). */
  renewBeforeMs?: number
}

/** Renew a role session at least this long before it expires. */
const MIN_RENEW_BEFORE_MS = 60_000

/**
 * How long before expiry a session is renewed: long enough for a full retry sequence, but at most half the
 * session's life (a session shorter than that could not hold the sequence anyway, and must not be renewed
 * on every call).
 */
export function renewBefore(requestedMs: number | undefined, sessionSeconds: number): number {
  return Math.min(Math.max(requestedMs ?? 0, MIN_RENEW_BEFORE_MS), (sessionSeconds * 1000) / 2)
}

/**
 * Turns the credential inputs into targets. With role-to-assume: one OIDC token, exchanged for a session
 * per role; a role that cannot be assumed becomes a failure for its account, the others go on. Without:
 * one target on the default credential chain, its account read with GetCallerIdentity.
 */
export async function resolveTargets(
  inputs: Pick<Inputs, 'roles' | 'roleSessionName' | 'roleDurationSeconds' | 'audience'>,
  env: NodeJS.ProcessEnv,
  deps: TargetDependencies
): Promise<{ targets: CredentialTarget[]; failures: ScanFailure[] }> {
  if (inputs.roles.length === 0) {
    try {
      return { targets: [{ account: await deps.callerAccount() }], failures: [] }
    } catch (error) {
      return {
        targets: [],
        failures: [
          {
            account: undefined,
            region: ALL_REGIONS,
            message: explainAwsError(error, 'sts:GetCallerIdentity', 'the account of the default credentials'),
            code: errorCode(error)
          }
        ]
      }
    }
  }
  if (!canRequestIdToken(env)) throw new MissingIdTokenPermissionError()
  let token: string
  try {
    token = await deps.getIdToken(inputs.audience)
  } catch (error) {
    // No role can be assumed: every account is reported as not read, through the usual summary and outputs.
    const detail = messageOf(error)
    const message = `Could not get the workflow's OIDC token (audience "${inputs.audience}"), so no role could be assumed: check that the job has "permissions: id-token: write" and that the runner can reach its token service. ${detail}`
    return {
      targets: [],
      failures: inputs.roles.map((role) => ({ account: role.account, region: ALL_REGIONS, message, code: errorCode(error) }))
    }
  }
  deps.mask(token)
  const settled = await Promise.all(inputs.roles.map((role) => assume(role, token, inputs, deps)))
  return {
    targets: settled.flatMap((outcome) => ('target' in outcome ? [outcome.target] : [])),
    failures: settled.flatMap((outcome) => ('failure' in outcome ? [outcome.failure] : []))
  }
}

async function assume(
  role: RoleToAssume,
  token: string,
  inputs: Pick<Inputs, 'roleSessionName' | 'roleDurationSeconds' | 'audience'>,
  deps: TargetDependencies
): Promise<{ target: CredentialTarget } | { failure: ScanFailure }> {
  const request = (webToken: string): WebIdentityRequest => ({
    roleArn: role.arn,
    sessionName: inputs.roleSessionName,
    durationSeconds: inputs.roleDurationSeconds,
    token: webToken
  })
  const open = async (webToken: string) => maskSession(await deps.assumeRole(request(webToken)), deps.mask)
  try {
    const first = await open(token)
    const renew = async () => {
      const fresh = await deps.getIdToken(inputs.audience)
      deps.mask(fresh)
      return open(fresh)
    }
    const margin = renewBefore(deps.renewBeforeMs, inputs.roleDurationSeconds)
    return {
      target: { account: role.account, roleArn: role.arn, credentials: renewing(first, renew, deps.now ?? Date.now, margin) }
    }
  } catch (error) {
    return {
      failure: {
        account: role.account,
        region: ALL_REGIONS,
        message: explainAssumeRoleError(error, role.arn, token, inputs.audience),
        code: errorCode(error)
      }
    }
  }
}

/** Hides a new session's keys and token from the logs the moment it exists, and returns it. */
export function maskSession(session: AwsCredentialIdentity, mask: (secret: string) => void): AwsCredentialIdentity {
  mask(session.accessKeyId)
  mask(session.secretAccessKey)
  if (session.sessionToken) mask(session.sessionToken)
  return session
}

/** A provider that hands out the session and opens a new one shortly before it expires. */
export function renewing(
  first: AwsCredentialIdentity,
  renew: () => Promise<AwsCredentialIdentity>,
  now: () => number,
  marginMs: number
): AwsCredentialIdentityProvider {
  let current = first
  let pending: Promise<AwsCredentialIdentity> | undefined
  return async () => {
    if (current.expiration && current.expiration.getTime() - now() < marginMs) {
      pending ??= renew().finally(() => {
        pending = undefined
      })
      current = await pending
    }
    return current
  }
}

/** Says why a role could not be assumed, with the token's subject so the trust policy can be compared. */
export function explainAssumeRoleError(error: unknown, roleArn: string, token: string, audience: string): string {
  const code = errorCode(error)
  const claims = tokenClaims(token)
  const subject = typeof claims.sub === 'string' ? claims.sub : 'unknown'
  const detail = messageOf(error)
  const { account } = arnParts(roleArn)
  switch (code) {
    case 'AccessDenied':
    case 'AccessDeniedException':
      return `Could not assume ${roleArn}: AWS denied sts:AssumeRoleWithWebIdentity. The role's trust policy must trust the federated principal token.actions.githubusercontent.com with the conditions "token.actions.githubusercontent.com:aud" = "${audience}" and "token.actions.githubusercontent.com:sub" matching this workflow's subject "${subject}". AWS said: ${detail}`
    case 'InvalidIdentityToken':
    case 'InvalidIdentityTokenException':
      return `Could not assume ${roleArn}: AWS rejected the workflow's OIDC token. Check that account ${account} has an IAM OIDC identity provider for https://token.actions.githubusercontent.com whose audience list includes "${audience}" (the audience input). AWS said: ${detail}`
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return `Could not assume ${roleArn}: the OIDC token expired before AWS saw it; run the step again. AWS said: ${detail}`
    default:
      return explainAwsError(error, 'sts:AssumeRoleWithWebIdentity', `account ${account} (${roleArn})`)
  }
}
