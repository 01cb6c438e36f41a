import { count } from '../shared/format.js'
import type { AuditResult } from '../types.js'

/** What discovery found, for saying why an organization run had no account to read. */
export interface DiscoveredCounts {
  discovered: number
  excluded: number
  inactive: number
}

/**
 * Why a run that is not a shard read no (account, region) at all, when nothing failed to say so: every account
 * excluded, no ACTIVE account among those asked for, or no enabled region. Undefined when something was read
 * or a failure already explains the gap. Such a run is never "All clear": it stops with this reason.
 */
export function nothingReadReason(
  result: Pick<AuditResult, 'regions' | 'setupFailures'>,
  regions: readonly string[] | 'all',
  organization: DiscoveredCounts | undefined
): string | undefined {
  if (result.regions.length > 0 || result.setupFailures.length > 0) return undefined
  const none = 'The audit read no account and region, so it cannot say that nothing expires'
  if (organization && organization.discovered === 0) {
    if (organization.inactive > 0) {
      return `${none}: no ACTIVE account is among those asked for (${count(organization.inactive, 'account is', 'accounts are')} not ACTIVE${organization.excluded > 0 ? `, ${organization.excluded} excluded` : ''}). Check the accounts input.`
    }
    if (organization.excluded > 0) {
      return `${none}: every account asked for (${organization.excluded}) is in exclude-accounts. Check the accounts and exclude-accounts inputs.`
    }
    return `${none}: the organization, or the organizational units in the accounts input, holds no account. Check the accounts input.`
  }
  if (regions === 'all') {
    return `${none}: regions is "all" and no enabled region was listed for any account. Name the regions in the regions input, or check the account's enabled regions.`
  }
  return `${none}: no account to audit was found. Check role-to-assume and the credentials.`
}

/** A run that read no account and region while nothing failed: it stops with why, never "All clear". */
export class NothingReadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NothingReadError'
  }
}
