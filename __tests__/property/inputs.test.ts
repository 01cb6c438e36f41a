/**
 * Property-based tests of input parsing: whatever a workflow passes (lists with odd separators, any
 * Unicode, huge values, empty strings), readInputs and each parse function either return a value the rest
 * of the action can use, or throw one InputError whose message names the input; never another exception.
 * Every input action.yml declares is fuzzed, so an input added there is covered here too.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { CertificateStatus, KeyAlgorithm } from '@aws-sdk/client-acm'
import fc from 'fast-check'
import { actionMetadata } from '../../emulator/run-action.js'
import { matchingIgnorePattern } from '../../src/classify/ignore-rules.js'
import {
  MAX_DAYS,
  parseAudience,
  parseDays,
  parseFailOn,
  parseIgnore,
  parseIgnoreTag,
  parseKeyTypes,
  parseRegions,
  parseRequestTimeout,
  parseRoleDuration,
  parseRoles,
  parseRoleSessionName,
  parseStatuses,
  readInputs
} from '../../src/inputs.js'
import { type GetInput, InputError, parseBoolean } from '../../src/shared/parse.js'
import { type Inputs } from '../../src/types.js'
import { isRegionName } from '../../src/shared/aws-names.js'
import { HOSTILE_FRAGMENTS, hostileText, runs } from './arbitraries.js'

/** Longest error message allowed: one clear sentence, whatever the size of the input. */
const MAX_MESSAGE_CHARS = 2_000

/** Tokens a user might plausibly write for each input, valid and nearly valid, to mix with hostile text. */
const PLAUSIBLE: Readonly<Record<string, readonly string[]>> = {
  regions: [
    'us-east-1',
    'EU-WEST-1',
    'ap-southeast-2',
    'all',
    'ALL',
    'us-gov-west-1',
    'cn-north-1',
    'mars-north-9x',
    'us-east-1a',
    'eu_west_1'
  ],
  days: ['0', '30', '3650', '3651', '-1', '1.5', '030', '99999', '１２'],
  statuses: ['ISSUED', 'expired', 'REVOKED', 'PENDING_VALIDATION', 'GONE', 'issued'],
  'key-types': ['all', 'ALL', 'RSA_2048', 'rsa-2048', 'EC_prime256v1', 'ec-secp384r1', 'RSA_8192'],
  ignore: ['*.example.com', '**', '[', '{a,b}', '!x', '#comment', 'a'.repeat(70_000)],
  'ignore-tag': ['snooze', 'snooze=2026-01-01', '=value', ' key = value ', 'k'.repeat(129), 'a=b=c'],
  'fail-on': ['expiring', 'EXPIRED', 'critical', 'never', 'sometimes', 'Never '],
  'critical-days': ['0', '7', '30', '31', '-1', '7.5', '３'],
  'lifetime-percent': ['', '33', '1', '100', '0', '101', '33.3', '３３'],
  'fail-on-unused': ['true', 'false', 'FALSE', 'no'],
  'role-to-assume': [
    'arn:aws:iam::123456789012:role/acm-audit',
    'arn:aws-cn:iam::123456789012:role/a/b',
    'arn:aws:iam::12345:role/x',
    'acm-audit',
    'arn:aws:iam::123456789012:user/x'
  ],
  'role-session-name': ['acm-expiry-audit', 'a', 'has spaces', 'x'.repeat(65), 'user@example.com'],
  'role-duration-seconds': ['900', '43200', '899', '43201', '3600', '1h', '0900'],
  audience: ['sts.amazonaws.com', 'https://example.com/aud', 'a'.repeat(256), 'two audiences', 'sts.amazonaws.com\nother'],
  'member-role-name': [
    'acm-expiry-audit-member',
    'audit/member',
    'arn:aws:iam::123456789012:role/x',
    'has space',
    'r'.repeat(65)
  ],
  accounts: ['123456789012', 'ou-ab12-abcdefgh', 'r-ab12', 'ou-bad', '12345', 'o-exampleorg1'],
  'exclude-accounts': ['123456789012', '210987654321', '12345', 'ou-ab12-abcdefgh'],
  shard: ['1/8', '8/8', '9/8', '0/8', '1/257', '2 / 4', 'a/b', '1/1'],
  'merge-reports': ['reports', 'reports/**/*.json', './shards/*.json', '/tmp/reports', 'a\nb'],
  'expected-reports': ['1', '8', '256', '0', '257', 'eight'],
  'aws-request-timeout': ['1', '20', '300', '0', '301', '1.5', '０'],
  'create-issue': ['true', 'True', 'TRUE', 'false', 'yes', 'on', '1'],
  'github-token': ['ghs_token', ''],
  'issue-title': ['ACM certificates need renewal', 't'.repeat(257)],
  'issue-labels': ['acm-expiry', 'needs renewal, security', 'l'.repeat(51)],
  'issue-assignees': ['octocat', '@hubot', 'not a user!', '-dash', 'a'.repeat(40), 'org/team'],
  'close-issue': ['true', 'false', 'maybe']
}

