import type { AwsCredentialIdentity } from '@smithy/types'
import type { ClientSettings } from './clients.js'
import { type CredentialTarget, maskSession, renewBefore, renewing } from './credentials.js'
import { errorCode, explainAwsError } from './errors.js'
import { createRoleChain } from './organization-targets.js'
import { messageOf } from '../shared/format.js'
import { ALL_REGIONS, type RoleToAssume, type ScanFailure } from '../types.js'

export interface AssumedRoleDependencies {
  /** sts:AssumeRole into the role, signed with the caller's own credentials (the default chain or a profile). */
  assumeRole(roleArn: string): Promise<AwsCredentialIdentity>
  mask(secret: string): void
  now?(): number
  /** Renew a session this long before it expires: the longest one command may take (longestCommandMs). */
  renewBeforeMs?: number
}

export interface CallerRoleOptions {
  sessionName: string
  durationSeconds: number
  /** Passed to sts:AssumeRole when the roles' trust policies ask for one (sts:ExternalId). */
  externalId?: string
}

/**
 * The command's --role-arn: each role assumed with sts:AssumeRole, signed with the caller's credentials
 * (`settings`), through one STS client. The action never loads this (its roles take the OIDC token).
 */
export async function assumeRolesAsCaller(
  roles: readonly RoleToAssume[],
  settings: ClientSettings,
  options: CallerRoleOptions,
  deps: Pick<AssumedRoleDependencies, 'mask' | 'renewBeforeMs'>
): Promise<{ targets: CredentialTarget[]; failures: ScanFailure[] }> {
  const chain = createRoleChain(settings, options.sessionName, {
    durationSeconds: options.durationSeconds,
    ...(options.externalId ? { externalId: options.externalId } : {})
  })
  try {
    return await resolveAssumedRoles(roles, options.durationSeconds, { ...deps, assumeRole: (roleArn) => chain.assume(roleArn) })
  } finally {
    chain.destroy()
  }
}

/**
 * One session per role, each opened with sts:AssumeRole from the caller's credentials (as the command's
 * --role-arn does) and renewed before it expires. A role that cannot be assumed is its account's failure;
 * the other accounts go on.
 */
export async function resolveAssumedRoles(
  roles: readonly RoleToAssume[],
  sessionSeconds: number,
  deps: AssumedRoleDependencies
): Promise<{ targets: CredentialTarget[]; failures: ScanFailure[] }> {
  const settled = await Promise.all(
    roles.map(async (role): Promise<{ target: CredentialTarget } | { failure: ScanFailure }> => {
      const open = async () => maskSession(await deps.assumeRole(role.arn), deps.mask)
      try {
        const session = await open()
        const margin = renewBefore(deps.renewBeforeMs, sessionSeconds)
        return {
          target: { account: role.account, roleArn: role.arn, credentials: renewing(session, open, deps.now ?? Date.now, margin) }
        }
      } catch (error) {
        return {
          failure: {
            account: role.account,
            region: ALL_REGIONS,
            message: explainAssumedRoleError(error, role),
            code: errorCode(error)
          }
        }
      }
    })
  )
  return {
    targets: settled.flatMap((outcome) => ('target' in outcome ? [outcome.target] : [])),
    failures: settled.flatMap((outcome) => ('failure' in outcome ? [outcome.failure] : []))
  }
}

/** Why a role could not be assumed with the caller's credentials, and what to change. */
export function explainAssumedRoleError(error: unknown, role: RoleToAssume): string {
  const code = errorCode(error)
  if (code === 'AccessDenied' || code === 'AccessDeniedException') {
    return `Could not assume ${role.arn}: AWS denied sts:AssumeRole. The role's trust policy must name the identity you run as (aws sts get-caller-identity shows it), with its sts:ExternalId condition matching --external-id when it has one, and that identity's policy must allow sts:AssumeRole on the role. AWS said: ${messageOf(error).replace(/\s+/gu, ' ').trim()}`
  }
  return explainAwsError(error, 'sts:AssumeRole', `account ${role.account} (${role.arn})`)
}
