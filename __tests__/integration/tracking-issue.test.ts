import { describe, expect, it } from '@jest/globals'
import { type AwsEmulator } from '../../emulator/aws-emulator.js'
import { type ActionRun, runAction, type RunOptions } from '../../emulator/run-action.js'
import { elementNames, linkTargets, proseText, renderGfm } from '../helpers/render-markdown.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

function audit(options: RunOptions = {}): Promise<ActionRun> {
  return runAction({
    endpoint: emulator.url,
    ...options,
    inputs: { regions: 'us-east-1 eu-west-1', 'create-issue': 'true', 'fail-on': 'never', ...options.inputs }
  })
}

function openIssues() {
  return emulator.github.issues.filter((issue) => issue.state === 'open' && !issue.isPullRequest)
}

describe('the tracking issue', () => {
  it('is created, then updated in place, then closed once everything is fixed', async () => {
    const [shop] = emulator.addCertificates('us-east-1', [
      { domain: 'shop.example.com', type: 'IMPORTED', notAfter: inDays(12.5) },
      { domain: 'www.example.com', notAfter: inDays(200) }
    ])
    emulator.addCertificates('eu-west-1', [
      { domain: 'api.example.eu', notAfter: inDays(20.5), renewal: { status: 'FAILED', reason: 'CAA_ERROR' } }
    ])
    // Noise the search must skip: a pull request and an issue of another title, both with the label.
    emulator.github.addIssue({ title: 'Bump deps', labels: ['acm-expiry'], isPullRequest: true, body: 'no marker' })
    emulator.github.addIssue({
      title: 'Other audit',
      labels: ['acm-expiry'],
      body: '<!-- acm-expiry-audit:tracking-issue 0000000000000000 -->'
    })

    const first = await audit({ inputs: { 'issue-assignees': 'octocat, @hubot' } })
    expect(first.exitCode).toBe(0)
    const created = emulator.github.issues.find((issue) => issue.title === 'ACM certificates need renewal')
    expect(created).toBeDefined()
    expect(created).toMatchObject({ state: 'open', labels: ['acm-expiry'], assignees: ['octocat', 'hubot'] })
    expect(first.outputs['issue-number']).toBe(String(created?.number))
    expect(first.outputs['issue-url']).toBe(`https://github.com/octo-org/infrastructure/issues/${created?.number}`)
    const body = created?.body ?? ''
    expect(body).toContain('### Will break (2)')
    expect(body).toContain(
      `aws acm import-certificate --region us-east-1 --certificate-arn ${shop?.arn} --certificate fileb://certificate.pem --private-key fileb://private-key.pem --certificate-chain fileb://certificate-chain.pem`
    )
    expect(body).toContain('- [ ] ⚠️ `shop.example.com`: **12 days left** (')
    expect(body).toContain('· region `us-east-1`, account `111122223333` ·')
    expect(body).toContain('https://github.com/octo-org/infrastructure/actions/runs/4242')
    expect(body.length).toBeLessThan(65_536)
    expect(first.summary).toContain(
      `Tracking issue [#${created?.number}](https://github.com/octo-org/infrastructure/issues/${created?.number}): created.`
    )

    // Same findings: found again by its marker and left untouched.
    const second = await audit()
    expect(openIssues().filter((issue) => issue.title === 'ACM certificates need renewal')).toHaveLength(1)
    expect(created?.edits).toBe(0)
    expect(second.outputs['issue-number']).toBe(String(created?.number))

    // The imported certificate is reimported: the issue is rewritten with it resolved.
    if (shop) shop.notAfter = inDays(380)
    await audit()
    expect(created?.edits).toBe(1)
    expect(created?.body).toContain('### Resolved since last run (1)')
    expect(created?.body).toContain('- [x] ~~`shop.example.com`~~')
    expect(created?.body).not.toContain('- [ ] ⚠️ `shop.example.com`')

    // A run with a failed region never closes it, even with no findings left.
    const api = emulator.findCertificate(emulator.certificatesOf('111122223333', 'eu-west-1')[0]?.arn ?? '')
    if (api) api.notAfter = inDays(300)
    emulator.faults = (call) =>
      call.region === 'eu-west-1' ? { kind: 'error', status: 400, code: 'AccessDeniedException', message: 'denied' } : undefined
    const incomplete = await audit()
    expect(incomplete.exitCode).toBe(1)
    expect(created?.state).toBe('open')
    expect(created?.comments).toEqual([])
    expect(created?.body).toContain('### Not checked this run (1)')

    // A complete run with nothing left closes it, with a comment.
    emulator.faults = undefined
    const done = await audit()
    expect(done.exitCode).toBe(0)
    expect(created).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(created?.comments).toHaveLength(1)
    expect(created?.comments[0]).toContain(
      'All clear: [this run](https://github.com/octo-org/infrastructure/actions/runs/4242) read every region'
    )
    expect(done.outputs['issue-number']).toBe(String(created?.number))

    // Nothing to do and no open issue: no call that writes.
    const writesBefore = emulator.github.calls.filter((call) => call.method !== 'GET').length
    await audit()
    expect(emulator.github.calls.filter((call) => call.method !== 'GET').length).toBe(writesBefore)
  })

  it('keeps separate issues for separate titles and finds its own across pages', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'a.example.com', type: 'IMPORTED', notAfter: inDays(3) }])
    await audit({ inputs: { 'issue-title': 'ACM: production' } })
    for (let i = 0; i < 150; i += 1) emulator.github.addIssue({ title: `noise ${i}`, labels: ['acm-expiry'] })
    await audit({ inputs: { 'issue-title': 'ACM: staging' } })
    await audit({ inputs: { 'issue-title': 'ACM: production' } })
    await audit({ inputs: { 'issue-title': 'ACM: staging' } })
    expect(
      openIssues()
        .filter((issue) => issue.title.startsWith('ACM:'))
        .map((issue) => issue.title)
        .sort()
    ).toEqual(['ACM: production', 'ACM: staging'])
    expect(emulator.github.calls.some((call) => call.path.includes('page=2'))).toBe(true)
  })

  it('fails with the permission to add when the token is read-only, and still writes the summary and outputs', async () => {
    emulator.github.tokens.set('ghs_read_only', 'read')
    emulator.addCertificates('us-east-1', [{ domain: 'a.example.com', type: 'IMPORTED', notAfter: inDays(3) }])
    const run = await audit({ githubToken: 'ghs_read_only' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::The github-token may not write issues in octo-org/infrastructure (HTTP 403): add "issues: write" to the job\'s permissions'
    )
    expect(run.outputs['expiring-count']).toBe('1')
    expect(run.outputs['issue-number']).toBe('')
    expect(run.summary).toContain('**Tracking issue not updated:**')
    expect(run.summary).toContain('a.example.com')
    expect(run.stdout.split('\n').filter((line) => line.includes('ghs_read_only'))).toEqual(['::add-mask::ghs_read_only'])
  })

  it('fails with the cause when the repository has issues turned off, and still writes the summary and outputs', async () => {
    emulator.github.issuesDisabled = true
    emulator.addCertificates('us-east-1', [{ domain: 'a.example.com', type: 'IMPORTED', notAfter: inDays(3) }])
    const run = await audit()
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::GitHub answered HTTP 410 while keeping the tracking issue in octo-org/infrastructure: issues may be disabled for the repository, or the tracking issue was deleted or transferred. Enable issues, or set create-issue: false.'
    )
    expect(run.outputs['expiring-count']).toBe('1')
    expect(run.summary).toContain('**Tracking issue not updated:**')
  })

  it('opens a new issue when the tracked one was deleted', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'a.example.com', type: 'IMPORTED', notAfter: inDays(3) }])
    await audit()
    emulator.github.issues.splice(0)
    const run = await audit()
    expect(run.exitCode).toBe(0)
    expect(openIssues()).toHaveLength(1)
    expect(run.outputs['issue-number']).toBe(String(openIssues()[0]?.number))
  })

  it('fails clearly when the tracking issue is locked', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'a.example.com', type: 'IMPORTED', notAfter: inDays(3) }])
    await audit()
    const issue = openIssues()[0]
    if (issue) issue.locked = true
    emulator.certificatesOf('111122223333', 'us-east-1').splice(0)
    const run = await audit()
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('is locked, so the audit cannot comment on it (HTTP 403)')
    expect(issue?.state).toBe('open')
  })

  it('keeps hostile domain names inert in the issue body', async () => {
    emulator.addCertificates('us-east-1', [
      { domain: '@octocat <img src=x onerror=alert(1)> [x](https://evil.example) #1', type: 'IMPORTED', notAfter: inDays(3) },
      { domain: '```\n# heading\n```', notAfter: inDays(4), inUseBy: [], renewalEligibility: 'INELIGIBLE' }
    ])
    await audit()
    const html = renderGfm(openIssues()[0]?.body ?? '')
    const allowed = new Set(['h3', 'p', 'ul', 'li', 'input', 'code', 'pre', 'a', 'strong', 'em', 'del', 'blockquote'])
    expect(elementNames(html).filter((name) => !allowed.has(name))).toEqual([])
    for (const href of linkTargets(html))
      expect(href).toMatch(
        /^https:\/\/(us-east-1\.console\.aws\.amazon\.com\/acm\/home\?region=us-east-1#\/certificates\/[0-9a-f-]+|github\.com\/octo-org\/infrastructure\/actions\/runs\/4242)$/u
      )
    expect(proseText(html)).not.toContain('@octocat')
    expect(proseText(html)).not.toMatch(/#1\b/u)
  })

  it("stays under GitHub's body limit with thousands of findings, and says how many are left out", async () => {
    // Spread over regions, paced side by side: each finding costs a DescribeCertificate at 10/s per region.
    const regions = Array.from({ length: 15 }, (_, r) => `us-test-${r + 1}`)
    regions.forEach((region, r) =>
      emulator.addCertificates(
        region,
        Array.from({ length: 100 }, (_, j) => ({
          domain: `host-${r * 100 + j}.example.com`,
          type: 'IMPORTED' as const,
          notAfter: inDays(1 + (j % 20))
        }))
      )
    )
    await audit({ inputs: { regions: regions.join(',') } })
    const body = openIssues()[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toMatch(/\d[\d,]* more certificates did not fit in this issue: see the \[run's job summary\]/u)
  })
})
