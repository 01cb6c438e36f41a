import { type GetInput, InputError, parseWholeNumber, quote, quoteList, splitList } from './parse.js'
import type { MergeInputs, OrganizationInputs, RoleToAssume, Shard } from '../types.js'

/** A matrix has at most 256 jobs: more shards, or reports, than that cannot come from one workflow run. */
export const MAX_SHARDS = 256

const ACCOUNT_ID = /^\d{12}$/u
const UNIT_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/u
const ROOT_ID = /^r-[0-9a-z]{4,32}$/u
/** An IAM role name (1 to 64 characters), optionally under a path (audit/acm-member). */
const ROLE_NAME = /^(?:[\w+=,.@-]{1,64}\/){0,8}[\w+=,.@-]{1,64}$/u

export function isOrganizationParent(id: string): boolean {
  return UNIT_ID.test(id) || ROOT_ID.test(id)
}

/**
 * member-role-name, accounts, exclude-accounts and shard. Undefined without member-role-name, in which case
 * the three filters must be empty: they only make sense for an organization.
 */
export function parseOrganization(getInput: GetInput, roles: readonly RoleToAssume[]): OrganizationInputs | undefined {
  const memberRoleName = getInput('member-role-name').trim()
  const accounts = splitList(getInput('accounts'))
  const excludeAccounts = splitList(getInput('exclude-accounts'))
  const shardText = getInput('shard').trim()
  if (memberRoleName === '') {
    for (const [name, set] of [
      ['accounts', accounts.length > 0],
      ['exclude-accounts', excludeAccounts.length > 0],
      ['shard', shardText !== '']
    ] as const) {
      if (set) {
        throw new InputError(
          `Input '${name}' needs 'member-role-name': it filters the accounts of an AWS organization, which the audit discovers only when 'member-role-name' names the role to assume in each member account.`
        )
      }
    }
    return undefined
  }
  if (memberRoleName.length > 512 || !ROLE_NAME.test(memberRoleName)) {
    throw new InputError(
      `Input 'member-role-name' must be the name of an IAM role (1 to 64 letters, digits and + = , . @ _ -, optionally after a path such as audit/), not an ARN; got ${quote(memberRoleName)}.`
    )
  }
  if (roles.length > 1) {
    throw new InputError(
      `Input 'member-role-name' discovers the organization's accounts from one first session, so 'role-to-assume' must name at most one role (the audit role in the management or delegated administrator account); got ${roles.length}.`
    )
  }
  const invalid = accounts.filter((item) => !ACCOUNT_ID.test(item) && !isOrganizationParent(item))
  if (invalid.length > 0) {
    throw new InputError(
      `Input 'accounts' has ${quoteList(invalid)}, which ${invalid.length === 1 ? 'is not' : 'are not'} an account id (12 digits), an organizational unit id (ou-…) or a root id (r-…).`
    )
  }
  const invalidExcluded = excludeAccounts.filter((item) => !ACCOUNT_ID.test(item))
  if (invalidExcluded.length > 0) {
    throw new InputError(`Input 'exclude-accounts' must hold 12-digit account ids; got ${quoteList(invalidExcluded)}.`)
  }
  const shard = parseShard(shardText)
  return { memberRoleName, accounts, excludeAccounts, ...(shard ? { shard } : {}) }
}

/** K/N: the K-th of N slices, 1 ≤ K ≤ N ≤ 256. */
export function parseShard(value: string): Shard | undefined {
  const text = value.trim()
  if (text === '') return undefined
  const match = /^(\d{1,3})\s*\/\s*(\d{1,3})$/u.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || !(index >= 1 && count >= index && count <= MAX_SHARDS)) {
    throw new InputError(
      `Input 'shard' must be K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, for example 2/8 for the second of eight matrix jobs ('\${{ matrix.shard }}/8'); got ${quote(value)}.`
    )
  }
  return { index, count }
}

/** merge-reports and expected-reports. */
export function parseMerge(getInput: GetInput, shard: Shard | undefined): MergeInputs | undefined {
  const source = getInput('merge-reports').trim()
  const expectedText = getInput('expected-reports')
  if (source === '') {
    if (expectedText.trim() !== '') {
      throw new InputError(`Input 'expected-reports' needs 'merge-reports': it is how many report files the merge must find.`)
    }
    return undefined
  }
  // eslint-disable-next-line no-control-regex
  if (source.length > 4096 || /[\u0000-\u001f]/u.test(source)) {
    throw new InputError(
      `Input 'merge-reports' must be one directory or glob pattern (for example reports or reports/**/*.json) of at most 4,096 characters on one line; got ${quote(source)}.`
    )
  }
  if (shard) {
    throw new InputError(
      `Input 'merge-reports' merges the shards' reports in a job of its own: remove 'shard' from the merge job.`
    )
  }
  const expected =
    expectedText.trim() === ''
      ? undefined
      : parseWholeNumber('expected-reports', expectedText, { min: 1, max: MAX_SHARDS, fallback: 1 })
  return { source, ...(expected === undefined ? {} : { expected }) }
}
