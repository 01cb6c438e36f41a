/**
 * The action never says more than it read: a renewal status that could not be read, tags that could not be
 * read, region discovery that failed, the same account given twice, days since expiry, snooze mistakes,
 * statuses other than ISSUED and EXPIRED, and the `complete` output on every path, each run through the
 * bundle against the emulator.
 */
import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import type { AwsEmulator } from '../../emulator/aws-emulator.js'
import { anyFault, failCertificateCall, failDescribeRegions } from '../../emulator/faults.js'
import { type ActionRun, runAction, type RunOptions } from '../../emulator/run-action.js'
import { DAY, emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

interface FindingOutput {
  account: string
  region: string
  arn: string
  domain: string
  status: string
  state: string
  daysLeft: number
  action: string
  explanation: string
  unread: string[]
  tagNote: string | null
}

function audit(options: RunOptions = {}): Promise<ActionRun> {
  return runAction({
    endpoint: emulator.url,
    ...options,
    inputs: { regions: 'us-east-1', 'fail-on': 'never', ...options.inputs }
  })
}

function findingsOf(run: ActionRun): FindingOutput[] {
  return JSON.parse(run.outputs.findings ?? '[]') as FindingOutput[]
}

function byDomain(run: ActionRun, domain: string): FindingOutput | undefined {
  return findingsOf(run).find((finding) => finding.domain === domain)
}

describe('details that could not be read', () => {
  it('gives check-renewal, never "nothing to do", when DescribeCertificate fails after every retry', async () => {
    const [unreadable] = emulator.addCertificates('us-east-1', [
      { domain: 'unreadable.example.com', notAfter: inDays(10.5), renewal: { status: 'PENDING_AUTO_RENEWAL' } },
      { domain: 'renewing.example.com', notAfter: inDays(12.5), renewal: { status: 'PENDING_AUTO_RENEWAL' } }
    ])
    emulator.faults = failCertificateCall('DescribeCertificate', unreadable?.arn ?? '')
    const run = await audit()

    expect(byDomain(run, 'unreadable.example.com')).toMatchObject({
      action: 'check-renewal',
      unread: ['renewal status', 'resources'],
      status: 'ISSUED',
      state: 'expiring'
    })
    expect(byDomain(run, 'renewing.example.com')).toMatchObject({ action: 'await-renewal', unread: [] })
    expect(run.outputs.complete).toBe('false')
    expect(run.outputs['failed-regions']).toBe('us-east-1')
    expect(run.summary).toContain('**check-renewal**: Its renewal status could not be read')
    expect(run.summary).toContain('Its renewal status could not be read')
    expect(run.summary).toContain('The details of 1 flagged certificate could not be read')
    // The one that could not be read is not among those ACM is renewing.
    const entry = run.summary.split('\n').find((line) => line.startsWith('- ') && line.includes('`unreadable.example.com`'))
    expect(entry).toContain('**check-renewal**')
    expect(entry).not.toContain('await-renewal')
    // Its region was listed completely, and the region table says so.
    expect(run.summary).toContain('⚠️ listed, details not read')
    expect(run.exitCode).toBe(1)
  })

  it('keeps a certificate flagged, and says why, when its tags cannot be read', async () => {
    const [untagged] = emulator.addCertificates('us-east-1', [
      { domain: 'tags-unread.example.com', type: 'IMPORTED', notAfter: inDays(8.5), tags: { snooze: '2099-01-01' } },
      { domain: 'snoozed.example.com', type: 'IMPORTED', notAfter: inDays(9.5), tags: { snooze: '2099-01-01' } }
    ])
    emulator.faults = failCertificateCall('ListTagsForCertificate', untagged?.arn ?? '', 'deny')
    const run = await audit({ inputs: { 'ignore-tag': 'snooze' } })

    expect(findingsOf(run).map((finding) => finding.domain)).toEqual(['tags-unread.example.com'])
    expect(byDomain(run, 'tags-unread.example.com')).toMatchObject({ action: 'reimport', unread: ['tags'] })
    expect(run.outputs['ignored-count']).toBe('1')
    expect(run.outputs.complete).toBe('false')
    expect(run.summary).toContain('Its tags could not be read, so an ignore-tag on it could not apply.')
    expect(run.summary).toContain('Access denied to acm\\:ListTagsForCertificate')
  })
})

describe('regions: all when region discovery fails', () => {
  it.each([
    ['denied', 'deny' as const, 'Access denied to ec2\\:DescribeRegions'],
    ['failing with HTTP 503 after every retry', 'unavailable' as const, 'ec2\\:DescribeRegions failed']
  ])(
    '%s: the whole account is not read (*), and the summary says no region of it was read',
    async (_, how, cause) => {
      emulator.addCertificates('us-east-1', [{ domain: 'hidden.example.com', type: 'IMPORTED', notAfter: inDays(3) }])
      emulator.faults = failDescribeRegions(how)
      const run = await audit({ inputs: { regions: 'all' }, timeoutMs: 120_000 })

      expect(run.outputs['failed-regions']).toBe('*')
      expect(run.outputs.complete).toBe('false')
      expect(run.summary).toContain('No region of account 111122223333 was read')
      expect(run.summary).toContain(cause)
      expect(run.summary).toMatch(/\| `111122223333` \| all regions \|/u)
      expect(run.summary).not.toMatch(/All clear/u)
      expect(emulator.callsTo('ListCertificates')).toHaveLength(0)
      expect(run.exitCode).toBe(1)
    },
    150_000
  )

  it('writes ACCOUNT:* for the account whose discovery failed, and reads the others', async () => {
    const prod = 'arn:aws:iam::210987654321:role/acm-audit'
    const staging = 'arn:aws:iam::345678901234:role/acm-audit'
    emulator.sts.addRole(prod)
    emulator.sts.addRole(staging)
    emulator.addCertificates('eu-west-1', [{ domain: 'prod.example.com', type: 'IMPORTED', notAfter: inDays(3) }], '210987654321')
    emulator.faults = failDescribeRegions('deny', '345678901234')
    const run = await audit({
      inputs: { regions: 'all', 'role-to-assume': `${prod} ${staging}` },
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...emulator.sts.runnerEnv }
    })

    expect(run.outputs['failed-regions']).toBe('345678901234:*')
    expect(findingsOf(run).map((finding) => finding.domain)).toEqual(['prod.example.com'])
    expect(run.summary).toContain('No region of account 345678901234 was read')
  })
})

