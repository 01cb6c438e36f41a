/**
 * Hostile input inert, secrets kept, least privilege proven:
 * - every input action.yml declares that can be invalid fails the step with one error that names it and
 *   what it accepts, before any AWS, STS, OIDC or GitHub call;
 * - no credential (static key, session keys and tokens, OIDC tokens, the runner's request token, GitHub
 *   tokens) appears in any artifact, except in the `::add-mask::` command that hides it;
 * - the AWS operations the action performs are exactly those iam/policy.json grants (plus the two STS
 *   calls that need no permissions policy), and the tracking issue needs nothing beyond `issues: write`.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type AwsEmulator, DEFAULT_ACCOUNT, STATIC_SECRET_ACCESS_KEY } from '../../emulator/aws-emulator.js'
import { type ActionRun, actionMetadata, ROOT, runAction } from '../../emulator/run-action.js'
import { errorLines, expectNoStackTrace } from './hardening-helpers.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

const PROD = 'arn:aws:iam::210987654321:role/acm-audit'
const STAGING = 'arn:aws:iam::345678901234:role/acm-audit'
const DENIED = 'arn:aws:iam::456789012345:role/acm-audit'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

/** A job with `id-token: write` and no static keys. */
function oidcEnv(): Record<string, string | undefined> {
  return { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...emulator.sts.runnerEnv }
}

