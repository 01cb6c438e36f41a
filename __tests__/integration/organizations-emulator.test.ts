/** The emulator's Organizations and STS AssumeRole, driven by the real SDK clients, as AWS answers them. */
import { describe, expect, it } from '@jest/globals'
import {
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient
} from '@aws-sdk/client-organizations'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { type AwsEmulator, DEFAULT_ACCOUNT, STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from '../../emulator/aws-emulator.js'
import { emulatorPerTest } from '../helpers/emulator-per-test.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

const credentials = { accessKeyId: STATIC_ACCESS_KEY_ID, secretAccessKey: STATIC_SECRET_ACCESS_KEY }
const config = () => ({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1 })

describe('Organizations', () => {
  it('lists roots, units and accounts in pages of at most 20, with State and Status', async () => {
    emulator.organizations.create(DEFAULT_ACCOUNT)
    const unit = emulator.organizations.addUnit('prod')
    for (let i = 0; i < 24; i += 1) emulator.organizations.addAccount({ id: String(500000000000 + i), parent: unit })
    const client = new OrganizationsClient(config())
    try {
      const roots = await client.send(new ListRootsCommand({}))
      expect(roots.Roots?.map((root) => root.Id)).toEqual([emulator.organizations.rootId])
      const units = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: emulator.organizations.rootId }))
      expect(units.OrganizationalUnits?.map((u) => [u.Id, u.Name])).toEqual([[unit, 'prod']])
      const first = await client.send(new ListAccountsCommand({}))
      expect(first.Accounts).toHaveLength(20)
      expect(first.Accounts?.[0]).toMatchObject({ Id: DEFAULT_ACCOUNT, State: 'ACTIVE', Status: 'ACTIVE' })
      const second = await client.send(new ListAccountsCommand({ NextToken: first.NextToken }))
      expect(second.Accounts).toHaveLength(5)
      expect(second.NextToken).toBeUndefined()
      await expect(client.send(new ListAccountsCommand({ MaxResults: 21 }))).rejects.toMatchObject({
        name: 'InvalidInputException'
      })
    } finally {
      client.destroy()
    }
  })

  it('denies accounts other than the management account and delegated administrators', async () => {
    emulator.organizations.create('999999999999')
    emulator.organizations.addAccount({ id: DEFAULT_ACCOUNT })
    const client = new OrganizationsClient(config())
    try {
      await expect(client.send(new ListAccountsCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException' })
      emulator.organizations.delegatedAdministrators.add(DEFAULT_ACCOUNT)
      await expect(client.send(new ListAccountsCommand({}))).resolves.toMatchObject({ Accounts: expect.any(Array) })
    } finally {
      client.destroy()
    }
  })
})

describe('STS AssumeRole', () => {
  it('issues sessions a trusted principal may chain from, capped at one hour when chained', async () => {
    const caller = `arn:aws:iam::${DEFAULT_ACCOUNT}:user/emulator`
    emulator.memberRoles.addRole('210987654321', 'hop', [caller])
    emulator.memberRoles.addRole('345678901234', 'member', ['arn:aws:iam::210987654321:role/hop'])
    const sts = new STSClient(config())
    try {
      const first = await sts.send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/hop', RoleSessionName: 's1', DurationSeconds: 7200 })
      )
      expect(first.AssumedRoleUser?.Arn).toBe('arn:aws:sts::210987654321:assumed-role/hop/s1')
      const chained = new STSClient({
        ...config(),
        credentials: {
          accessKeyId: first.Credentials?.AccessKeyId ?? '',
          secretAccessKey: first.Credentials?.SecretAccessKey ?? '',
          sessionToken: first.Credentials?.SessionToken ?? ''
        }
      })
      try {
        await expect(
          chained.send(
            new AssumeRoleCommand({
              RoleArn: 'arn:aws:iam::345678901234:role/member',
              RoleSessionName: 's2',
              DurationSeconds: 7200
            })
          )
        ).rejects.toMatchObject({ name: 'ValidationError' })
        const second = await chained.send(
          new AssumeRoleCommand({
            RoleArn: 'arn:aws:iam::345678901234:role/member',
            RoleSessionName: 's2',
            DurationSeconds: 3600
          })
        )
        expect(second.Credentials?.AccessKeyId).toMatch(/^ASIA/u)
      } finally {
        chained.destroy()
      }
      // The caller is not trusted by the member role, and a missing role is denied the same way.
      await expect(
        sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::345678901234:role/member', RoleSessionName: 's3' }))
      ).rejects.toMatchObject({ name: 'AccessDenied' })
      await expect(
        sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::345678901234:role/missing', RoleSessionName: 's3' }))
      ).rejects.toMatchObject({ name: 'AccessDenied' })
    } finally {
      sts.destroy()
    }
  })
})