describe('the same account given twice', () => {
  it('is scanned once, with a warning naming the roles', async () => {
    const role = 'arn:aws:iam::210987654321:role/acm-audit'
    const other = 'arn:aws:iam::210987654321:role/ACM-Audit'
    emulator.sts.addRole(role)
    emulator.sts.addRole(other)
    emulator.addCertificates('us-east-1', [{ domain: 'once.example.com', type: 'IMPORTED', notAfter: inDays(3) }], '210987654321')
    const run = await audit({
      inputs: { 'role-to-assume': `${role}, ${other}` },
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...emulator.sts.runnerEnv }
    })

    expect(findingsOf(run).map((finding) => finding.domain)).toEqual(['once.example.com'])
    expect(run.outputs['expiring-count']).toBe('1')
    expect(run.outputs['scanned-count']).toBe('1')
    expect(emulator.callsTo('ListCertificates')).toHaveLength(1)
    expect(emulator.callsTo('AssumeRoleWithWebIdentity').map((call) => call.params.RoleArn)).toEqual([role])
    expect(run.stdout).toMatch(
      new RegExp(`::warning::Account 210987654321 is given more than one role \\(${role}, ${other}\\)`, 'u')
    )
  })
})

describe('days in the past', () => {
  it('says 3 days ago for a certificate that expired 3 days and 5 hours ago, in the summary, annotations and issue', async () => {
    emulator.addCertificates('us-east-1', [
      { domain: 'late.example.com', type: 'IMPORTED', notAfter: new Date(Date.now() - 3 * DAY - 5 * 3_600_000) }
    ])
    const run = await audit({ inputs: { 'create-issue': 'true' } })

    expect(byDomain(run, 'late.example.com')?.daysLeft).toBe(-4)
    expect(run.summary).toMatch(/\| (❌|🔥) expired \| 3 days ago \|/u)
    expect(run.stdout).toContain('title=Expired 3 days ago%3A late.example.com')
    const issue = emulator.github.issues[0]?.body ?? ''
    expect(issue).toContain('**expired 3 days ago**')
    expect(`${run.summary}${run.stdout}${issue}`).not.toContain('4 days ago')
  })
})

describe('snooze mistakes', () => {
  it.each([
    ['a snooze that has ended', '2020-01-31', 'snooze by tag snooze ended 2020-01-31'],
    ['a date not written YYYY-MM-DD', '31/12/2099', 'tag snooze holds 31/12/2099, which is not a date written YYYY-MM-DD'],
    ['a date that does not exist', '2099-02-30', 'tag snooze holds 2099-02-30, which is not a real date']
  ])('%s: a warning, a line in the ignored section, and the certificate stays flagged', async (_, value, note) => {
    emulator.addCertificates('us-east-1', [
      { domain: 'snoozed.example.com', type: 'IMPORTED', notAfter: inDays(6.5), tags: { snooze: value } }
    ])
    const run = await audit({ inputs: { 'ignore-tag': 'snooze' } })

    expect(byDomain(run, 'snoozed.example.com')).toMatchObject({ tagNote: expect.stringContaining(note) })
    expect(run.outputs['ignored-count']).toBe('0')
    expect(run.stdout).toContain('::warning title=Snooze not applied%3A snoozed.example.com::')
    const ignoredSection = run.summary.slice(run.summary.indexOf('<details open><summary>Ignored certificates (0), 1 snooze tag'))
    expect(ignoredSection).toContain('- Not ignored: `snoozed.example.com` in `us-east-1`')
    expect(ignoredSection).toContain('it stays flagged.')
  })
})