describe('invalid inputs', () => {
  const longPattern = `*.${'a'.repeat(70_000)}`
  // Input, value, the one error. The base run would assume a role, scan and keep an issue, so any call shows.
  const cases: Array<[string, string, string]> = [
    [
      'regions',
      'us-east-1, mars-north-9x',
      `Input 'regions' has a value that is not a region name: "mars-north-9x". Use names such as us-east-1, eu-west-1, separated by commas, spaces or newlines, or 'all'.`
    ],
    [
      'regions',
      'all us-east-1',
      `Input 'regions' mixes 'all' with region names. Use either 'all' or a list such as 'us-east-1, eu-west-1'.`
    ],
    ['days', '3651', `Input 'days' must be a whole number from 0 to 3650; got "3651".`],
    ['days', '1.5', `Input 'days' must be a whole number from 0 to 3650; got "1.5".`],
    [
      'statuses',
      'ISSUED,GONE',
      `Input 'statuses' has unknown ACM status "GONE". Accepted: EXPIRED, FAILED, INACTIVE, ISSUED, PENDING_VALIDATION, REVOKED, VALIDATION_TIMED_OUT.`
    ],
    [
      'key-types',
      'RSA_8192',
      `Input 'key-types' has unknown key algorithm "RSA_8192". Accepted: all, or any of EC_prime256v1, EC_secp384r1, EC_secp521r1, RSA_1024, RSA_2048, RSA_3072, RSA_4096.`
    ],
    [
      'ignore',
      longPattern,
      `Input 'ignore' has a pattern that cannot be used (pattern is too long): ${JSON.stringify(`${longPattern.slice(0, 80)}…`)}. Use glob patterns such as *.example.com of at most 65,536 characters, separated by commas, spaces or newlines.`
    ],
    [
      'ignore-tag',
      '=2026-01-01',
      `Input 'ignore-tag' must be KEY or KEY=VALUE with a tag key of 1 to 128 characters; got "=2026-01-01".`
    ],
    ['fail-on', 'sometimes', `Input 'fail-on' must be one of expiring, critical, expired, never; got "sometimes".`],
    [
      'critical-days',
      '31',
      `Input 'critical-days' (31) must be at most 'days' (30): critical certificates are the most urgent of those flagged. Lower 'critical-days' or raise 'days'.`
    ],
    ['fail-on-unused', 'no', `Input 'fail-on-unused' must be true or false; got "no".`],
    ['lifetime-percent', '101', `Input 'lifetime-percent' must be a whole number of percent from 1 to 100; got "101".`],
    [
      'role-to-assume',
      'acm-audit',
      `Input 'role-to-assume' has a value that is not an IAM role ARN: "acm-audit". Use ARNs such as arn:aws:iam::123456789012:role/acm-audit, separated by commas, spaces or newlines.`
    ],
    [
      'role-session-name',
      'has spaces',
      `Input 'role-session-name' must be 2 to 64 characters of letters, digits and + = , . @ _ -; got "has spaces".`
    ],
    ['role-duration-seconds', '60', `Input 'role-duration-seconds' must be a whole number from 900 to 43200; got "60".`],
    [
      'audience',
      'sts.amazonaws.com other.example',
      `Input 'audience' must be one audience of 1 to 255 characters, without spaces or line breaks, as the IAM OIDC identity provider lists it (default sts.amazonaws.com); got "sts.amazonaws.com other.example".`
    ],
    [
      'member-role-name',
      'arn:aws:iam::123456789012:role/member',
      `Input 'member-role-name' must be the name of an IAM role (1 to 64 letters, digits and + = , . @ _ -, optionally after a path such as audit/), not an ARN; got "arn:aws:iam::123456789012:role/member".`
    ],
    [
      'accounts',
      'ou-prod',
      `Input 'accounts' needs 'member-role-name': it filters the accounts of an AWS organization, which the audit discovers only when 'member-role-name' names the role to assume in each member account.`
    ],
    [
      'exclude-accounts',
      '123456789012',
      `Input 'exclude-accounts' needs 'member-role-name': it filters the accounts of an AWS organization, which the audit discovers only when 'member-role-name' names the role to assume in each member account.`
    ],
    [
      'shard',
      '1/2',
      `Input 'shard' needs 'member-role-name': it filters the accounts of an AWS organization, which the audit discovers only when 'member-role-name' names the role to assume in each member account.`
    ],
    [
      'merge-reports',
      'reports\nmore-reports',
      `Input 'merge-reports' must be one directory or glob pattern (for example reports or reports/**/*.json) of at most 4,096 characters on one line; got "reports\\nmore-reports".`
    ],
    ['expected-reports', '8', `Input 'expected-reports' needs 'merge-reports': it is how many report files the merge must find.`],
    ['aws-request-timeout', '0', `Input 'aws-request-timeout' must be a whole number of seconds from 1 to 300; got "0".`],
    ['create-issue', 'yes', `Input 'create-issue' must be true or false; got "yes".`],
    [
      'github-token',
      '',
      `Input 'create-issue' is true but 'github-token' is empty. Leave 'github-token' at its default (\${{ github.token }}) and grant the job 'permissions: issues: write', or pass a token that can write issues.`
    ],
    ['issue-title', 't'.repeat(257), `Input 'issue-title' must be at most 256 characters; got 257.`],
    [
      'issue-labels',
      'acm-expiry, '.concat('l'.repeat(51)),
      `Input 'issue-labels' has a label longer than 50 characters: "${'l'.repeat(51)}".`
    ],
    [
      'issue-assignees',
      'not a user!',
      `Input 'issue-assignees' has "user!", which is not a GitHub user name: 1 to 39 letters, digits or hyphens, starting with a letter or digit (a leading @ is allowed). Separate names with commas, spaces or newlines.`
    ],
    ['close-issue', 'maybe', `Input 'close-issue' must be true or false; got "maybe".`]
  ]

  it('cover every input action.yml declares', async () => {
    const declared = Object.keys((await actionMetadata()).inputs).sort()
    expect([...new Set(cases.map(([input]) => input))].sort()).toEqual(declared)
  })

  const shown = (value: string) =>
    value.length > 60 ? `${JSON.stringify(value.slice(0, 24))}… (${value.length} characters)` : JSON.stringify(value)
  it.each(cases.map(([input, value, message]) => [input, shown(value), value, message]))(
    '%s=%s fails with one error naming it, and no call to AWS or GitHub',
    async (input, _shown, value, message) => {
      emulator.sts.addRole(PROD)
      emulator.addCertificates('us-east-1', [{ domain: 'a.example.com', type: 'IMPORTED', notAfter: inDays(3) }], '210987654321')
      const run = await runAction({
        endpoint: emulator.url,
        inputs: { regions: 'us-east-1', 'role-to-assume': PROD, 'create-issue': 'true', [input]: value },
        env: oidcEnv()
      })
      expect(run.exitCode).toBe(1)
      expect(errorLines(run)).toEqual([`::error::${message}`])
      expect(message).toContain(`'${input}'`)
      expect(emulator.calls).toEqual([])
      expect(emulator.github.calls).toEqual([])
      // The summary says the audit did not run, and why: never an empty page that could pass for an all clear.
      expect(run.summary).toContain('**The audit did not run,** so no certificate was read: this is not an all clear.')
      expect(run.summary).toContain(`'${input}'`)
      // Nothing was read: zero counts, * in failed-regions, complete false.
      expect(run.outputs).toMatchObject({ 'failed-regions': '*', complete: 'false', 'scanned-count': '0', findings: '[]' })
      expectNoStackTrace(run)
    }
  )
})

