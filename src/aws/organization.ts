import type { Account } from '@aws-sdk/client-organizations'
import { type ClientSettings, commonClientConfig, pacedBy } from './clients.js'
import { errorCode } from './errors.js'
import { Pacer } from './pacer.js'
import { partitionOf } from '../shared/aws-names.js'
import { messageOf } from '../shared/format.js'
import { isOrganizationParent } from '../shared/organization-inputs.js'
import { shardSlice } from '../shared/shard-slice.js'
import type { OrganizationInputs } from '../types.js'

/**
 * Organizations publishes no per-operation quota and throttles at a few requests per second across the
 * organization: the audit stays at this pace, evenly spaced (no burst: nothing says Organizations allows
 * one), and the SDK retries TooManyRequestsException with backoff.
 */
export const ORGANIZATIONS_REQUESTS_PER_SECOND = 4

export interface OrganizationAccount {
  id: string
  name: string
}

export interface Discovery {
  /** The accounts to audit: ACTIVE, not excluded, in this shard, sorted by id. */
  accounts: OrganizationAccount[]
  /** Account ids asked for by id that the organization does not hold. */
  notFound: string[]
  /** Accounts skipped because they are not ACTIVE (SUSPENDED, PENDING_CLOSURE…), by id. */
  inactive: string[]
  excluded: number
  /** Accounts discovered before the shard was taken. */
  total: number
  /** Every ACTIVE account discovered (after accounts and exclude-accounts), before the shard, sorted by id. */
  discovered: OrganizationAccount[]
}

/** Discovery failed: the audit cannot know which accounts to read, so it stops with this message. */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DiscoveryError'
  }
}

/** What a report records of a discovery (the accounts seen, those audited) and what says why none was read. */
export function discoveryFacts(discovery: Discovery) {
  return {
    coverage: {
      discovered: discovery.discovered.map((account) => account.id),
      audited: discovery.accounts.map((account) => account.id)
    },
    discovered: { discovered: discovery.total, excluded: discovery.excluded, inactive: discovery.inactive.length }
  }
}

/** Organizations' endpoint is global: us-east-1 in the commercial partition, one region in each of the others. */
export function organizationsRegion(homeRegion: string): string {
  const partition = partitionOf(homeRegion)
  return partition === 'aws-cn' ? 'cn-northwest-1' : partition === 'aws-us-gov' ? 'us-gov-west-1' : 'us-east-1'
}

/** An account's lifecycle: State, which replaces the retired Status; Status when only it is sent. */
export function accountState(account: Pick<Account, 'State' | 'Status'>): string {
  return account.State ?? account.Status ?? 'UNKNOWN'
}

/**
 * Lists the organization's accounts the inputs ask for: every account (ListAccounts), or the accounts under
 * the organizational units and roots given (ListAccountsForParent, ListOrganizationalUnitsForParent,
 * recursively) plus the account ids given. The SDK client loads only here, when discovery is on.
 */
export async function discoverAccounts(settings: ClientSettings, filter: OrganizationInputs): Promise<Discovery> {
  const sdk = await import('@aws-sdk/client-organizations')
  const client = new sdk.OrganizationsClient({
    ...commonClientConfig(settings),
    region: organizationsRegion(settings.region)
  })
  const pacer = new Pacer(ORGANIZATIONS_REQUESTS_PER_SECOND, 1)
  // Every attempt is paced, retries of TooManyRequestsException too.
  pacedBy(client, () => pacer, 'organizationsPacer')
  const parents = filter.accounts.filter(isOrganizationParent)
  const ids = filter.accounts.filter((item) => !isOrganizationParent(item))
  const operations = parents.length > 0 ? 'organizations:ListAccountsForParent' : 'organizations:ListAccounts'
  try {
    const listed = new Map<string, Account>()
    const underParents = new Map<string, Account>()
    const keep = (into: Map<string, Account>, accounts: readonly Account[] | undefined) => {
      for (const account of accounts ?? []) if (account.Id) into.set(account.Id, account)
    }
    if (parents.length === 0 || ids.length > 0) {
      for await (const page of sdk.paginateListAccounts({ client }, {})) keep(listed, page.Accounts)
    }
    const visited = new Set<string>()
    const walk = async (parent: string): Promise<void> => {
      if (visited.has(parent)) return
      visited.add(parent)
      for await (const page of sdk.paginateListAccountsForParent({ client }, { ParentId: parent })) {
        keep(underParents, page.Accounts)
      }
      const children: string[] = []
      for await (const page of sdk.paginateListOrganizationalUnitsForParent({ client }, { ParentId: parent })) {
        for (const unit of page.OrganizationalUnits ?? []) if (unit.Id) children.push(unit.Id)
      }
      for (const child of children) await walk(child)
    }
    for (const parent of parents) await walk(parent)
    const wanted =
      filter.accounts.length === 0
        ? [...listed.values()]
        : [...ids.flatMap((id) => listed.get(id) ?? []), ...underParents.values()]
    return selectAccounts(
      wanted,
      filter,
      ids.filter((id) => !listed.has(id))
    )
  } catch (error) {
    throw new DiscoveryError(explainDiscoveryError(error, operations))
  } finally {
    client.destroy()
  }
}

/** Keeps ACTIVE accounts that are not excluded, sorted by id, and the shard's slice of them (by account id). */
export function selectAccounts(listed: readonly Account[], filter: OrganizationInputs, notFound: string[] = []): Discovery {
  const excluded = new Set(filter.excludeAccounts)
  const inactive: string[] = []
  const accounts: OrganizationAccount[] = []
  let excludedCount = 0
  const seen = new Set<string>()
  for (const account of listed) {
    const id = account.Id ?? ''
    if (id === '' || seen.has(id)) continue
    seen.add(id)
    if (excluded.has(id)) excludedCount += 1
    else if (accountState(account) !== 'ACTIVE') inactive.push(id)
    else accounts.push({ id, name: account.Name ?? id })
  }
  accounts.sort((a, b) => a.id.localeCompare(b.id))
  return {
    accounts: filter.shard ? shardSlice(accounts, filter.shard, (account) => account.id) : accounts,
    notFound: notFound.filter((id) => !excluded.has(id)).sort(),
    inactive: inactive.sort(),
    excluded: excludedCount,
    total: accounts.length,
    discovered: accounts
  }
}

function explainDiscoveryError(error: unknown, operation: string): string {
  const code = errorCode(error)
  const detail = messageOf(error).replace(/\s+/gu, ' ').trim()
  const where =
    "The first session (role-to-assume, or the default credentials) must be in the organization's management account or in a delegated administrator account for AWS Organizations, and allow organizations:ListAccounts (and, for organizational unit filters, organizations:ListAccountsForParent and organizations:ListOrganizationalUnitsForParent): see iam/management-policy.json."
  switch (code) {
    case 'AWSOrganizationsNotInUseException':
      return `Could not list the organization's accounts (${operation}): the first session's account is not in an AWS organization. ${where} AWS said: ${detail}`
    case 'AccessDeniedException':
    case 'AccessDenied':
      return `Access denied to ${operation}, so the organization's accounts could not be listed. ${where} AWS said: ${detail}`
    case 'ParentNotFoundException':
    case 'TargetNotFoundException':
      return `Could not list the organization's accounts (${operation}): an organizational unit or root in the accounts input does not exist in this organization. Check the ou-… and r-… ids. AWS said: ${detail}`
    default:
      return `Could not list the organization's accounts (${operation}${code ? `, ${code}` : ''}), so the audit cannot know which accounts to read. ${where} AWS said: ${detail}`
  }
}
