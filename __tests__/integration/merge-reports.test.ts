/**
 * A matrix of shard jobs, each auditing a slice of the organization and writing its report, then a merge job
 * (merge-reports, expected-reports) that makes no AWS call and publishes as one run over everything would.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { AwsEmulator } from '../../emulator/aws-emulator.js'
import { type ActionRun, runAction } from '../../emulator/run-action.js'
import { emulatorPerTest } from '../helpers/emulator-per-test.js'
import { EU_WEB, findingsOf, MEMBER_ROLE, PAYMENTS, SANDBOX_DENIED, seedOrganization, SHARED } from './organization-fixture.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

const BASE = { regions: 'us-east-1, eu-west-1', 'member-role-name': MEMBER_ROLE }
const COMPARED_OUTPUTS = ['scanned-count', 'expiring-count', 'expired-count', 'ignored-count', 'findings', 'failed-regions']

/** Runs shard K of N and copies its report where actions/download-artifact with merge-multiple puts it. */
async function shard(directory: string, index: number, count: number, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runAction({ endpoint: emulator.url, inputs: { ...BASE, shard: `${index}/${count}`, ...inputs } })
  const report = run.outputs['report-file']
  expect(report).toBeTruthy()
  // Each shard's file has a name of its own, so that they can share one folder.
  expect(basename(report as string)).toBe(`acm-expiry-audit-audit-shard-${index}-of-${count}.json`)
  await copyFile(report as string, join(directory, basename(report as string)))
  return run
}

async function merge(directory: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const before = emulator.calls.length
  const run = await runAction({ endpoint: emulator.url, inputs: { 'merge-reports': directory, ...inputs } })
  // The merge makes no AWS call (GitHub's issue calls are recorded apart).
  expect(emulator.calls.slice(before).filter((call) => call.service !== 'github')).toEqual([])
  return run
}

const comparable = (run: ActionRun) => Object.fromEntries(COMPARED_OUTPUTS.map((name) => [name, run.outputs[name]]))
/** The summary without what differs from run to run: how long each region took. */
const steadySummary = (run: ActionRun) => run.summary.replace(/\d+\.\d s/gu, 'T s')