describe('secrets', () => {
  it('never appear in any artifact, only in the commands that mask them', async () => {
    const writeToken = `ghs_${randomBytes(18).toString('hex')}`
    const readToken = `ghs_${randomBytes(18).toString('hex')}`
    emulator.github.tokens.set(writeToken, 'write')
    emulator.github.tokens.set(readToken, 'read')
    emulator.sts.addRole(PROD)
    emulator.sts.addRole(STAGING)
    emulator.sts.addRole(DENIED, { subject: 'repo:octo-org/other:*' })
    // Short sessions, so the scan renews them and more session secrets are handed out.
    emulator.sts.sessionLifetimeMs = 2_000
    const managed = Array.from({ length: 12 }, (_, i) => ({
      domain: `managed-${i}.example.com`,
      notAfter: inDays(3.5 + i),
      renewal: { status: 'FAILED', reason: 'CAA_ERROR' }
    }))
    const prodEast = emulator.addCertificates(
      'us-east-1',
      [...managed, { domain: 'imported.example.com', type: 'IMPORTED', notAfter: inDays(-1.5) }],
      '210987654321'
    )
    emulator.addCertificates(
      'eu-west-1',
      [{ domain: 'prod-eu.example.com', type: 'IMPORTED', notAfter: inDays(6.5) }],
      '210987654321'
    )
    emulator.addCertificates(
      'us-east-1',
      [{ domain: 'staging.example.com', type: 'PRIVATE', notAfter: inDays(8.5), tags: { 'acm-audit-snooze': 'no' } }],
      '345678901234'
    )
    emulator.addCertificates('us-east-1', [{ domain: 'default.example.com', type: 'IMPORTED', notAfter: inDays(2.5) }])
    const runs: ActionRun[] = []
    const oidcInputs = {
      regions: 'us-east-1 eu-west-1',
      'ignore-tag': 'acm-audit-snooze=yes',
      'create-issue': 'true',
      'fail-on': 'never'
    }

    // 1. OIDC with three roles (one whose trust policy rejects this workflow), eu-west-1 denied for prod: issue created.
    emulator.faults = (call) =>
      call.region === 'eu-west-1' && call.account === '210987654321'
        ? { kind: 'error', status: 400, code: 'AccessDeniedException', message: 'not authorized' }
        : undefined
    runs.push(
      await runAction({
        endpoint: emulator.url,
        githubToken: writeToken,
        inputs: { ...oidcInputs, 'role-to-assume': `${PROD},${STAGING},${DENIED}` },
        env: oidcEnv()
      })
    )
    // 2. Everything fixed and readable: the issue is closed with a comment.
    emulator.faults = undefined
    for (const certificate of [
      ...prodEast,
      ...emulator.certificatesOf('210987654321', 'eu-west-1'),
      ...emulator.certificatesOf('345678901234', 'us-east-1')
    ])
      certificate.notAfter = inDays(300)
    runs.push(
      await runAction({
        endpoint: emulator.url,
        githubToken: writeToken,
        inputs: { ...oidcInputs, 'role-to-assume': `${PROD}\n${STAGING}` },
        env: oidcEnv()
      })
    )
    // 3. The default credential chain, regions: all, a region that resets every connection, and a read-only token.
    emulator.faults = (call) => (call.region === 'us-west-2' ? { kind: 'reset' } : undefined)
    runs.push(
      await runAction({ endpoint: emulator.url, githubToken: readToken, inputs: { regions: 'all', 'create-issue': 'true' } })
    )

    // 4. An organization: member-role sessions chained from the OIDC session, renewed as they near expiry.
    emulator.organizations.create('210987654321', 'prod')
    emulator.organizations.addAccount({ id: '345678901234', name: 'staging' })
    for (const account of ['210987654321', '345678901234']) emulator.memberRoles.addRole(account, 'acm-audit-member', [PROD])
    emulator.memberRoles.sessionLifetimeMs = 2_000
    runs.push(
      await runAction({
        endpoint: emulator.url,
        inputs: { regions: 'us-east-1', 'role-to-assume': PROD, 'member-role-name': 'acm-audit-member', 'fail-on': 'never' },
        env: oidcEnv()
      })
    )
    expect(emulator.callsTo('AssumeRole').length).toBeGreaterThanOrEqual(2)

    expect(runs.map((run) => run.exitCode)).toEqual([1, 0, 1, 0])
    expect(emulator.github.issues[0]).toMatchObject({ state: 'closed', comments: [expect.stringContaining('All clear')] })
    expect(runs[2]?.stdout).toContain('The github-token may not write issues')

    const sessions = [...emulator.identities.values()].filter((identity) => identity.sessionToken !== undefined)
    expect(sessions.length).toBeGreaterThan(4)
    const masked = [
      ...sessions.flatMap((identity) => [identity.secretAccessKey, identity.sessionToken ?? '']),
      ...emulator.sts.tokens.map((token) => token.value),
      writeToken,
      readToken
    ]
    const secrets = [...masked, STATIC_SECRET_ACCESS_KEY, emulator.sts.requestToken]
    expect(new Set(secrets).size).toBe(secrets.length)
    const artifacts: Array<[string, string]> = []
    for (const [index, run] of runs.entries()) {
      const mask = new Set(masked.map((secret) => `::add-mask::${secret}`))
      artifacts.push([
        `run ${index + 1} stdout`,
        run.stdout
          .split('\n')
          .filter((line) => !mask.has(line))
          .join('\n')
      ])
      artifacts.push(
        [`run ${index + 1} stderr`, run.stderr],
        [`run ${index + 1} summary`, run.summary],
        [`run ${index + 1} outputs`, JSON.stringify(run.outputs)]
      )
      artifacts.push([`run ${index + 1} report file`, await readFile(run.outputs['report-file'] ?? '', 'utf8')])
      expectNoStackTrace(run)
    }
    for (const issue of emulator.github.issues) {
      artifacts.push([
        `issue #${issue.number}`,
        [issue.title, issue.body, ...issue.comments, ...issue.labels, ...issue.assignees].join('\n')
      ])
    }
    const leaks = artifacts.flatMap(([where, text]) =>
      secrets.filter((secret) => text.includes(secret)).map((secret) => `${where} holds ${secret.slice(0, 8)}…`)
    )
    expect(leaks).toEqual([])
    // What the action handles itself is masked the moment it has it, in the run that got it.
    const stdout = runs.map((run) => run.stdout).join('\n')
    for (const secret of masked)
      expect([secret.slice(0, 8), stdout.includes(`::add-mask::${secret}`)]).toEqual([secret.slice(0, 8), true])
  })
})

