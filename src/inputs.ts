import { CertificateStatus, KeyAlgorithm } from '@aws-sdk/client-acm'
import { checkIgnorePattern } from './classify/ignore-rules.js'
import { defaultRegion, isRegionName } from './shared/aws-names.js'
import { parseMerge, parseOrganization } from './shared/organization-inputs.js'
import { messageOf } from './shared/format.js'
import { type GetInput, InputError, parseBoolean, parseWholeNumber, quote, quoteList, splitList } from './shared/parse.js'
import type { FailOn, IgnoreTag, Inputs, RoleToAssume, TrackingIssueInputs } from './types.js'

export const MAX_DAYS = 3650
const FAIL_ON_VALUES: readonly FailOn[] = ['expiring', 'critical', 'expired', 'never']
const ALL_STATUSES = Object.values(CertificateStatus)
const ALL_KEY_TYPES = Object.values(KeyAlgorithm)

/** Reads and validates every input once; throws InputError before anything talks to AWS. */
export function readInputs(getInput: GetInput, env: NodeJS.ProcessEnv): Inputs {
  const ignoreTag = parseIgnoreTag(getInput('ignore-tag'))
  const roles = parseRoles(getInput('role-to-assume'))
  const organization = parseOrganization(getInput, roles)
  const merge = parseMerge(getInput, organization?.shard)
  const days = parseDays(getInput('days'))
  const lifetimePercent = parseLifetimePercent(getInput('lifetime-percent'))
  return {
    regions: parseRegions(getInput('regions'), env),
    days,
    criticalDays: parseCriticalDays(getInput('critical-days'), days),
    ...(lifetimePercent === undefined ? {} : { lifetimePercent }),
    failOnUnused: parseBoolean('fail-on-unused', getInput('fail-on-unused'), true),
    statuses: parseStatuses(getInput('statuses')),
    keyTypes: parseKeyTypes(getInput('key-types')),
    ignore: parseIgnore(getInput('ignore')),
    ...(ignoreTag ? { ignoreTag } : {}),
    failOn: parseFailOn(getInput('fail-on')),
    roles,
    roleSessionName: parseRoleSessionName(getInput('role-session-name')),
    roleDurationSeconds: parseRoleDuration(getInput('role-duration-seconds')),
    audience: parseAudience(getInput('audience')),
    tracking: parseTrackingIssue(getInput),
    requestTimeoutMs: parseRequestTimeout(getInput('aws-request-timeout')),
    ...(organization ? { organization } : {}),
    ...(merge ? { merge } : {})
  }
}

export function parseRequestTimeout(value: string): number {
  return parseWholeNumber('aws-request-timeout', value, { min: 1, max: 300, fallback: 20, unit: 'seconds' }) * 1000
}

export const DEFAULT_ISSUE_TITLE = 'ACM certificates need renewal'

export function parseTrackingIssue(getInput: GetInput): TrackingIssueInputs {
  const create = parseBoolean('create-issue', getInput('create-issue'), false)
  const token = getInput('github-token').trim()
  if (create && token === '') {
    throw new InputError(
      "Input 'create-issue' is true but 'github-token' is empty. Leave 'github-token' at its default (${{ github.token }}) and grant the job 'permissions: issues: write', or pass a token that can write issues."
    )
  }
  const title = getInput('issue-title').trim() || DEFAULT_ISSUE_TITLE
  if (title.length > 256) throw new InputError(`Input 'issue-title' must be at most 256 characters; got ${title.length}.`)
  const labels = splitLabels(getInput('issue-labels'))
  const invalidLabel = labels.find((label) => label.length > 50)
  if (invalidLabel) throw new InputError(`Input 'issue-labels' has a label longer than 50 characters: ${quote(invalidLabel)}.`)
  const written = splitList(getInput('issue-assignees'))
  // Checked as written (a lone "@" is not a name), and compared without the @.
  const invalidAssignee = written.find((name) => !/^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/u.test(name))
  if (invalidAssignee !== undefined) {
    throw new InputError(
      `Input 'issue-assignees' has ${quote(invalidAssignee)}, which is not a GitHub user name: 1 to 39 letters, digits or hyphens, starting with a letter or digit (a leading @ is allowed). Separate names with commas, spaces or newlines.`
    )
  }
  const assignees = [...new Set(written.map((name) => name.replace(/^@/u, '')))]
  return { create, token, title, labels, assignees, close: parseBoolean('close-issue', getInput('close-issue'), true) }
}

