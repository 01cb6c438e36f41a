import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { AwsEmulator } from '../../emulator/aws-emulator.js'
import { type ActionRun, runAction } from '../../emulator/run-action.js'
import { inDays } from '../helpers/emulator-per-test.js'

const PROD = 'arn:aws:iam::210987654321:role/acm-audit'
const STAGING = 'arn:aws:iam::345678901234:role/acm-audit'

let emulator: AwsEmulator
beforeEach(async () => {
  emulator = new AwsEmulator()
  await emulator.start()
  emulator.sts.addRole(PROD)
  emulator.sts.addRole(STAGING)
  emulator.addCertificates('us-east-1', [{ domain: 'prod.example.com', type: 'IMPORTED', notAfter: inDays(5) }], '210987654321')
  emulator.addCertificates(
    'eu-west-1',
    [{ domain: 'prod-eu.example.com', notAfter: inDays(9), renewal: { status: 'PENDING_AUTO_RENEWAL' } }],
    '210987654321'
  )
  emulator.addCertificates(
    'us-east-1',
    [{ domain: 'staging.example.com', type: 'IMPORTED', notAfter: inDays(-2) }],
    '345678901234'
  )
})
afterEach(async () => {
  await emulator.stop()
})

/** A run with no static keys at all: only the runner's OIDC variables. */
function runWithOidc(inputs: Record<string, string>, env: Record<string, string | undefined> = {}): Promise<ActionRun> {
  return runAction({
    endpoint: emulator.url,
    inputs: { regions: 'us-east-1 eu-west-1', 'fail-on': 'never', ...inputs },
    env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...emulator.sts.runnerEnv, ...env }
  })
}

function findings(run: ActionRun): Array<{ account: string; domain: string; region: string }> {
  return JSON.parse(run.outputs.findings ?? '[]') as Array<{ account: string; domain: string; region: string }>
}

