/**
 * An AWS organization: accounts discovered with organizations:ListAccounts (or, for unit filters,
 * ListAccountsForParent and ListOrganizationalUnitsForParent), a member role assumed in each with
 * sts:AssumeRole chained from the first session, and each account named "name (id)".
 */
import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { type AwsEmulator, DEFAULT_ACCOUNT } from '../../emulator/aws-emulator.js'
import { runAction } from '../../emulator/run-action.js'
import { emulatorPerTest } from '../helpers/emulator-per-test.js'
import {
  AUDIT_ROLE,
  EU_WEB,
  findingsOf,
  LOGS,
  MEMBER_ROLE,
  oidcEnv,
  PAYMENTS,
  SANDBOX_DENIED,
  SANDBOX_SUSPENDED,
  seedOrganization,
  SHARED
} from './organization-fixture.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

const assumedAccounts = () =>
  emulator
    .callsTo('AssumeRole')
    .map((call) => String(call.params.RoleArn).split(':')[4])
    .sort()

describe('discovery of the whole organization', () => {
  it('audits every ACTIVE account through its member role, chained from the OIDC session, and names each account', async () => {
    seedOrganization(emulator)
    const run = await runAction({
      endpoint: emulator.url,
      inputs: {
        regions: 'us-east-1, eu-west-1',
        'role-to-assume': AUDIT_ROLE,
        'member-role-name': MEMBER_ROLE,
        'exclude-accounts': SHARED
      },
      env: oidcEnv(emulator)
    })

    // The suspended account is skipped without an AssumeRole; the excluded one too; the denied one fails alone.
    expect(assumedAccounts()).toEqual([DEFAULT_ACCOUNT, PAYMENTS, EU_WEB, SANDBOX_DENIED, LOGS].sort())
    for (const call of emulator.callsTo('AssumeRole')) {
      expect(call.params).toMatchObject({ DurationSeconds: '3600', RoleSessionName: 'acm-expiry-audit' })
      expect(call.params.RoleArn).toMatch(new RegExp(`^arn:aws:iam::\\d{12}:role/${MEMBER_ROLE}$`, 'u'))
    }
    // Chained: AssumeRole is signed with the audit role's session, in the management account.
    expect(new Set(emulator.callsTo('AssumeRole').map((call) => call.account))).toEqual(new Set([DEFAULT_ACCOUNT]))
    expect(emulator.callsTo('ListAccounts').length).toBeGreaterThan(0)
    expect(emulator.callsTo('ListAccountsForParent')).toEqual([])
    const scannedAccounts = new Set(emulator.callsTo('ListCertificates').map((call) => call.account))
    expect(scannedAccounts).toEqual(new Set([DEFAULT_ACCOUNT, PAYMENTS, EU_WEB, LOGS]))

    expect(run.exitCode).toBe(1)
    expect(run.outputs['failed-regions']).toBe(`${SANDBOX_DENIED}:*`)
    expect(findingsOf(run.outputs).map((f) => [f.domain, f.account, f.accountName])).toEqual([
      ['pay.example.com', PAYMENTS, 'prod-payments'],
      ['eu.example.com', EU_WEB, 'prod-eu-web'],
      ['mgmt.example.com', DEFAULT_ACCOUNT, 'management']
    ])
    expect(run.summary).toContain(`prod-payments (${PAYMENTS})`)
    expect(run.summary).toContain(`sandbox-1 (${SANDBOX_DENIED})`)
    expect(run.summary).not.toContain(SANDBOX_SUSPENDED)
    expect(run.summary).not.toContain(SHARED)
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors.join('\n')).toContain(
      `Could not assume arn:aws:iam::${SANDBOX_DENIED}:role/${MEMBER_ROLE} in sandbox-1 (${SANDBOX_DENIED}): AWS denied sts:AssumeRole. Deploy the member role to this account with iam/member-role.yaml`
    )
    expect(run.stdout).toContain(`not ACTIVE skipped (${SANDBOX_SUSPENDED})`)
    // The log group of each region names its account.
    expect(run.stdout).toContain(`::group::us-east-1 (account prod-payments, ${PAYMENTS}): `)

    const report = JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8')) as {
      accountNames: Record<string, string>
      asked: { organization: unknown }
    }
    expect(report.accountNames[PAYMENTS]).toBe('prod-payments')
    expect(report.asked.organization).toEqual({ memberRoleName: MEMBER_ROLE, accounts: [], excludeAccounts: [SHARED] })
  })

  it('with an organizational unit filter, reads that unit and its nested units only', async () => {
    const { prod } = seedOrganization(emulator)
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1, eu-west-1', 'member-role-name': MEMBER_ROLE, accounts: prod, 'fail-on': 'never' }
      // The default credential chain: the management account's static keys.
    })
    expect(run.exitCode).toBe(0)
    expect(assumedAccounts()).toEqual([PAYMENTS, EU_WEB])
    expect(emulator.callsTo('ListAccounts')).toEqual([])
    expect(emulator.callsTo('ListAccountsForParent').map((call) => call.params.ParentId)).toHaveLength(2)
    expect(emulator.callsTo('ListOrganizationalUnitsForParent').length).toBeGreaterThanOrEqual(2)
    expect(findingsOf(run.outputs).map((f) => f.domain)).toEqual(['pay.example.com', 'eu.example.com'])
  })

  it('reads every page of a large organization (20 accounts a page) and account ids given by id', async () => {
    emulator.organizations.create(DEFAULT_ACCOUNT)
    const ids = Array.from({ length: 45 }, (_, i) => String(300000000000 + i))
    for (const id of ids) {
      emulator.organizations.addAccount({ id, name: `team-${id.slice(-2)}` })
      emulator.memberRoles.addRole(id, MEMBER_ROLE, [`arn:aws:iam::${DEFAULT_ACCOUNT}:user/emulator`])
    }
    const all = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1', 'member-role-name': MEMBER_ROLE }
    })
    // 46 accounts: three pages; the management account has no member role and is reported as not read.
    expect(emulator.callsTo('ListAccounts')).toHaveLength(3)
    expect(assumedAccounts()).toEqual([DEFAULT_ACCOUNT, ...ids].sort())
    expect(all.outputs['failed-regions']).toBe(`${DEFAULT_ACCOUNT}:*`)

    emulator.calls.length = 0
    const some = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1', 'member-role-name': MEMBER_ROLE, accounts: `${ids[3]}, ${ids[40]}, 999999999999` }
    })
    expect(assumedAccounts()).toEqual([ids[3], ids[40]])
    expect(some.outputs['failed-regions']).toBe('999999999999:*')
    expect(some.summary).toContain('999999999999 is not in the organization')
  })

  /** An organization of `accounts` accounts (the management account first), each with the member role, audited in one region. */
  async function auditLargeOrganization(accounts: number, requestsPerSecond: number) {
    emulator.organizations.create(DEFAULT_ACCOUNT)
    const ids = Array.from({ length: accounts - 1 }, (_, i) => String(400000000000 + i))
    for (const id of [DEFAULT_ACCOUNT, ...ids]) {
      if (id !== DEFAULT_ACCOUNT) emulator.organizations.addAccount({ id })
      emulator.memberRoles.addRole(id, MEMBER_ROLE, [`arn:aws:iam::${DEFAULT_ACCOUNT}:user/emulator`])
    }
    emulator.organizations.requestsPerSecond = requestsPerSecond
    return runAction({ endpoint: emulator.url, inputs: { regions: 'us-east-1', 'member-role-name': MEMBER_ROLE } })
  }

  it('retries Organizations throttling (TooManyRequestsException) through the SDK and still lists every account', async () => {
    const run = await auditLargeOrganization(60, 1)
    expect(emulator.organizations.throttled).toBeGreaterThan(0)
    expect(run.exitCode).toBe(0)
    expect(assumedAccounts()).toHaveLength(60)
  })

  it('pages through the organization evenly spaced, without a burst that a few requests per second would throttle', async () => {
    // At most five requests in any second: seven pages of twenty accounts, one after another.
    const run = await auditLargeOrganization(140, 5)
    expect(run.exitCode).toBe(0)
    expect(emulator.callsTo('ListAccounts').length).toBe(7)
    expect(emulator.organizations.throttled).toBe(0)
    expect(assumedAccounts()).toHaveLength(140)
  })

  it('renews the hour-long chained sessions before they expire', async () => {
    seedOrganization(emulator)
    emulator.memberRoles.sessionLifetimeMs = 30_000
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1, eu-west-1', 'member-role-name': MEMBER_ROLE, accounts: PAYMENTS, 'fail-on': 'never' }
    })
    expect(run.exitCode).toBe(0)
    // Within a minute of expiry every use renews: more AssumeRole calls than accounts, and no expired token.
    expect(emulator.callsTo('AssumeRole').length).toBeGreaterThan(1)
    expect(emulator.calls.filter((call) => call.status !== 200)).toEqual([])
  })
})

describe('discovery that cannot run', () => {
  it('fails the whole audit, naming organizations:ListAccounts and where the first session must be', async () => {
    seedOrganization(emulator)
    emulator.organizations.managementAccount = PAYMENTS
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1', 'member-role-name': MEMBER_ROLE }
    })
    expect(run.exitCode).toBe(1)
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('Access denied to organizations:ListAccounts')
    expect(errors[0]).toContain("must be in the organization's management account or in a delegated administrator account")
    expect(emulator.callsTo('AssumeRole')).toEqual([])
    expect(emulator.callsTo('ListCertificates')).toEqual([])
  })

  it('explains an account outside any organization', async () => {
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1', 'member-role-name': MEMBER_ROLE }
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain("the first session's account is not in an AWS organization")
  })

  it('works from a delegated administrator account', async () => {
    seedOrganization(emulator)
    emulator.organizations.managementAccount = PAYMENTS
    emulator.organizations.delegatedAdministrators.add(DEFAULT_ACCOUNT)
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1', 'member-role-name': MEMBER_ROLE, accounts: LOGS, 'fail-on': 'never' }
    })
    expect(run.exitCode).toBe(0)
    expect(assumedAccounts()).toEqual([LOGS])
  })
})
