/** AcmClients: one connection pool per region for every account, each account signed and paced on its own. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { ListCertificatesCommand } from '@aws-sdk/client-acm'
import { AcmClients, DEFAULT_CLIENT_SETTINGS } from '../../src/aws/clients.js'
import { AwsEmulator } from '../../emulator/aws-emulator.js'

const ACCOUNTS = [
  { account: '210987654321', accessKeyId: 'AKIAACCOUNTONE000001', secretAccessKey: 'secret-one', sessionToken: 'token-one' },
  { account: '345678901234', accessKeyId: 'AKIAACCOUNTTWO000002', secretAccessKey: 'secret-two', sessionToken: 'token-two' },
  { account: '456789012345', accessKeyId: 'AKIAACCOUNTTHREE0003', secretAccessKey: 'secret-three', sessionToken: 'token-three' }
]
const REGIONS = ['us-east-1', 'eu-west-1']
const SOCKETS = 2
const CALLS = 6

let emulator: AwsEmulator
const endpoint = process.env.AWS_ENDPOINT_URL

beforeEach(async () => {
  emulator = new AwsEmulator({ latencyMs: 20 })
  await emulator.start()
  process.env.AWS_ENDPOINT_URL = emulator.url
  for (const { account, accessKeyId, secretAccessKey, sessionToken } of ACCOUNTS) {
    emulator.addIdentity({
      accessKeyId,
      secretAccessKey,
      sessionToken,
      account,
      arn: `arn:aws:sts::${account}:assumed-role/audit/s`
    })
    for (const region of REGIONS) emulator.addCertificates(region, [{ domain: `${account}.${region}.example.com` }], account)
  }
})

afterEach(async () => {
  if (endpoint === undefined) delete process.env.AWS_ENDPOINT_URL
  else process.env.AWS_ENDPOINT_URL = endpoint
  await emulator.stop()
})

describe('AcmClients', () => {
  it('sends every account of a region through one pool of at most socketsPerRegion connections, each signed with its own session', async () => {
    const acm = new AcmClients(DEFAULT_CLIENT_SETTINGS, undefined, SOCKETS)
    const listed = await Promise.all(
      ACCOUNTS.flatMap(({ accessKeyId, secretAccessKey, sessionToken }) =>
        REGIONS.map(async (region) => {
          const client = acm.forAccount(region, async () => ({ accessKeyId, secretAccessKey, sessionToken }))
          const pages = await Promise.all(Array.from({ length: CALLS }, () => client.send(new ListCertificatesCommand({}))))
          return pages.map((page) => page.CertificateSummaryList?.map((summary) => summary.DomainName).join(','))
        })
      )
    )
    acm.destroy()
    // Each account read its own certificates in each region: the session of one never signed for another.
    expect(listed).toEqual(
      ACCOUNTS.flatMap(({ account }) => REGIONS.map((region) => Array(CALLS).fill(`${account}.${region}.example.com`)))
    )
    expect(emulator.calls.filter((call) => call.status !== 200)).toEqual([])
    expect(emulator.calls).toHaveLength(ACCOUNTS.length * REGIONS.length * CALLS)
    // A client per (account, region) with its own pool would open up to CALLS connections each.
    expect(emulator.connections).toBeGreaterThan(0)
    expect(emulator.connections).toBeLessThanOrEqual(SOCKETS * REGIONS.length)
  })

  it("paces each account's operations with its own token bucket, not one bucket for the region", async () => {
    // One token, then one every 100 s: a bucket shared by the accounts would hold the second account's call.
    const acm = new AcmClients(DEFAULT_CLIENT_SETTINGS, { ListCertificatesCommand: 0.01 })
    const sends = Promise.all(
      ACCOUNTS.map(({ accessKeyId, secretAccessKey, sessionToken }) =>
        acm
          .forAccount('us-east-1', async () => ({ accessKeyId, secretAccessKey, sessionToken }))
          .send(new ListCertificatesCommand({}))
      )
    )
    let timer: NodeJS.Timeout | undefined
    const held = new Promise<'held'>((resolve) => (timer = setTimeout(() => resolve('held'), 10_000)))
    const outcome = await Promise.race([sends.then(() => 'sent'), held])
    clearTimeout(timer)
    acm.destroy()
    expect(outcome).toBe('sent')
    expect(emulator.calls.map((call) => call.account).sort()).toEqual(ACCOUNTS.map(({ account }) => account).sort())
  })
})
