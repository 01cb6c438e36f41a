/**
 * The tracking issue says what became of each certificate it listed (only a renewal resolves one), never
 * closes while it tracks something this run did not read, keeps one issue when two runs opened two, and
 * tells GitHub's rate limit from a missing permission.
 */
import { describe, expect, it } from '@jest/globals'
import type { AwsEmulator } from '../../emulator/aws-emulator.js'
import { failDescribeRegions } from '../../emulator/faults.js'
import { type ActionRun, runAction, type RunOptions } from '../../emulator/run-action.js'
import { DAY, emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

function audit(options: RunOptions = {}): Promise<ActionRun> {
  return runAction({
    endpoint: emulator.url,
    ...options,
    inputs: { regions: 'us-east-1 eu-west-1', 'create-issue': 'true', 'fail-on': 'never', ...options.inputs }
  })
}

function trackingIssues() {
  return emulator.github.issues.filter((issue) => issue.title === 'ACM certificates need renewal')
}

/** The lines of one `### heading (n)` section of the issue body. */
function section(body: string, heading: string): string {
  const start = body.indexOf(`### ${heading}`)
  if (start === -1) return ''
  const end = body.indexOf('\n### ', start + 1)
  return body.slice(start, end === -1 ? body.indexOf('\n_Updated by', start) : end)
}

describe('certificates leaving the tracking issue', () => {
  it('each leaves with its true reason, and only the renewed one is resolved', async () => {
    const [renewed, snoozed, patterned, deleted, stays] = emulator.addCertificates('us-east-1', [
      { domain: 'renewed.example.com', type: 'IMPORTED', notAfter: inDays(10.5) },
      { domain: 'snoozed.example.com', type: 'IMPORTED', notAfter: inDays(11.5) },
      { domain: 'legacy.internal.example', type: 'IMPORTED', notAfter: inDays(12.5) },
      { domain: 'deleted.example.com', type: 'IMPORTED', notAfter: inDays(13.5) },
      { domain: 'stays.example.com', type: 'IMPORTED', notAfter: inDays(14.5) }
    ])
    const [unread] = emulator.addCertificates('eu-west-1', [
      { domain: 'unread.example.eu', type: 'IMPORTED', notAfter: inDays(15.5) }
    ])
    const [dropped] = emulator.addCertificates('ap-southeast-2', [
      { domain: 'dropped.example.au', type: 'IMPORTED', notAfter: inDays(16.5) }
    ])
    await audit({ inputs: { regions: 'us-east-1 eu-west-1 ap-southeast-2' } })
    const [issue] = trackingIssues()
    expect(issue?.body).toContain('### Will break (7)')

    // Between runs: one reimported, one snoozed by tag, one matched by a new pattern, one deleted; eu-west-1
    // cannot be read, and ap-southeast-2 is no longer audited.
    if (renewed) renewed.notAfter = inDays(380)
    if (snoozed) snoozed.tags = { snooze: new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10) }
    const list = emulator.certificatesOf('111122223333', 'us-east-1')
    list.splice(list.indexOf(deleted as never), 1)
    emulator.faults = (call) =>
      call.region === 'eu-west-1' && call.operation === 'ListCertificates'
        ? { kind: 'error', status: 400, code: 'AccessDeniedException', message: 'denied by an SCP' }
        : undefined
    const run = await audit({ inputs: { ignore: '*.internal.example', 'ignore-tag': 'snooze' } })
    const body = issue?.body ?? ''

    expect(run.outputs.complete).toBe('false')
    expect(section(body, 'Resolved since last run')).toContain('### Resolved since last run (1)')
    expect(section(body, 'Resolved since last run')).toContain(
      `- [x] ~~\`renewed.example.com\`~~ \`${renewed?.arn}\`: renewed or reimported, now expires ${renewed?.notAfter?.toISOString().slice(0, 10)}`
    )
    const noLonger = section(body, 'No longer tracked')
    expect(noLonger).toContain('### No longer tracked (3)')
    expect(noLonger).toMatch(/`snoozed\.example\.com` .*: ignored\\: snoozed until \d{4}-\d{2}-\d{2} by tag snooze/u)
    expect(noLonger).toContain(`\`${patterned?.arn}\`: ignored\\: matches ignore pattern \\*.internal.example`)
    expect(noLonger).toContain(`\`${deleted?.arn}\`: no longer listed in its region, which was read completely`)
    const notChecked = section(body, 'Not checked this run')
    expect(notChecked).toContain('### Not checked this run (2)')
    expect(notChecked).toContain(
      `- [ ] \`unread.example.eu\` \`${unread?.arn}\`: not checked, its region could not be read this run`
    )
    expect(notChecked).toContain(
      `- [ ] \`dropped.example.au\` \`${dropped?.arn}\`: not checked, its account or region was not part of this run`
    )
    expect(section(body, 'Will break')).toContain(`\`${stays?.arn}\``)
    expect(body).not.toContain('no longer expiring within the threshold')
  })

  it('keeps an account whose region discovery failed "not checked", and does not close the issue', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'tracked.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }])
    await audit({ inputs: { regions: 'all' } })
    const [issue] = trackingIssues()
    expect(issue?.state).toBe('open')

    emulator.faults = failDescribeRegions('deny')
    const run = await audit({ inputs: { regions: 'all' } })
    expect(run.outputs['failed-regions']).toBe('*')
    expect(issue?.state).toBe('open')
    expect(section(issue?.body ?? '', 'Not checked this run')).toContain(
      'tracked.example.com` `arn:aws:acm:us-east-1:111122223333:certificate/'
    )
    expect(issue?.body).not.toContain('### Resolved')
  })

  it('is not closed by a complete run while a tracked certificate lies in a region no longer audited', async () => {
    emulator.addCertificates('eu-west-1', [{ domain: 'eu.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }])
    await audit()
    const [issue] = trackingIssues()

    const run = await audit({ inputs: { regions: 'us-east-1' } })
    expect(run.outputs).toMatchObject({ complete: 'true', 'expiring-count': '0' })
    expect(issue?.state).toBe('open')
    expect(section(issue?.body ?? '', 'Not checked this run')).toContain('its account or region was not part of this run')

    // Once a run reads eu-west-1 again and finds it renewed, the issue closes.
    const [eu] = emulator.certificatesOf('111122223333', 'eu-west-1')
    if (eu) eu.notAfter = inDays(300)
    await audit()
    expect(issue?.state).toBe('closed')
  })
})

describe('two tracking issues', () => {
  it('keeps the oldest and closes the others as duplicates, with a comment linking to the one kept', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'shop.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }])
    // Two runs at once both found no issue and both created one: the second is a copy of the first.
    await audit()
    const [first] = trackingIssues()
    emulator.github.addIssue({ title: first?.title ?? '', body: first?.body ?? '', labels: first?.labels ?? [] })
    expect(trackingIssues().filter((issue) => issue.state === 'open')).toHaveLength(2)
    const [oldest, newer] = [...trackingIssues()].sort((a, b) => a.number - b.number)

    const run = await audit()
    expect(run.outputs['issue-number']).toBe(String(oldest?.number))
    expect(oldest?.state).toBe('open')
    expect(newer).toMatchObject({ state: 'closed', state_reason: 'duplicate' })
    expect(newer?.comments).toEqual([
      `Duplicate of #${oldest?.number} (https://github.com/octo-org/infrastructure/issues/${oldest?.number}): two audit runs at once opened a tracking issue each. The audit keeps the oldest one current and closes this one.`
    ])
    expect(oldest?.comments).toEqual([])
  })
})

describe('two tracking issues on a GitHub without the "duplicate" reason', () => {
  it('closes the newer as not planned, still with the comment', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'shop.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }])
    emulator.github.stateReasons = ['completed', 'not_planned', 'reopened']
    await audit()
    const [first] = trackingIssues()
    const copy = emulator.github.addIssue({ title: first?.title ?? '', body: first?.body ?? '', labels: first?.labels ?? [] })
    const run = await audit()
    expect(run.exitCode).toBe(0)
    expect(copy).toMatchObject({ state: 'closed', state_reason: 'not_planned' })
    expect(copy.comments[0]).toMatch(/^Duplicate of #1 /u)
  })
})

describe("GitHub's secondary rate limit", () => {
  it('is reported as a rate limit, not as a missing issues: write permission', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'shop.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }])
    emulator.github.secondaryRateLimitedWrites = 1
    const run = await audit()

    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain("GitHub's rate limit stopped the audit from keeping the tracking issue")
    expect(run.stdout).toContain('not a missing permission. GitHub asks to wait 60 seconds.')
    expect(run.stdout).not.toContain('issues: write')
    expect(run.outputs.findings).toContain('shop.example.com')
  })
})