/** Labels may hold spaces, so they are separated by commas and newlines only. */
function splitLabels(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,\n]/u)
        .map((label) => label.trim())
        .filter(Boolean)
    )
  ]
}

export const DEFAULT_AUDIENCE = 'sts.amazonaws.com'

/** One audience, as an IAM OIDC identity provider lists it (client IDs are 1 to 255 characters). */
export function parseAudience(value: string): string {
  const text = value.trim() || DEFAULT_AUDIENCE
  // eslint-disable-next-line no-control-regex
  if (text.length > 255 || /[\s\u0000-\u001f\u007f-\u009f]/u.test(text)) {
    throw new InputError(
      `Input 'audience' must be one audience of 1 to 255 characters, without spaces or line breaks, as the IAM OIDC identity provider lists it (default ${DEFAULT_AUDIENCE}); got ${quote(value)}.`
    )
  }
  return text
}

/** Glob patterns, each checked with the options the scan matches them with. */
export function parseIgnore(value: string): string[] {
  const patterns = splitList(value)
  for (const pattern of patterns) {
    try {
      checkIgnorePattern(pattern)
    } catch (error) {
      throw new InputError(
        `Input 'ignore' has a pattern that cannot be used (${messageOf(error)}): ${quote(pattern)}. Use glob patterns such as *.example.com of at most 65,536 characters, separated by commas, spaces or newlines.`
      )
    }
  }
  return patterns
}

export const DEFAULT_ROLE_SESSION_NAME = 'acm-expiry-audit'
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/u

export function parseRoles(value: string): RoleToAssume[] {
  const items = splitList(value)
  const invalid = items.filter((item) => !ROLE_ARN.test(item))
  if (invalid.length > 0) {
    throw new InputError(
      `Input 'role-to-assume' has ${invalid.length === 1 ? 'a value that is not an IAM role ARN' : 'values that are not IAM role ARNs'}: ${quoteList(invalid)}. Use ARNs such as arn:aws:iam::123456789012:role/acm-audit, separated by commas, spaces or newlines.`
    )
  }
  return items.map((arn) => ({ arn, account: ROLE_ARN.exec(arn)?.[2] as string }))
}

export function parseRoleSessionName(value: string): string {
  const text = value.trim() || DEFAULT_ROLE_SESSION_NAME
  if (!/^[\w+=,.@-]{2,64}$/u.test(text)) {
    throw new InputError(
      `Input 'role-session-name' must be 2 to 64 characters of letters, digits and + = , . @ _ -; got ${quote(value)}.`
    )
  }
  return text
}

export function parseRoleDuration(value: string): number {
  return parseWholeNumber('role-duration-seconds', value, { min: 900, max: 43200, fallback: 900 })
}

export function parseRegions(value: string, env: NodeJS.ProcessEnv): string[] | 'all' {
  const items = [...new Set(splitList(value).map((item) => item.toLowerCase()))]
  if (items.length === 0) {
    const region = defaultRegion(env)
    if (!isRegionName(region)) {
      throw new InputError(
        `Input 'regions' is empty and the default region '${region}' (from AWS_REGION or AWS_DEFAULT_REGION) is not a region name. Set 'regions' to names such as us-east-1, or to 'all'.`
      )
    }
    return [region]
  }
  if (items.includes('all')) {
    if (items.length > 1) {
      throw new InputError(
        `Input 'regions' mixes 'all' with region names. Use either 'all' or a list such as 'us-east-1, eu-west-1'.`
      )
    }
    return 'all'
  }
  const invalid = items.filter((item) => !isRegionName(item))
  if (invalid.length > 0) {
    throw new InputError(
      `Input 'regions' has ${invalid.length === 1 ? 'a value that is not a region name' : 'values that are not region names'}: ${quoteList(invalid)}. Use names such as us-east-1, eu-west-1, separated by commas, spaces or newlines, or 'all'.`
    )
  }
  return items
}