describe('statuses other than ISSUED and EXPIRED', () => {
  it('says a revoked certificate must be replaced now, never that ACM is renewing it', async () => {
    emulator.addCertificates('us-east-1', [
      { domain: 'revoked.example.com', status: 'REVOKED', notAfter: inDays(20.5), renewal: { status: 'PENDING_AUTO_RENEWAL' } },
      { domain: 'revoked-imported.example.com', type: 'IMPORTED', status: 'REVOKED', notAfter: inDays(21.5) },
      { domain: 'inactive.example.com', status: 'INACTIVE', notAfter: inDays(22.5) }
    ])
    const run = await audit({ inputs: { statuses: 'ISSUED, REVOKED, INACTIVE' } })

    expect(byDomain(run, 'revoked.example.com')).toMatchObject({ status: 'REVOKED', state: 'expiring', action: 'fix-renewal' })
    expect(byDomain(run, 'revoked.example.com')?.explanation).toMatch(/^Revoked/u)
    expect(byDomain(run, 'revoked-imported.example.com')).toMatchObject({ status: 'REVOKED', action: 'reimport' })
    expect(byDomain(run, 'inactive.example.com')).toMatchObject({ status: 'INACTIVE', action: 'fix-renewal' })
    expect(run.summary).not.toContain('ACM is renewing it')
    expect(run.summary).not.toContain('Renewal under way')
  })
})

describe('the complete output', () => {
  it('is true only when everything was read', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'fine.example.com', notAfter: inDays(200) }])
    const run = await audit()
    expect(run.outputs).toMatchObject({ complete: 'true', 'failed-regions': '' })
  })

  it('is false, with zero counts and * in failed-regions, when the inputs are wrong', async () => {
    const run = await audit({ inputs: { days: 'thirty' } })
    expect(run.exitCode).toBe(1)
    expect(run.summary).toContain('**The audit did not run,** so no certificate was read: this is not an all clear.')
    expect(run.summary).toContain("Input 'days' must be a whole number from 0 to 3650")
    expect(run.outputs).toEqual({
      'scanned-count': '0',
      'expiring-count': '0',
      'expired-count': '0',
      'critical-count': '0',
      'unused-count': '0',
      'ignored-count': '0',
      findings: '[]',
      'report-file': '',
      'failed-regions': '*',
      complete: 'false',
      'issue-number': '',
      'issue-url': ''
    })
  })

  it('is false, with * in failed-regions, when the job lacks the id-token permission', async () => {
    const run = await audit({
      inputs: { 'role-to-assume': 'arn:aws:iam::210987654321:role/acm-audit' },
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('id-token')
    expect(run.summary).toContain('**The audit did not run,**')
    expect(run.summary).toContain('    id-token: write')
    expect(run.outputs).toMatchObject({ complete: 'false', 'failed-regions': '*', 'scanned-count': '0', findings: '[]' })
  })

  it('is in the report file with each finding state and ACM status', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'old.example.com', type: 'IMPORTED', notAfter: inDays(-1.5) }])
    const run = await audit()
    const report = JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8')) as {
      complete: boolean
      findings: Array<{ status: string; state: string }>
    }
    expect(report.complete).toBe(true)
    expect(report.findings).toEqual([expect.objectContaining({ status: 'EXPIRED', state: 'expired' })])
  })
})

describe('several faults at once', () => {
  it('anyFault combines the emulator faults', async () => {
    const [a, b] = emulator.addCertificates('us-east-1', [
      { domain: 'a.example.com', notAfter: inDays(5.5) },
      { domain: 'b.example.com', notAfter: inDays(6.5) }
    ])
    emulator.faults = anyFault(
      failCertificateCall('DescribeCertificate', a?.arn ?? ''),
      failCertificateCall('DescribeCertificate', b?.arn ?? '', 'deny')
    )
    const run = await audit()
    expect(findingsOf(run).map((finding) => finding.action)).toEqual(['check-renewal', 'check-renewal'])
    expect(run.summary).toContain('The details of 2 flagged certificates could not be read')
  })
})
