import type { RoleToAssume } from '../types.js'

/** Roles given for one account beyond the first: that account is audited once, with the first role listed. */
export interface DuplicateRoles {
  account: string
  kept: string
  dropped: string[]
}

/**
 * One role per account. Two roles of one account (or one role spelled twice: IAM role names ignore case)
 * would scan the account twice, doubling every count and sharing one account's ACM quota between two pacers.
 */
export function oneRolePerAccount(roles: readonly RoleToAssume[]): { roles: RoleToAssume[]; duplicates: DuplicateRoles[] } {
  const kept = new Map<string, RoleToAssume>()
  const dropped = new Map<string, string[]>()
  for (const role of roles) {
    if (!kept.has(role.account)) kept.set(role.account, role)
    else dropped.set(role.account, [...(dropped.get(role.account) ?? []), role.arn])
  }
  return {
    roles: [...kept.values()],
    duplicates: [...dropped].map(([account, arns]) => ({ account, kept: kept.get(account)?.arn ?? '', dropped: arns }))
  }
}

/** The warning for roles left out, naming each. */
export function duplicateRolesWarning(duplicate: DuplicateRoles): string {
  return `Account ${duplicate.account} is given more than one role (${[duplicate.kept, ...duplicate.dropped].join(', ')}): it is audited once, with ${duplicate.kept}. Give one role per account in role-to-assume.`
}
