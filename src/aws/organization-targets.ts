import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import type { AwsCredentialIdentity } from '@smithy/types'
import pLimit from 'p-limit'
import { type ClientSettings, commonClientConfig } from './clients.js'
import { type CredentialTarget, maskSession, renewBefore, renewing } from './credentials.js'
import { errorCode, explainAwsError } from './errors.js'
import { sessionOf } from './sts.js'
import type { Discovery, OrganizationAccount } from './organization.js'
import { messageOf } from '../shared/format.js'
import { ALL_REGIONS, type OrganizationInputs, type ScanFailure } from '../types.js'

/** AssumeRole calls in flight at once: STS answers quickly, and this keeps a large organization gentle on it. */
export const ASSUME_ROLE_CONCURRENCY = 8
/** A session chained from another role session lasts at most an hour, whatever DurationSeconds asks. */
export const CHAINED_SESSION_SECONDS = 3600

export interface OrganizationTargets {
  targets: CredentialTarget[]
  failures: ScanFailure[]
  /** Account names from AWS Organizations, by id. */
  accountNames: Record<string, string>
  discovery: Discovery
}

export interface OrganizationDependencies {
  /** Lists the accounts to audit with the first session's credentials; throws DiscoveryError. */
  discover(first: CredentialTarget): Promise<Discovery>
  /** sts:AssumeRole with the first session's credentials. */
  assumeRole(first: CredentialTarget, roleArn: string): Promise<AwsCredentialIdentity>
  mask(secret: string): void
  now?(): number
  /** Renew a member-role session this long before it expires: the longest one command may take. */
  renewBeforeMs?: number
}

/**
 * From the first session (the one role-to-assume gives, or the default chain): the organization's accounts,
 * then a member-role session in each, chained with sts:AssumeRole and renewed before its hour is up. A role
 * that cannot be assumed is that account's failure; the others go on.
 */
export async function resolveOrganizationTargets(
  organization: OrganizationInputs,
  first: CredentialTarget,
  partition: string,
  deps: OrganizationDependencies
): Promise<OrganizationTargets> {
  const discovery = await deps.discover(first)
  const accountNames = Object.fromEntries(discovery.accounts.map((account) => [account.id, account.name]))
  const limit = pLimit(ASSUME_ROLE_CONCURRENCY)
  const settled = await Promise.all(
    discovery.accounts.map((account) => limit(() => assumeMemberRole(account, organization, first, partition, deps)))
  )
  const notFound: ScanFailure[] = discovery.notFound.map((account) => ({
    account,
    region: ALL_REGIONS,
    message: `Account ${account} is not in the organization (organizations:ListAccounts does not list it), so it was not audited: check the accounts input.`,
    code: 'AccountNotFoundException'
  }))
  return {
    targets: settled.flatMap((outcome) => ('target' in outcome ? [outcome.target] : [])),
    failures: [...notFound, ...settled.flatMap((outcome) => ('failure' in outcome ? [outcome.failure] : []))].sort((a, b) =>
      (a.account ?? '').localeCompare(b.account ?? '')
    ),
    accountNames,
    discovery
  }
}

async function assumeMemberRole(
  account: OrganizationAccount,
  organization: OrganizationInputs,
  first: CredentialTarget,
  partition: string,
  deps: OrganizationDependencies
): Promise<{ target: CredentialTarget } | { failure: ScanFailure }> {
  const roleArn = `arn:${partition}:iam::${account.id}:role/${organization.memberRoleName}`
  const open = async () => maskSession(await deps.assumeRole(first, roleArn), deps.mask)
  try {
    const session = await open()
    const margin = renewBefore(deps.renewBeforeMs, CHAINED_SESSION_SECONDS)
    return {
      target: {
        account: account.id,
        name: account.name,
        roleArn,
        credentials: renewing(session, open, deps.now ?? Date.now, margin)
      }
    }
  } catch (error) {
    return {
      failure: {
        account: account.id,
        region: ALL_REGIONS,
        message: explainMemberRoleError(error, roleArn, account, first),
        code: errorCode(error)
      }
    }
  }
}

/** Why a member role could not be assumed, and what to deploy or allow. */
export function explainMemberRoleError(
  error: unknown,
  roleArn: string,
  account: OrganizationAccount,
  first: CredentialTarget
): string {
  const code = errorCode(error)
  const detail = messageOf(error).replace(/\s+/gu, ' ').trim()
  const auditRole = first.roleArn ?? 'the audit role (the default credentials)'
  if (code === 'AccessDenied' || code === 'AccessDeniedException') {
    return `Could not assume ${roleArn} in ${account.name} (${account.id}): AWS denied sts:AssumeRole. Deploy the member role to this account with iam/member-role.yaml (for example with a CloudFormation StackSet), its trust policy naming ${auditRole}, and allow sts:AssumeRole on it in the audit role's policy (iam/management-policy.json). AWS said: ${detail}`
  }
  return explainAwsError(error, 'sts:AssumeRole', `${account.name} (${account.id}), role ${roleArn}`)
}

/**
 * One STS client, signed with the first session's credentials, that assumes roles with sts:AssumeRole: the
 * member roles (chained, an hour each), or the command's --role-arn roles (its duration and external id).
 */
export function createRoleChain(
  settings: ClientSettings,
  sessionName: string,
  options: { durationSeconds?: number; externalId?: string } = {}
) {
  const client = new STSClient(commonClientConfig(settings))
  return {
    async assume(roleArn: string): Promise<AwsCredentialIdentity> {
      const response = await client.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName,
          DurationSeconds: options.durationSeconds ?? CHAINED_SESSION_SECONDS,
          ...(options.externalId ? { ExternalId: options.externalId } : {})
        })
      )
      return sessionOf(response.Credentials, 'AssumeRole')
    },
    destroy: () => client.destroy()
  }
}