const SEPARATORS = [',', ' ', '\n', '\r\n', '\t', ', ', ',,', ' ,\n', '\u00a0', '\u2028', '\u3000', '\ufeff', ';', '|', '']

/** A value for one input: a list of plausible and hostile tokens on odd separators, or something huge. */
function inputValue(name: string): fc.Arbitrary<string> {
  const token = fc.oneof(fc.constantFrom(...(PLAUSIBLE[name] ?? ['x'])), hostileText)
  const list = fc
    .array(fc.tuple(token, fc.constantFrom(...SEPARATORS)), { maxLength: 6 })
    .map((items) => items.map(([item, separator]) => `${item}${separator}`).join(''))
  // Thousands of distinct items (lists drop repeats), up to 200,000 characters.
  const huge = fc
    .tuple(
      fc.oneof(token, fc.constantFrom(...HOSTILE_FRAGMENTS)),
      fc.integer({ min: 1_000, max: 40_000 }),
      fc.constantFrom(',', '\n', ' ')
    )
    .map(([item, times, separator]) => {
      const items: string[] = []
      for (let i = 0, length = 0; i < times && length < 200_000; i += 1) {
        items.push(`${item}${i}`)
        length += item.length + 6
      }
      return items.join(separator).slice(0, 200_000)
    })
  return fc.oneof(
    { weight: 5, arbitrary: list },
    { weight: 2, arbitrary: token },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '\t \n') },
    { weight: 1, arbitrary: huge }
  )
}

let defaults: Record<string, string> = {}
beforeAll(async () => {
  const metadata = await actionMetadata()
  defaults = Object.fromEntries(
    Object.entries(metadata.inputs).map(([name, input]) => [
      name,
      (input.default ?? '').replace(/\$\{\{\s*github\.token\s*\}\}/gu, 'ghs_emulator_write_token')
    ])
  )
})

function getter(values: Record<string, string>): GetInput {
  return (name) => {
    if (!(name in defaults)) throw new Error(`The action read an input action.yml does not declare: ${name}`)
    return values[name] ?? defaults[name] ?? ''
  }
}

