/**
 * The command as a user gets it: `npm pack`, installed from the tarball into a temporary prefix (offline, with
 * an empty npm cache), then the installed `acm-expiry-audit` run against the emulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { type AwsEmulator, DEFAULT_ACCOUNT } from '../../emulator/aws-emulator.js'
import { ROOT, runAction } from '../../emulator/run-action.js'
import { SAMPLE_INPUTS, seedSampleCertificates } from '../../emulator/sample-data.js'
import { denyListCertificates } from '../../emulator/faults.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'
import { type CliOptions, type InstalledCli, installPackedCli, runCli, withoutSdkNotice } from '../helpers/installed-cli.js'
import { schemaErrors } from '../helpers/report-schema.js'
import { EU_WEB, LOGS, MEMBER_ROLE, PAYMENTS, SANDBOX_DENIED, seedOrganization, STATIC_USER } from './organization-fixture.js'

let cli: InstalledCli
let emulator: AwsEmulator
let home: string
emulatorPerTest((started) => (emulator = started))

beforeAll(async () => {
  cli = await installPackedCli()
}, 240_000)
afterAll(async () => cli?.remove())
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'acm-expiry-audit-home-'))
})

const REGIONS = ['--regions', 'us-east-1,eu-west-1']
const audit = (args: readonly string[], options: Partial<CliOptions> = {}) =>
  runCli(cli.bin, args, { endpoint: emulator.url, home, ...options })
const ESCAPE = '\u001b'

/** A report document without what differs between two runs of the same audit: when it ran, and how long each region took. */
function comparable(text: string) {
  const document = JSON.parse(text) as { generatedAt: string; regions: Array<{ durationMs: number }> }
  return { ...document, generatedAt: 'when', regions: document.regions.map((region) => ({ ...region, durationMs: 0 })) }
}

describe('the package', () => {
  it('installs from its tarball alone, and prints its version and a help that documents the options and exit codes', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    const version = await audit(['--version'])
    expect(version).toMatchObject({ code: 0, stdout: `${manifest.version}\n` })
    const help = await audit(['--help'])
    expect(help.code).toBe(0)
    for (const option of ['--regions', '--days', '--critical-days', '--fail-on', '--key-types', '--statuses', '--ignore-tag']) {
      expect(help.stdout).toContain(`${option} <value>`)
    }
    for (const option of ['--member-role-name', '--accounts', '--exclude-accounts', '--shard', '--merge-reports']) {
      expect(help.stdout).toContain(option)
    }
    for (const option of ['--profile', '--role-arn', '--role-session-name', '--external-id', '--format', '--output']) {
      expect(help.stdout).toContain(option)
    }
    expect(help.stdout).not.toMatch(/--github-token|--create-issue|--issue-title|--audience/u)
    // The tarball holds what the command needs, and nothing of the action, the tests or the sources.
    const listing = await promisify(execFile)('tar', ['-tzf', cli.tarball])
    const files = listing.stdout.trim().split('\n').sort()
    expect(
      files.filter(
        (file) => !/^package\/(?:bin\/acm-expiry-audit\.js|dist-cli\/[\w.]+|README\.md|LICENSE|package\.json)$/u.test(file)
      )
    ).toEqual([])
    expect(files).toEqual(
      expect.arrayContaining(['package/bin/acm-expiry-audit.js', 'package/dist-cli/index.js', 'package/dist-cli/licenses.txt'])
    )
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 /u)
    expect(emulator.calls).toEqual([])
  })
})

