import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { accountState, organizationsRegion, selectAccounts } from '../../src/aws/organization.js'
import { shardIndexOf, shardSlice } from '../../src/shared/shard-slice.js'
import { InputError } from '../../src/shared/parse.js'
import { parseMerge, parseOrganization, parseShard } from '../../src/shared/organization-inputs.js'
import { ACTION_VERSION } from '../../src/shared/report-format.js'

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? ''
const filter = { memberRoleName: 'member', accounts: [], excludeAccounts: [] }

describe('shardSlice', () => {
  const accountIds = fc.uniqueArray(fc.stringMatching(/^\d{12}$/u), { maxLength: 300 })
  it('deals disjoint slices that together are the whole list', () => {
    fc.assert(
      fc.property(accountIds, fc.integer({ min: 1, max: 40 }), (ids, count) => {
        const slices = Array.from({ length: count }, (_, i) => shardSlice(ids, { index: i + 1, count }, (id) => id))
        expect(slices.flat().sort()).toEqual([...ids].sort())
        for (const [i, slice] of slices.entries()) for (const id of slice) expect(shardIndexOf(id, count)).toBe(i + 1)
      })
    )
  })
  it('puts an account in the same shard whatever other accounts appear or disappear: it depends on the id alone', () => {
    fc.assert(
      fc.property(accountIds, accountIds, fc.integer({ min: 1, max: 40 }), (before, added, count) => {
        const after = [...new Set([...before.slice(1), ...added])].sort()
        for (let index = 1; index <= count; index += 1) {
          const kept = shardSlice(before, { index, count }, (id) => id).filter((id) => after.includes(id))
          const still = shardSlice(after, { index, count }, (id) => id).filter((id) => before.includes(id))
          expect(still.sort()).toEqual(kept.sort())
        }
      })
    )
  })
  it('is the same function on every machine (a 32-bit hash of the id, modulo N)', () => {
    expect(['111122223333', '210987654321', '345678901234', '678901234567'].map((id) => shardIndexOf(id, 4))).toEqual([
      2, 3, 1, 3
    ])
    expect(shardIndexOf('123456789012', 1)).toBe(1)
  })
  it('is stable, not balanced: every index stays in 1..N', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/u), fc.integer({ min: 1, max: 256 }), (id, count) => {
        const index = shardIndexOf(id, count)
        expect(index).toBeGreaterThanOrEqual(1)
        expect(index).toBeLessThanOrEqual(count)
      })
    )
  })
})

describe('selectAccounts', () => {
  const listed = [
    { Id: '333333333333', Name: 'c', State: 'ACTIVE' as const },
    { Id: '111111111111', Name: 'a', State: 'ACTIVE' as const },
    { Id: '222222222222', Name: 'b', State: 'SUSPENDED' as const },
    { Id: '444444444444', Name: 'd', Status: 'ACTIVE' as const },
    { Id: '555555555555', Name: 'e', State: 'PENDING_CLOSURE' as const, Status: 'ACTIVE' as const },
    { Id: '111111111111', Name: 'a', State: 'ACTIVE' as const }
  ]
  it('keeps ACTIVE accounts (State first, then the retired Status), sorted by id, without repeats', () => {
    const discovery = selectAccounts(listed, filter)
    expect(discovery.accounts).toEqual([
      { id: '111111111111', name: 'a' },
      { id: '333333333333', name: 'c' },
      { id: '444444444444', name: 'd' }
    ])
    expect(discovery.inactive).toEqual(['222222222222', '555555555555'])
  })
  it('leaves out excluded accounts, then takes the shard by account id, recording every account discovered', () => {
    const shard = { index: shardIndexOf('444444444444', 2), count: 2 }
    const discovery = selectAccounts(listed, { ...filter, excludeAccounts: ['333333333333'], shard }, ['999999999999'])
    expect(discovery).toMatchObject({
      accounts: [
        ...(shardIndexOf('111111111111', 2) === shard.index ? [{ id: '111111111111', name: 'a' }] : []),
        { id: '444444444444', name: 'd' }
      ],
      excluded: 1,
      total: 2,
      notFound: ['999999999999'],
      discovered: [
        { id: '111111111111', name: 'a' },
        { id: '444444444444', name: 'd' }
      ]
    })
  })
  it('reads State before Status', () => {
    expect(accountState({ State: 'SUSPENDED', Status: 'ACTIVE' })).toBe('SUSPENDED')
    expect(accountState({ Status: 'ACTIVE' })).toBe('ACTIVE')
  })
  it("calls Organizations' global endpoint of the partition", () => {
    expect(['eu-west-1', 'cn-north-1', 'us-gov-east-1'].map(organizationsRegion)).toEqual([
      'us-east-1',
      'cn-northwest-1',
      'us-gov-west-1'
    ])
  })
})