/** Everything the rest of the action relies on about parsed inputs. */
function expectUsable(inputs: Inputs): void {
  if (inputs.regions !== 'all') {
    expect(inputs.regions.length).toBeGreaterThan(0)
    expect(inputs.regions.filter((region) => !isRegionName(region))).toEqual([])
    expect(new Set(inputs.regions).size).toBe(inputs.regions.length)
  }
  expect(Number.isInteger(inputs.days) && inputs.days >= 0 && inputs.days <= MAX_DAYS).toBe(true)
  expect(inputs.statuses.length).toBeGreaterThan(0)
  expect(inputs.statuses.filter((status) => !(Object.values(CertificateStatus) as string[]).includes(status))).toEqual([])
  expect(inputs.keyTypes.length).toBeGreaterThan(0)
  expect(inputs.keyTypes.filter((keyType) => !(Object.values(KeyAlgorithm) as string[]).includes(keyType))).toEqual([])
  expect(new Set(inputs.keyTypes).size).toBe(inputs.keyTypes.length)
  expect(inputs.ignore.filter((pattern) => pattern === '' || /[\s,]/u.test(pattern))).toEqual([])
  // Every pattern can be matched by the scan without throwing.
  const record = {
    account: '111122223333',
    region: 'us-east-1',
    arn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
    id: 'abc',
    domain: 'www.example.com',
    subjectAlternativeNames: ['example.com'],
    type: 'IMPORTED',
    acmStatus: 'ISSUED',
    keyAlgorithm: 'RSA_2048',
    notAfter: new Date(0),
    inUse: true,
    renewalEligibility: 'INELIGIBLE'
  }
  expect(() => matchingIgnorePattern(record, inputs.ignore)).not.toThrow()
  if (inputs.ignoreTag) {
    expect(inputs.ignoreTag.key.length).toBeGreaterThan(0)
    expect(inputs.ignoreTag.key.length).toBeLessThanOrEqual(128)
    expect(inputs.ignoreTag.key).toBe(inputs.ignoreTag.key.trim())
  }
  expect(['expiring', 'critical', 'expired', 'never']).toContain(inputs.failOn)
  expect(Number.isInteger(inputs.criticalDays)).toBe(true)
  expect(inputs.criticalDays).toBeGreaterThanOrEqual(0)
  expect(inputs.criticalDays).toBeLessThanOrEqual(inputs.days)
  expect(typeof inputs.failOnUnused).toBe('boolean')
  for (const role of inputs.roles) {
    expect(role.arn).toMatch(/^arn:[\w-]+:iam::\d{12}:role\/[\w+=,.@/-]+$/u)
    expect(role.account).toBe(role.arn.split(':')[4])
  }
  expect(inputs.roleSessionName).toMatch(/^[\w+=,.@-]{2,64}$/u)
  expect(
    Number.isInteger(inputs.roleDurationSeconds) && inputs.roleDurationSeconds >= 900 && inputs.roleDurationSeconds <= 43_200
  ).toBe(true)
  expect(inputs.audience.length).toBeGreaterThan(0)
  expect(inputs.audience.length).toBeLessThanOrEqual(255)
  expect(inputs.audience).not.toMatch(/\s/u)
  expect(
    Number.isInteger(inputs.requestTimeoutMs / 1000) && inputs.requestTimeoutMs >= 1_000 && inputs.requestTimeoutMs <= 300_000
  ).toBe(true)
  const organization = inputs.organization
  if (organization) {
    expect(organization.memberRoleName).toMatch(/^[\w+=,.@/-]{1,512}$/u)
    expect(inputs.roles.length).toBeLessThanOrEqual(1)
    expect(organization.accounts.filter((id) => !/^(\d{12}|ou-[0-9a-z]+-[0-9a-z]+|r-[0-9a-z]+)$/u.test(id))).toEqual([])
    expect(organization.excludeAccounts.filter((id) => !/^\d{12}$/u.test(id))).toEqual([])
    if (organization.shard) {
      const { index, count } = organization.shard
      expect(Number.isInteger(index) && Number.isInteger(count) && index >= 1 && index <= count && count <= 256).toBe(true)
    }
  }
  if (inputs.merge) {
    expect(inputs.merge.source.length).toBeGreaterThan(0)
    expect(inputs.merge.source).not.toMatch(/\n/u)
    if (inputs.merge.expected !== undefined) expect(inputs.merge.expected >= 1 && inputs.merge.expected <= 256).toBe(true)
  }
  const tracking = inputs.tracking
  expect(typeof tracking.create).toBe('boolean')
  expect(typeof tracking.close).toBe('boolean')
  if (tracking.create) expect(tracking.token).not.toBe('')
  expect(tracking.title.length).toBeGreaterThan(0)
  expect(tracking.title.length).toBeLessThanOrEqual(256)
  expect(
    tracking.labels.filter((label) => label === '' || label.length > 50 || /[,\n]/u.test(label) || label !== label.trim())
  ).toEqual([])
  expect(tracking.assignees.filter((name) => !/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/u.test(name))).toEqual([])
  expect(new Set(tracking.assignees.map((name) => name.toLowerCase())).size).toBe(tracking.assignees.length)
}

/** Runs `parse`: a usable value passes `check`; an InputError must name one of `names`; anything else fails. */
function expectValueOrInputError<T>(parse: () => T, names: readonly string[], check: (value: T) => void): void {
  let value: T
  try {
    value = parse()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    const message = (error as InputError).message
    expect(names.some((name) => message.startsWith(`Input '${name}' `))).toBe(true)
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS)
    return
  }
  check(value)
}