describe('output', () => {
  it('--format table: a headline, then the three tiers with days left, certificate, account, region, used by, action and command', async () => {
    seedSampleCertificates(emulator)
    const run = await audit(['--format', 'table', ...REGIONS])
    expect(run.code).toBe(1)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toMatch(/^\d+ certificates need attention: 1 broken now, \d+ will break, 2 clean-up\.$/u)
    const broken = run.stdout.indexOf('Broken now (1)')
    const soon = run.stdout.indexOf('Will break (')
    const cleanup = run.stdout.indexOf('Clean-up (2)')
    expect(broken).toBeGreaterThan(0)
    expect(soon).toBeGreaterThan(broken)
    expect(cleanup).toBeGreaterThan(soon)
    expect(run.stdout).toMatch(/│ Days left +│ Certificate +│ Account +│ Region +│ Used by +│ Action +│/u)
    const brokenSection = run.stdout.slice(broken, soon)
    expect(brokenSection).toMatch(
      /│ expired +│ legacy\.example\.com +│ 111122223333 +│ us-east-1 +│ web \(load balancer\) +│ Reimport a renewed certificate +│\n│ \d{4}-\d{2}-\d{2} +│/u
    )
    expect(brokenSection).toContain(
      'aws acm import-certificate --region us-east-1 --certificate-arn arn:aws:acm:us-east-1:111122223333:certificate/'
    )
    expect(run.stdout.slice(cleanup)).toContain('aws acm delete-certificate --region')
    // Not a terminal: no colour, and nothing on stderr but the policy's verdict.
    expect(run.stdout).not.toContain(ESCAPE)
    expect(withoutSdkNotice(run.stderr)).toMatch(
      /^\d+ certificates expire within 30 days or have expired \(--fail-on expiring\)\.\n$/u
    )
  })

  it('on a terminal: a table by default, in colour unless NO_COLOR is set', async () => {
    seedSampleCertificates(emulator)
    const coloured = await audit(REGIONS, { tty: { columns: 120 } })
    expect(coloured.code).toBe(1)
    expect(coloured.stdout).toContain('Broken now')
    expect(coloured.stdout).toContain(`${ESCAPE}[`)
    const plain = await audit(REGIONS, { tty: { columns: 120 }, env: { NO_COLOR: '1' } })
    expect(plain.code).toBe(1)
    expect(plain.stdout).toContain('Broken now')
    expect(plain.stdout).not.toContain(ESCAPE)
  })

  it('shows progress on stderr only on a terminal: regions done out of the total, certificates listed', async () => {
    seedSampleCertificates(emulator)
    const onTerminal = await audit(['--format', 'json', ...REGIONS], { tty: { columns: 120, stderr: true } })
    // eslint-disable-next-line no-control-regex
    expect(onTerminal.stdout).toMatch(/\r\u001b\[2K\[#+\] 2\/2 regions · \d+ certificates listed/u)
    const offTerminal = await audit(['--format', 'json', '--fail-on', 'never', ...REGIONS])
    expect(offTerminal.code).toBe(0)
    expect(withoutSdkNotice(offTerminal.stderr)).toBe('')
  })

  it('records the terminal session README shows, and keeps it true', async () => {
    seedSampleCertificates(emulator)
    const args = ['--regions', 'us-east-1,eu-west-1']
    const run = await audit(args, { tty: { columns: 100 }, env: { NO_COLOR: '1' } })
    expect(run.code).toBe(1)
    const session = `$ acm-expiry-audit ${args.join(' ')}\n${run.stdout}$ echo $?\n${run.code}\n`
    const readmePath = join(ROOT, 'README.md')
    const readme = await readFile(readmePath, 'utf8')
    const block = /<!-- terminal-session:start -->\n([\s\S]*?)<!-- terminal-session:end -->/u
    const fenced = `\`\`\`text\n${session}\`\`\`\n`
    if (process.env.UPDATE_TERMINAL_SESSION === '1') {
      await writeFile(
        readmePath,
        readme.replace(block, () => `<!-- terminal-session:start -->\n\n${fenced}\n<!-- terminal-session:end -->`)
      )
    }
    // Dates move with the day the tests run; everything else is as recorded.
    const undated = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}/gu, 'YYYY-MM-DD')
    expect(undated(block.exec(await readFile(readmePath, 'utf8'))?.[1]?.trim() ?? '')).toBe(undated(fenced.trim()))
  })

  it('--format json (the default off a terminal) is the report file the action writes for the same data', async () => {
    seedSampleCertificates(emulator)
    const inputs: Record<string, string> = { ...SAMPLE_INPUTS, 'critical-days': '5' }
    const command = await audit([
      '--regions',
      inputs.regions as string,
      '--ignore',
      inputs.ignore as string,
      '--ignore-tag',
      inputs['ignore-tag'] as string,
      '--critical-days',
      '5'
    ])
    expect(command.code).toBe(1)
    expect(schemaErrors(JSON.parse(command.stdout))).toEqual([])
    // Outside a workflow run, as the command is: the report's run is null in both.
    const action = await runAction({ endpoint: emulator.url, inputs, env: { GITHUB_RUN_ID: undefined } })
    const reportFile = await readFile(action.outputs['report-file'] as string, 'utf8')
    expect(comparable(command.stdout)).toEqual(comparable(reportFile))
  })

  it('--format markdown is the job summary; --output writes the report file besides', async () => {
    seedSampleCertificates(emulator)
    const output = join(home, 'report.json')
    const run = await audit(['--format', 'markdown', '--output', output, ...REGIONS])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^## ACM certificate expiry audit\n/u)
    expect(run.stdout).toContain('legacy.example.com')
    const written = await readFile(output, 'utf8')
    expect(schemaErrors(JSON.parse(written))).toEqual([])
    const json = await audit(REGIONS)
    expect(comparable(written)).toEqual(comparable(json.stdout))
  })
})

describe('merge-reports', () => {
  it('merges the shards the command audited, with no AWS call, into the audit one run gives', async () => {
    seedOrganization(emulator)
    const reports = join(home, 'reports')
    await mkdir(reports)
    const shared = ['--member-role-name', MEMBER_ROLE, '--exclude-accounts', SANDBOX_DENIED, ...REGIONS, '--fail-on', 'never']
    for (const shard of ['1/2', '2/2']) {
      const run = await audit([...shared, '--shard', shard, '--output', join(reports, `shard-${shard[0]}.json`)])
      expect(run.code).toBe(0)
    }
    const whole = JSON.parse((await audit(shared)).stdout) as { findings: Array<{ arn: string }> }
    const calls = emulator.calls.length
    const merged = await audit(['--merge-reports', reports, '--expected-reports', '2'])
    expect(emulator.calls.length).toBe(calls)
    expect(merged.code).toBe(1)
    expect(withoutSdkNotice(merged.stderr)).toMatch(
      /^\d+ certificates expire within 30 days or have expired \(--fail-on expiring\)\.\n$/u
    )
    const document = JSON.parse(merged.stdout) as { complete: boolean; findings: Array<{ arn: string }> }
    expect(document.complete).toBe(true)
    expect(document.findings.map((finding) => finding.arn).sort()).toEqual(whole.findings.map((finding) => finding.arn).sort())
    const missing = await audit(['--merge-reports', reports, '--expected-reports', '3'])
    expect(missing.code).toBe(3)
    expect(JSON.parse(missing.stdout)).toMatchObject({ complete: false })
  })
})

describe('exit codes', () => {
  it('0 when everything was read and nothing fails the policy; 1 when something does', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'fine.example.com', notAfter: inDays(200) }])
    const clean = await audit(['--format', 'table', '--regions', 'us-east-1'])
    expect(clean.code).toBe(0)
    expect(clean.stdout.split('\n')[0]).toBe('No certificate expires within 30 days: 1 certificate listed, everything read.')
    expect(withoutSdkNotice(clean.stderr)).toBe('')
    emulator.addCertificates('us-east-1', [{ domain: 'soon.example.com', notAfter: inDays(10.5) }])
    expect((await audit(['--regions', 'us-east-1'])).code).toBe(1)
    expect((await audit(['--regions', 'us-east-1', '--fail-on', 'critical'])).code).toBe(0)
    expect((await audit(['--regions', 'us-east-1', '--fail-on', 'never'])).code).toBe(0)
  })

  it.each([
    [['--days', 'forty'], /^acm-expiry-audit: Option --days must be a whole number from 0 to 3650; got "forty"\.$/u],
    [['--dayz', '5'], /^acm-expiry-audit: unknown option '--dayz'.*Run acm-expiry-audit --help for the options\.$/u],
    [['--format', 'yaml'], /^acm-expiry-audit: option '--format <format>' argument 'yaml' is invalid\..*table, json, markdown/u],
    [
      ['--critical-days', '40'],
      /^acm-expiry-audit: Option --critical-days \(40\) must be at most --days \(30\).*Lower --critical-days or raise --days\.$/u
    ],
    [['--role-arn', 'arn:aws:iam::1:role/x'], /^acm-expiry-audit: Option --role-arn has a value that is not an IAM role ARN/u],
    [['--shard', '1/2'], /^acm-expiry-audit: Option --shard needs --member-role-name/u],
    [
      ['--output', '/no/such/folder/report.json'],
      /^acm-expiry-audit: Option --output names a file in \/no\/such\/folder, which does not exist/u
    ]
  ])('2 for a bad option %j: one line naming it and the fix, and no AWS call', async (args, message) => {
    const run = await audit(args)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(message)
    expect(emulator.calls).toEqual([])
  })

  it('3 when a region could not be read: every finding read is printed all the same, and the region is named on stderr', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'read.example.com', notAfter: inDays(3.5) }])
    emulator.faults = denyListCertificates('eu-west-1')
    const run = await audit([...REGIONS, '--fail-on', 'never'])
    expect(run.code).toBe(3)
    const report = JSON.parse(run.stdout) as { complete: boolean; findings: Array<{ domain: string }> }
    expect(report.complete).toBe(false)
    expect(report.findings.map((finding) => finding.domain)).toEqual(['read.example.com'])
    expect(withoutSdkNotice(run.stderr)).toMatch(/^Not read: .*eu-west-1.*acm:ListCertificates/mu)
    const table = await audit(['--format', 'table', ...REGIONS])
    expect(table.code).toBe(3)
    expect(table.stdout.split('\n')[0]).toMatch(/^Incomplete audit: 1 region or account could not be read/u)
    expect(table.stdout).toContain('read.example.com')
    expect(table.stdout).not.toMatch(/No certificate expires/u)
  })
})