describe('merge-reports', () => {
  it('merges three shards into the same outputs and summary as one run over every account', async () => {
    seedOrganization(emulator)
    const directory = await mkdtemp(join(tmpdir(), 'acm-expiry-shards-'))
    const shards = [await shard(directory, 1, 3), await shard(directory, 2, 3), await shard(directory, 3, 3)]
    // Disjoint slices that together are the whole organization.
    const perShard = shards.map((run) => findingsOf(run.outputs).map((finding) => finding.account))
    expect(new Set(perShard.flat()).size).toBe(perShard.flat().length)

    const merged = await merge(directory, { 'expected-reports': '3' })
    const single = await runAction({ endpoint: emulator.url, inputs: BASE })

    expect(comparable(merged)).toEqual(comparable(single))
    expect(merged.exitCode).toBe(single.exitCode)
    expect(steadySummary(merged)).toBe(steadySummary(single))
    expect(merged.outputs['failed-regions']).toBe(`${SANDBOX_DENIED}:*`)
    expect(findingsOf(merged.outputs).map((finding) => finding.accountName)).toEqual([
      'shared-services',
      'prod-payments',
      'prod-eu-web',
      'management'
    ])
    expect(merged.stdout).toContain('Merging 3 report files')
  })

  it('is incomplete, and says which shard is missing, when a report is missing', async () => {
    seedOrganization(emulator)
    const directory = await mkdtemp(join(tmpdir(), 'acm-expiry-shards-'))
    await shard(directory, 1, 3, { 'exclude-accounts': SANDBOX_DENIED })
    await shard(directory, 3, 3, { 'exclude-accounts': SANDBOX_DENIED })
    const merged = await merge(directory, { 'expected-reports': '3', 'fail-on': 'never' })
    expect(merged.exitCode).toBe(1)
    expect(merged.summary).toContain('**Incomplete audit:**')
    expect(merged.summary).toContain('**Incomplete audit:**')
    expect(merged.stdout).toContain('The merge expected 3 reports and merged 2: missing shard 2/3.')
    expect(merged.stdout).toMatch(/::error::.*the audit is incomplete/u)
  })

  it('refuses reports made with other settings, an unknown format version, or unreadable, by name', async () => {
    seedOrganization(emulator)
    const directory = await mkdtemp(join(tmpdir(), 'acm-expiry-shards-'))
    await shard(directory, 1, 2)
    await shard(directory, 2, 2, { days: '45' })
    await writeFile(join(directory, 'future.json'), JSON.stringify({ formatVersion: 99 }))
    await writeFile(join(directory, 'truncated.json'), '{"formatVersion": 1, "findings": [')
    const merged = await merge(directory, { 'expected-reports': '2' })
    expect(merged.exitCode).toBe(1)
    expect(merged.stdout).toContain(
      'Report acm-expiry-audit-audit-shard-2-of-2.json was not merged: it was made with other settings than acm-expiry-audit-audit-shard-1-of-2.json (days 30 against 45).'
    )
    expect(merged.stdout).toContain('Report future.json was not merged: its format version is 99')
    expect(merged.stdout).toContain('Report truncated.json was not merged: it is not JSON')
    expect(merged.stdout).toContain('The merge expected 2 reports and merged 1: missing shard 2/2.')
    expect(merged.summary).toContain('Report future.json was not merged')
    // Only the first shard's accounts are counted.
    expect(findingsOf(merged.outputs).every((finding) => finding.daysLeft <= 30)).toBe(true)
  })

  it('keeps one tracking issue across merged runs: created, updated, kept open while a shard is missing, closed', async () => {
    seedOrganization(emulator)
    const inputs = { 'exclude-accounts': SANDBOX_DENIED }
    const round = async (expected: number, shards: number[]) => {
      const directory = await mkdtemp(join(tmpdir(), 'acm-expiry-shards-'))
      for (const index of shards) await shard(directory, index, 2, inputs)
      return merge(directory, { 'expected-reports': String(expected), 'create-issue': 'true' })
    }
    const created = await round(2, [1, 2])
    expect(created.outputs['issue-number']).toBe('1')
    expect(emulator.github.issues[0]?.state).toBe('open')
    expect(emulator.github.issues[0]?.body).toContain('account `prod-payments (210987654321)`')

    // The payments certificate is no longer flagged: the issue is updated and stops tracking it, without
    // claiming more than the shard reports say (renewed and deleted look alike to a merge).
    emulator.certificatesOf(PAYMENTS, 'us-east-1').length = 0
    const updated = await round(2, [1, 2])
    expect(updated.stdout).toContain('Tracking issue #1 updated')
    expect(emulator.github.issues[0]?.body).toContain('### No longer tracked (1)')
    expect(emulator.github.issues[0]?.body).toContain('which a merged shard read completely')
    expect(emulator.github.issues[0]?.body).not.toContain('Resolved since last run')

    // Everything renewed, but one shard's report is missing: the issue must stay open.
    for (const [account, region] of [
      [EU_WEB, 'eu-west-1'],
      [SHARED, 'us-east-1'],
      ['111122223333', 'us-east-1']
    ] as const) {
      emulator.certificatesOf(account, region).length = 0
    }
    const partial = await round(2, [1])
    expect(partial.exitCode).toBe(1)
    expect(emulator.github.issues[0]?.state).toBe('open')

    const closed = await round(2, [1, 2])
    expect(closed.exitCode).toBe(0)
    expect(closed.stdout).toContain('Tracking issue #1 closed')
    expect(emulator.github.issues[0]?.state).toBe('closed')
  })
})