export function parseDays(value: string): number {
  return parseWholeNumber('days', value, { min: 0, max: MAX_DAYS, fallback: 30 })
}

export const DEFAULT_CRITICAL_DAYS = 7

/** Empty: undefined (every certificate measured against `days`); else a whole percentage of a certificate's lifetime, 1 to 100. */
export function parseLifetimePercent(value: string): number | undefined {
  if (value.trim() === '') return undefined
  return parseWholeNumber('lifetime-percent', value, { min: 1, max: 100, fallback: 0, unit: 'percent' })
}

/** At most `days`; empty: 7, or `days` when that is smaller. */
export function parseCriticalDays(value: string, days: number): number {
  const criticalDays = parseWholeNumber('critical-days', value, {
    min: 0,
    max: MAX_DAYS,
    fallback: Math.min(DEFAULT_CRITICAL_DAYS, days)
  })
  if (criticalDays > days) {
    throw new InputError(
      `Input 'critical-days' (${criticalDays}) must be at most 'days' (${days}): critical certificates are the most urgent of those flagged. Lower 'critical-days' or raise 'days'.`
    )
  }
  return criticalDays
}

export function parseStatuses(value: string): CertificateStatus[] {
  const items = [...new Set(splitList(value).map((item) => item.toUpperCase()))]
  if (items.length === 0) return [CertificateStatus.ISSUED, CertificateStatus.EXPIRED]
  const invalid = items.filter((item) => !(ALL_STATUSES as string[]).includes(item))
  if (invalid.length > 0) {
    throw new InputError(`Input 'statuses' has unknown ACM status ${quoteList(invalid)}. Accepted: ${ALL_STATUSES.join(', ')}.`)
  }
  return items as CertificateStatus[]
}

export function parseKeyTypes(value: string): KeyAlgorithm[] {
  const items = splitList(value)
  if (items.length === 0 || (items.length === 1 && items[0]?.toLowerCase() === 'all')) return [...ALL_KEY_TYPES]
  const byName = new Map(ALL_KEY_TYPES.map((keyType) => [normaliseKeyType(keyType), keyType]))
  const invalid = items.filter((item) => !byName.has(normaliseKeyType(item)))
  if (invalid.length > 0) {
    throw new InputError(
      `Input 'key-types' has unknown key algorithm ${quoteList(invalid)}. Accepted: all, or any of ${ALL_KEY_TYPES.join(', ')}.`
    )
  }
  return [...new Set(items.map((item) => byName.get(normaliseKeyType(item)) as KeyAlgorithm))]
}

/** DescribeCertificate writes RSA-2048 where ListCertificates writes RSA_2048: accept both, any case. */
function normaliseKeyType(value: string): string {
  return value.toUpperCase().replace(/-/gu, '_')
}

export function parseIgnoreTag(value: string): IgnoreTag | undefined {
  const text = value.trim()
  if (text === '') return undefined
  const separator = text.indexOf('=')
  const key = (separator === -1 ? text : text.slice(0, separator)).trim()
  if (key === '' || key.length > 128) {
    throw new InputError(
      `Input 'ignore-tag' must be KEY or KEY=VALUE with a tag key of 1 to 128 characters; got ${quote(value)}.`
    )
  }
  return separator === -1 ? { key } : { key, value: text.slice(separator + 1).trim() }
}

export function parseFailOn(value: string): FailOn {
  const text = value.trim().toLowerCase() || 'expiring'
  if (!(FAIL_ON_VALUES as string[]).includes(text)) {
    throw new InputError(`Input 'fail-on' must be one of ${FAIL_ON_VALUES.join(', ')}; got ${quote(value)}.`)
  }
  return text as FailOn
}