describe('readInputs', () => {
  it('parses any one input, whatever it holds, into a usable value or an InputError that names it', () => {
    const oneInput = fc.constantFrom(...Object.keys(PLAUSIBLE)).chain((name) => fc.tuple(fc.constant(name), inputValue(name)))
    fc.assert(
      fc.property(oneInput, ([name, value]) => {
        // github-token alone never fails; with create-issue it must not be empty.
        const names = name === 'github-token' ? ['create-issue'] : [name]
        expectValueOrInputError(() => readInputs(getter({ [name]: value }), { AWS_REGION: 'us-east-1' }), names, expectUsable)
      }),
      { numRuns: runs(600) }
    )
  })

  it('parses every input at once, and any environment, into usable inputs or one InputError', () => {
    const everything = fc.record(
      Object.fromEntries(Object.keys(PLAUSIBLE).map((name) => [name, inputValue(name)])) as Record<string, fc.Arbitrary<string>>
    )
    const env = fc.record({
      AWS_REGION: fc.option(fc.oneof(fc.constantFrom('eu-west-1', 'EU-WEST-1', ''), hostileText), { nil: undefined }),
      AWS_DEFAULT_REGION: fc.option(hostileText, { nil: undefined })
    })
    fc.assert(
      fc.property(everything, env, (values, environment) => {
        const names = Object.keys(PLAUSIBLE)
        expectValueOrInputError(() => readInputs(getter(values), environment), names, expectUsable)
      }),
      { numRuns: runs(300) }
    )
  })

  it('fuzzes every input action.yml declares', () => {
    expect(Object.keys(PLAUSIBLE).sort()).toEqual(Object.keys(defaults).sort())
  })
})

describe('parse functions', () => {
  const cases: Array<[string, (value: string) => unknown, (value: unknown) => void]> = [
    [
      'regions',
      (value) => parseRegions(value, { AWS_REGION: 'us-east-1' }),
      (value) =>
        expect(value === 'all' || (Array.isArray(value) && value.every((region) => isRegionName(region as string)))).toBe(true)
    ],
    [
      'days',
      parseDays,
      (value) => expect(Number.isInteger(value) && (value as number) <= MAX_DAYS && (value as number) >= 0).toBe(true)
    ],
    ['statuses', parseStatuses, (value) => expect((value as string[]).length).toBeGreaterThan(0)],
    ['key-types', parseKeyTypes, (value) => expect((value as string[]).length).toBeGreaterThan(0)],
    ['ignore', parseIgnore, (value) => expect(Array.isArray(value)).toBe(true)],
    [
      'ignore-tag',
      parseIgnoreTag,
      (value) => expect(value === undefined || typeof (value as { key: string }).key === 'string').toBe(true)
    ],
    ['fail-on', parseFailOn, (value) => expect(['expiring', 'critical', 'expired', 'never']).toContain(value)],
    ['role-to-assume', parseRoles, (value) => expect(Array.isArray(value)).toBe(true)],
    ['role-session-name', parseRoleSessionName, (value) => expect(value).toMatch(/^[\w+=,.@-]{2,64}$/u)],
    [
      'role-duration-seconds',
      parseRoleDuration,
      (value) => expect((value as number) >= 900 && (value as number) <= 43_200).toBe(true)
    ],
    ['audience', parseAudience, (value) => expect((value as string).length).toBeLessThanOrEqual(255)],
    [
      'aws-request-timeout',
      parseRequestTimeout,
      (value) => expect((value as number) >= 1_000 && (value as number) <= 300_000).toBe(true)
    ],
    ['create-issue', (value) => parseBoolean('create-issue', value, false), (value) => expect(typeof value).toBe('boolean')],
    ['close-issue', (value) => parseBoolean('close-issue', value, true), (value) => expect(typeof value).toBe('boolean')]
  ]

  it.each(cases)('%s: a typed value or an InputError naming the input', (name, parse, check) => {
    fc.assert(
      fc.property(inputValue(name), (value) => expectValueOrInputError(() => parse(value), [name], check)),
      { numRuns: runs(200) }
    )
  })
})