describe('OIDC role assumption', () => {
  it('assumes one role per account and scans every region of each with that session', async () => {
    const run = await runWithOidc({
      'role-to-assume': `${PROD}\n${STAGING}`,
      'role-session-name': 'nightly-audit',
      'role-duration-seconds': '1800'
    })

    expect(run.exitCode).toBe(0)
    expect(emulator.sts.tokens.map((token) => token.audience)).toEqual(['sts.amazonaws.com'])
    const assumed = emulator.callsTo('AssumeRoleWithWebIdentity')
    expect(assumed.map((call) => call.params.RoleArn).sort()).toEqual([PROD, STAGING])
    for (const call of assumed) {
      expect(call.params).toMatchObject({
        RoleSessionName: 'nightly-audit',
        DurationSeconds: '1800',
        WebIdentityToken: emulator.sts.tokens[0]?.value
      })
    }
    // Every ACM call used the session issued for the account it read.
    const sessionKeys = new Map(assumed.map((call) => [call.account, call.accessKeyId]))
    const lists = emulator.callsTo('ListCertificates')
    expect(lists.map((call) => `${call.account}:${call.region}`).sort()).toEqual([
      '210987654321:eu-west-1',
      '210987654321:us-east-1',
      '345678901234:eu-west-1',
      '345678901234:us-east-1'
    ])
    for (const call of emulator.calls.filter((c) => c.service === 'acm')) {
      expect(call.accessKeyId).toBe(sessionKeys.get(call.account))
      expect(call.accessKeyId).toMatch(/^ASIA/u)
    }
    expect(findings(run).map((f) => [f.account, f.region, f.domain])).toEqual([
      ['345678901234', 'us-east-1', 'staging.example.com'],
      ['210987654321', 'us-east-1', 'prod.example.com'],
      ['210987654321', 'eu-west-1', 'prod-eu.example.com']
    ])
    expect(run.summary).toContain('| Status | Days left | Certificate | Used by | Action |')
    expect(run.summary).toContain('<br><sub>210987654321 · eu-west-1</sub>')
    expect(run.summary).toContain('of 2 accounts (210987654321, 345678901234)')
  })

  it('asks for the audience given and never prints a secret', async () => {
    emulator.sts.addRole(PROD, { audience: 'acm-audit.example' })
    const run = await runWithOidc({ 'role-to-assume': PROD, audience: 'acm-audit.example' })
    expect(run.exitCode).toBe(0)
    expect(emulator.sts.tokens.map((token) => token.audience)).toEqual(['acm-audit.example'])

    const identity = [...emulator.identities.values()].find((candidate) => candidate.sessionToken)
    const secrets = [emulator.sts.tokens[0]?.value, identity?.secretAccessKey, identity?.sessionToken, emulator.sts.requestToken]
    const report = await readFile(run.outputs['report-file'] ?? '', 'utf8')
    for (const secret of secrets) {
      expect(secret).toBeTruthy()
      const value = secret as string
      // The only place a secret may appear is the command that tells the runner to mask it.
      const unmasked = run.stdout.split('\n').filter((line) => line.includes(value) && line !== `::add-mask::${value}`)
      expect(unmasked).toEqual([])
      for (const artifact of [run.stderr, run.summary, JSON.stringify(run.outputs), report]) expect(artifact).not.toContain(value)
    }
    expect(run.stdout).toContain(`::add-mask::${identity?.secretAccessKey}`)
    expect(run.stdout).toContain(`::add-mask::${identity?.sessionToken}`)
  })

  it('fails at once, naming the permission to add, when the job has no id-token: write', async () => {
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { 'role-to-assume': PROD },
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain("::error::Input 'role-to-assume' is set, but this job cannot request an OIDC token")
    expect(run.stdout).toContain('id-token: write')
    expect(emulator.calls).toHaveLength(0)
  })

  it('reports a role whose trust policy rejects this workflow, and still scans the other account', async () => {
    emulator.sts.addRole(STAGING, { subject: 'repo:octo-org/infrastructure:environment:staging' })
    const run = await runWithOidc({ 'role-to-assume': `${PROD},${STAGING}` })

    expect(run.exitCode).toBe(1)
    expect(run.outputs['failed-regions']).toBe('345678901234:*')
    expect(findings(run).map((f) => f.domain)).toEqual(['prod.example.com', 'prod-eu.example.com'])
    expect(run.stdout).toContain(
      `Could not assume ${STAGING}: AWS denied sts:AssumeRoleWithWebIdentity. The role's trust policy must trust the federated principal token.actions.githubusercontent.com`
    )
    expect(run.stdout).toContain(`matching this workflow's subject "repo:octo-org/infrastructure:ref:refs/heads/main"`)
    expect(run.summary).toContain('**Incomplete audit:**')
    expect(emulator.callsTo('ListCertificates').every((call) => call.account === '210987654321')).toBe(true)
  })

  it('explains an audience the identity provider does not accept', async () => {
    const run = await runWithOidc({ 'role-to-assume': PROD, audience: 'wrong-audience' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`Could not assume ${PROD}: AWS rejected the workflow's OIDC token`)
    expect(run.stdout).toContain('whose audience list includes "wrong-audience"')
  })

  it.each([
    ['role-to-assume', 'arn:aws:iam::12345:role/short-account', "Input 'role-to-assume' has a value that is not an IAM role ARN"],
    ['role-to-assume', 'acm-audit', "Input 'role-to-assume' has a value that is not an IAM role ARN"],
    ['role-session-name', 'has spaces in it', "Input 'role-session-name' must be 2 to 64 characters"],
    ['role-duration-seconds', '60', "Input 'role-duration-seconds' must be a whole number from 900 to 43200"]
  ])('rejects %s=%s before any call', async (input, value, message) => {
    const run = await runWithOidc({ 'role-to-assume': PROD, [input]: value })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`::error::${message}`)
    expect(emulator.calls).toHaveLength(0)
  })

  it('reads the account of the default credential chain with GetCallerIdentity', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'default.example.com', type: 'IMPORTED', notAfter: inDays(3) }])
    const run = await runAction({ endpoint: emulator.url, inputs: { 'fail-on': 'never' } })
    expect(emulator.callsTo('GetCallerIdentity')).toHaveLength(1)
    expect(emulator.callsTo('AssumeRoleWithWebIdentity')).toHaveLength(0)
    expect(JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8'))).toMatchObject({ accounts: ['111122223333'] })
  })
})

describe('an OIDC token the runner will not give', () => {
  it('reports every account as not read, with the summary and outputs written', async () => {
    const run = await runWithOidc(
      { 'role-to-assume': `${PROD}\n${STAGING}` },
      { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'not-the-runner-token' }
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      `Could not get the workflow's OIDC token (audience "sts.amazonaws.com"), so no role could be assumed`
    )
    expect(run.stdout).not.toContain('stopped unexpectedly')
    expect(run.outputs['failed-regions']).toBe('210987654321:*,345678901234:*')
    expect(run.outputs['scanned-count']).toBe('0')
    expect(run.summary).toContain('**Incomplete audit:**')
    expect(run.summary).not.toContain('All clear')
    expect(emulator.callsTo('AssumeRoleWithWebIdentity')).toHaveLength(0)
  })
})