describe('least privilege', () => {
  interface Policy {
    Statement: Array<{ Effect: string; Action: string | string[]; Resource?: string | string[]; Principal?: unknown }>
  }
  let policy: Policy
  let trust: Policy
  beforeAll(async () => {
    policy = JSON.parse(await readFile(join(ROOT, 'iam', 'policy.json'), 'utf8')) as Policy
    trust = JSON.parse(await readFile(join(ROOT, 'iam', 'trust-policy.json'), 'utf8')) as Policy
  })
  const actionsOf = (document: Policy) =>
    document.Statement.flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]))

  /**
   * Two AWS calls are not for the permissions policy: sts:GetCallerIdentity needs no IAM permission at
   * all (AWS allows it to every principal), and sts:AssumeRoleWithWebIdentity is authorised by the role's
   * trust policy (iam/trust-policy.json), not by a permissions policy.
   */
  const NEEDS_NO_PERMISSION = 'sts:GetCallerIdentity'
  const TRUST_POLICY_ACTION = 'sts:AssumeRoleWithWebIdentity'

  it('iam/policy.json grants exactly the AWS operations the action performs, and nothing more', async () => {
    emulator.sts.addRole(PROD)
    for (const region of ['us-east-1', 'eu-west-1']) {
      for (const account of [DEFAULT_ACCOUNT, '210987654321']) {
        emulator.addCertificates(
          region,
          [
            { domain: `imported.${region}.example.com`, type: 'IMPORTED', notAfter: inDays(4.5), tags: { owner: 'platform' } },
            {
              domain: `issued.${region}.example.com`,
              notAfter: inDays(6.5),
              renewal: { status: 'PENDING_VALIDATION', reason: 'CAA_ERROR' }
            },
            { domain: `private.${region}.example.com`, type: 'PRIVATE', notAfter: inDays(9.5) },
            { domain: `healthy.${region}.example.com`, notAfter: inDays(200) }
          ],
          account
        )
      }
    }
    // The default credential chain, every enabled region, tags read (ignore-tag), renewals described.
    const chain = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'all', 'ignore-tag': 'acm-audit-snooze', 'fail-on': 'never' }
    })
    // OIDC: the same through an assumed role.
    const oidc = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1, eu-west-1', 'role-to-assume': PROD, 'ignore-tag': 'acm-audit-snooze', 'fail-on': 'never' },
      env: oidcEnv()
    })
    expect([chain.exitCode, oidc.exitCode, chain.outputs['failed-regions'], oidc.outputs['failed-regions']]).toEqual([
      0,
      0,
      '',
      ''
    ])
    expect(emulator.calls.filter((call) => call.status !== 200)).toEqual([])

    const used = new Set(
      emulator.calls
        .filter((call) => ['acm', 'ec2', 'sts'].includes(call.service))
        .map((call) => `${call.service}:${call.operation}`)
    )
    expect(used).toContain(NEEDS_NO_PERMISSION)
    expect(used).toContain(TRUST_POLICY_ACTION)
    const needPermission = [...used]
      .filter((operation) => operation !== NEEDS_NO_PERMISSION && operation !== TRUST_POLICY_ACTION)
      .sort()
    expect(needPermission).toEqual([
      'acm:DescribeCertificate',
      'acm:ListCertificates',
      'acm:ListTagsForCertificate',
      'ec2:DescribeRegions'
    ])
    // Every used operation is granted; every granted operation is used.
    expect([...actionsOf(policy)].sort()).toEqual(needPermission)
    // Nothing is granted by wildcard, nothing denied needlessly, and neither STS call is in the permissions policy.
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe('Allow')
      expect(actionsOf({ Statement: [statement] }).filter((action) => action.includes('*'))).toEqual([])
    }
    expect(actionsOf(policy)).not.toContain(NEEDS_NO_PERMISSION)
    expect(actionsOf(policy)).not.toContain(TRUST_POLICY_ACTION)
    // The role's trust policy allows only the web-identity exchange, for GitHub's OIDC provider.
    expect(actionsOf(trust)).toEqual([TRUST_POLICY_ACTION])
    expect(JSON.stringify(trust.Statement[0]?.Principal)).toContain('oidc-provider/token.actions.githubusercontent.com')
  })

  it('the tracking issue needs nothing beyond issues: write (create, update, comment and close)', async () => {
    // (That a read-only token fails with the permission to add is in tracking-issue.test.ts.)
    const token = `ghs_${randomBytes(18).toString('hex')}`
    emulator.github.tokens.set(token, 'write')
    const [certificate] = emulator.addCertificates('us-east-1', [
      { domain: 'a.example.com', type: 'IMPORTED', notAfter: inDays(3.5) },
      { domain: 'b.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }
    ])
    const audit = () =>
      runAction({
        endpoint: emulator.url,
        githubToken: token,
        inputs: { 'create-issue': 'true', 'issue-assignees': 'octocat', 'fail-on': 'never' }
      })
    const created = await audit()
    if (certificate) certificate.notAfter = inDays(300)
    const updated = await audit()
    for (const item of emulator.certificatesOf(DEFAULT_ACCOUNT, 'us-east-1')) item.notAfter = inDays(300)
    const closed = await audit()

    expect([created, updated, closed].map((run) => [run.exitCode, run.stdout.match(/Tracking issue #1 (\w+)/u)?.[1]])).toEqual([
      [0, 'created'],
      [0, 'updated'],
      [0, 'closed']
    ])
    expect(emulator.github.calls.every((call) => call.token === token && call.status < 400)).toBe(true)
    // Every call is to the repository's issues endpoints, with the methods issues: write covers.
    const endpoints = new Set(
      emulator.github.calls.map((call) => `${call.method} ${call.path.replace(/\?.*$/u, '').replace(/\/\d+/gu, '/{number}')}`)
    )
    expect([...endpoints].sort()).toEqual([
      'GET /repos/octo-org/infrastructure/issues',
      'PATCH /repos/octo-org/infrastructure/issues/{number}',
      'POST /repos/octo-org/infrastructure/issues',
      'POST /repos/octo-org/infrastructure/issues/{number}/comments'
    ])
  })
})