describe('organization inputs', () => {
  it('reads member-role-name and its filters', () => {
    expect(
      parseOrganization(
        inputs({
          'member-role-name': ' audit/acm-member ',
          accounts: '123456789012, ou-ab12-abcdefgh r-ab12',
          'exclude-accounts': '210987654321',
          shard: '2/8'
        }),
        []
      )
    ).toEqual({
      memberRoleName: 'audit/acm-member',
      accounts: ['123456789012', 'ou-ab12-abcdefgh', 'r-ab12'],
      excludeAccounts: ['210987654321'],
      shard: { index: 2, count: 8 }
    })
    expect(parseOrganization(inputs({}), [])).toBeUndefined()
  })
  it.each([
    [{ 'member-role-name': 'm', accounts: 'o-exampleorg1' }, 'Input \'accounts\' has "o-exampleorg1", which is not'],
    [{ 'member-role-name': 'm', 'exclude-accounts': 'ou-ab12-abcdefgh' }, "Input 'exclude-accounts' must hold 12-digit"],
    [{ 'member-role-name': 'm', shard: '9/8' }, "Input 'shard' must be K/N"],
    [{ 'member-role-name': 'm', shard: '0/8' }, "Input 'shard' must be K/N"],
    [{ 'member-role-name': 'm', shard: '1/257' }, "Input 'shard' must be K/N"],
    [{ shard: '1/2' }, "Input 'shard' needs 'member-role-name'"]
  ])('rejects %j', (values, message) => {
    expect(() => parseOrganization(inputs(values), [])).toThrow(InputError)
    expect(() => parseOrganization(inputs(values), [])).toThrow(message)
  })
  it('needs at most one role-to-assume: the first session', () => {
    const roles = [
      { arn: 'arn:aws:iam::111111111111:role/a', account: '111111111111' },
      { arn: 'arn:aws:iam::222222222222:role/a', account: '222222222222' }
    ]
    expect(() => parseOrganization(inputs({ 'member-role-name': 'm' }), roles)).toThrow(
      "Input 'member-role-name' discovers the organization's accounts from one first session"
    )
  })
  it('reads K/N with spaces', () => {
    expect(parseShard(' 3 / 4 ')).toEqual({ index: 3, count: 4 })
    expect(parseShard('')).toBeUndefined()
  })
  it('reads merge-reports and expected-reports', () => {
    expect(parseMerge(inputs({ 'merge-reports': 'reports', 'expected-reports': '8' }), undefined)).toEqual({
      source: 'reports',
      expected: 8
    })
    expect(parseMerge(inputs({ 'merge-reports': 'reports/*.json' }), undefined)).toEqual({ source: 'reports/*.json' })
    expect(() => parseMerge(inputs({ 'merge-reports': 'reports' }), { index: 1, count: 2 })).toThrow(
      "Input 'merge-reports' merges the shards' reports in a job of its own"
    )
    expect(() => parseMerge(inputs({ 'merge-reports': 'reports', 'expected-reports': '0' }), undefined)).toThrow(
      "Input 'expected-reports' must be a whole number from 1 to 256"
    )
  })
})

describe('the report format', () => {
  it("carries the action's version as package.json states it", () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname ?? '.', '..', '..', 'package.json'), 'utf8')) as {
      version: string
    }
    expect(ACTION_VERSION).toBe(manifest.version)
  })
})
