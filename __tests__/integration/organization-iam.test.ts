/**
 * Least privilege in an organization: the member role (iam/member-role.yaml) grants exactly iam/policy.json
 * and trusts only the audit role; the audit role needs exactly iam/management-policy.json for discovery and
 * role chaining; and those are the operations an organization audit performs, on each side.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { type AwsEmulator, DEFAULT_ACCOUNT } from '../../emulator/aws-emulator.js'
import { ROOT, runAction } from '../../emulator/run-action.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'
import { AUDIT_ROLE, MEMBER_ROLE, oidcEnv, PAYMENTS, seedOrganization } from './organization-fixture.js'

interface Statement {
  Sid?: string
  Effect: string
  Action: string | string[]
  Resource?: string | string[]
  Principal?: unknown
}
interface Policy {
  Version: string
  Statement: Statement[]
}
interface Template {
  Parameters: Record<string, { Type: string; Default?: string }>
  Resources: {
    MemberRole: {
      Type: string
      Properties: {
        RoleName: unknown
        MaxSessionDuration: number
        AssumeRolePolicyDocument: Policy
        Policies: Array<{ PolicyName: string; PolicyDocument: Policy }>
      }
    }
  }
}

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

let memberPolicy: Policy
let managementPolicy: Policy
let template: Template
beforeAll(async () => {
  memberPolicy = JSON.parse(await readFile(join(ROOT, 'iam', 'policy.json'), 'utf8')) as Policy
  managementPolicy = JSON.parse(await readFile(join(ROOT, 'iam', 'management-policy.json'), 'utf8')) as Policy
  template = parse(await readFile(join(ROOT, 'iam', 'member-role.yaml'), 'utf8')) as Template
})

const actionsOf = (policy: Policy) =>
  policy.Statement.flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]))

describe('iam/member-role.yaml', () => {
  it('grants exactly iam/policy.json, and trusts only the audit role given as a parameter', () => {
    const role = template.Resources.MemberRole
    expect(role.Type).toBe('AWS::IAM::Role')
    expect(role.Properties.Policies).toHaveLength(1)
    expect(role.Properties.Policies[0]?.PolicyDocument).toEqual(memberPolicy)
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Sid: 'AcmExpiryAuditRole', Effect: 'Allow', Principal: { AWS: { Ref: 'AuditRoleArn' } }, Action: 'sts:AssumeRole' }
    ])
    expect(role.Properties.RoleName).toEqual({ Ref: 'MemberRoleName' })
    expect(template.Parameters.MemberRoleName?.Default).toBe(MEMBER_ROLE)
    expect(template.Parameters.AuditRoleArn?.Type).toBe('String')
    expect(role.Properties.MaxSessionDuration).toBe(3600)
  })

  it('iam/management-policy.json allows sts:AssumeRole only on the member role', () => {
    const assume = managementPolicy.Statement.filter((statement) =>
      actionsOf({ ...managementPolicy, Statement: [statement] }).includes('sts:AssumeRole')
    )
    expect(assume).toEqual([
      { Sid: 'AssumeMemberRole', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: `arn:aws:iam::*:role/${MEMBER_ROLE}` }
    ])
  })
})

describe('an organization audit', () => {
  it('performs exactly the operations the two documents grant, each from its side', async () => {
    const { prod } = seedOrganization(emulator)
    emulator.addCertificates(
      'us-east-1',
      [{ domain: 'tagged.example.com', notAfter: inDays(4.5), renewal: { status: 'FAILED', reason: 'CAA_ERROR' } }],
      PAYMENTS
    )
    // Every account, every enabled region, tags read, renewals described; then the same with a unit filter.
    const all = await runAction({
      endpoint: emulator.url,
      inputs: {
        regions: 'all',
        'role-to-assume': AUDIT_ROLE,
        'member-role-name': MEMBER_ROLE,
        'ignore-tag': 'snooze',
        'fail-on': 'never'
      },
      env: oidcEnv(emulator)
    })
    const unit = await runAction({
      endpoint: emulator.url,
      inputs: {
        regions: 'all',
        'role-to-assume': AUDIT_ROLE,
        'member-role-name': MEMBER_ROLE,
        accounts: prod,
        'fail-on': 'never'
      },
      env: oidcEnv(emulator)
    })
    expect([all.exitCode, unit.exitCode]).toEqual([1, 0]) // the first: sandbox-1 has no member role
    const memberSessions = new Set(emulator.calls.filter((call) => call.service === 'acm').map((call) => call.accessKeyId))
    const used = (filter: (call: (typeof emulator.calls)[number]) => boolean) =>
      [...new Set(emulator.calls.filter(filter).map((call) => `${call.service}:${call.operation}`))].sort()

    // The audit role's side: discovery and chaining, signed with its session in the management account.
    const management = used(
      (call) =>
        call.account === DEFAULT_ACCOUNT &&
        !memberSessions.has(call.accessKeyId) &&
        (call.service === 'organizations' || call.operation === 'AssumeRole')
    )
    expect(management).toEqual([...actionsOf(managementPolicy)].sort())
    // The member roles' side: exactly iam/policy.json.
    const member = used((call) => memberSessions.has(call.accessKeyId) && call.status === 200)
    expect(member).toEqual([...actionsOf(memberPolicy)].sort())
    // Nothing else but the OIDC exchange (trust policy) and the token itself.
    const others = used(
      (call) => !memberSessions.has(call.accessKeyId) && call.service !== 'organizations' && call.operation !== 'AssumeRole'
    )
    expect(others).toEqual(['oidc:GetIdToken', 'sts:AssumeRoleWithWebIdentity'])
  })
})