describe('credentials', () => {
  const PROFILE_ACCOUNT = '444455556666'

  it('--profile from a config file: static keys, and a credential_process', async () => {
    emulator.addIdentity({
      accessKeyId: 'AKIAPROFILESTATIC001',
      secretAccessKey: 'profile/static/secret',
      account: PROFILE_ACCOUNT,
      arn: `arn:aws:iam::${PROFILE_ACCOUNT}:user/laptop`
    })
    emulator.addCertificates('us-east-1', [{ domain: 'profile.example.com', notAfter: inDays(4.5) }], PROFILE_ACCOUNT)
    const process = join(home, 'credentials.mjs')
    await writeFile(
      process,
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROFILESTATIC001', SecretAccessKey: 'profile/static/secret' }))\n`
    )
    const config = join(home, 'config')
    await writeFile(
      config,
      [
        '[profile static]',
        'aws_access_key_id = AKIAPROFILESTATIC001',
        'aws_secret_access_key = profile/static/secret',
        'region = eu-west-1',
        '[profile process]',
        `credential_process = node ${process}`,
        ''
      ].join('\n')
    )
    // No keys in the environment: only the profile can give them.
    const env = { AWS_CONFIG_FILE: config, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }
    for (const profile of ['static', 'process']) {
      const run = await audit(['--profile', profile, '--regions', 'us-east-1'], { env })
      expect({ profile, code: run.code }).toEqual({ profile, code: 1 })
      const report = JSON.parse(run.stdout) as { accounts: string[]; complete: boolean; findings: Array<{ domain: string }> }
      expect(report).toMatchObject({ accounts: [PROFILE_ACCOUNT], complete: true, findings: [{ domain: 'profile.example.com' }] })
    }
    // Without AWS_REGION, the profile's region is the default one.
    emulator.addCertificates('eu-west-1', [{ domain: 'west.example.com', notAfter: inDays(9.5) }], PROFILE_ACCOUNT)
    const regional = await audit(['--profile', 'static'], { env: { ...env, AWS_REGION: undefined } })
    expect(JSON.parse(regional.stdout)).toMatchObject({
      asked: { regions: ['eu-west-1'] },
      findings: [{ domain: 'west.example.com' }]
    })
    // AWS_PROFILE as well.
    const fromEnv = await audit(['--regions', 'us-east-1'], { env: { ...env, AWS_PROFILE: 'process' } })
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({ accounts: [PROFILE_ACCOUNT] })
  })

  it("3 without credentials, told in a terminal's words, before any AWS call", async () => {
    const env = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }
    const none = await audit(['--regions', 'us-east-1'], { env })
    expect(none.code).toBe(3)
    expect(none.stdout).toBe('')
    expect(withoutSdkNotice(none.stderr)).toMatch(
      /^acm-expiry-audit: No AWS credentials, so nothing was audited\. Choose a profile with --profile or AWS_PROFILE .*The AWS SDK said: .+\n$/u
    )
    const unknown = await audit(['--regions', 'us-east-1', '--profile', 'nosuch'], { env })
    expect(unknown.code).toBe(3)
    expect(withoutSdkNotice(unknown.stderr)).toMatch(/^acm-expiry-audit: No AWS credentials.*profile "nosuch" exists/u)
    expect(emulator.calls).toEqual([])
  })

  it('--role-arn for two accounts: each assumed with sts:AssumeRole from the caller, with --external-id and --role-session-name', async () => {
    const [first, second] = ['222233334444', '333344445555']
    for (const account of [first, second]) {
      emulator.memberRoles.addRole(account, 'audit', [STATIC_USER])
      emulator.addCertificates('eu-west-1', [{ domain: `${account}.example.com`, notAfter: inDays(6.5) }], account)
    }
    const roles = [first, second].map((account) => `arn:aws:iam::${account}:role/audit`)
    const run = await audit([
      '--role-arn',
      roles[0] as string,
      '--role-arn',
      roles[1] as string,
      '--external-id',
      'ext-42',
      '--role-session-name',
      'laptop-audit',
      '--regions',
      'eu-west-1'
    ])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as { accounts: string[]; complete: boolean; findings: Array<{ account: string }> }
    expect(report.complete).toBe(true)
    expect(report.accounts).toEqual([first, second])
    expect(report.findings.map((finding) => finding.account).sort()).toEqual([first, second])
    const assumed = emulator.callsTo('AssumeRole')
    expect(assumed.map((call) => call.params.RoleArn).sort()).toEqual(roles)
    for (const call of assumed) {
      expect(call).toMatchObject({
        account: DEFAULT_ACCOUNT,
        params: { ExternalId: 'ext-42', RoleSessionName: 'laptop-audit', DurationSeconds: '900' }
      })
    }
    expect(emulator.callsTo('AssumeRoleWithWebIdentity')).toEqual([])
  })

  it('an organization with --member-role-name: every ACTIVE account through its member role, from the caller', async () => {
    seedOrganization(emulator)
    const run = await audit(['--member-role-name', MEMBER_ROLE, ...REGIONS, '--format', 'table', '--fail-on', 'never'])
    // sandbox-1 has no member role: the audit is incomplete, and says so.
    expect(run.code).toBe(3)
    expect(run.stdout.split('\n')[0]).toMatch(/^Incomplete audit: 1 region or account could not be read/u)
    for (const domain of ['pay.example.com', 'eu.example.com', 'old.example.com', 'mgmt.example.com'])
      expect(run.stdout).toContain(domain)
    expect(run.stdout).toMatch(new RegExp(`│ ${PAYMENTS} +│.*\\n│[^│]*│[^│]*│ \\(prod-payments\\) +│`, 'u'))
    expect(withoutSdkNotice(run.stderr)).toContain(
      `Not read: all regions of account sandbox-1 (${SANDBOX_DENIED}): Could not assume`
    )
    const assumed = emulator.callsTo('AssumeRole').map((call) => String(call.params.RoleArn).split(':')[4])
    expect(assumed.sort()).toEqual([DEFAULT_ACCOUNT, PAYMENTS, EU_WEB, SANDBOX_DENIED, '678901234567', LOGS].sort())
  })
})
