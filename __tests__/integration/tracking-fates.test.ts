/**
 * The tracking issue says "renewed or reimported" only when a certificate's NotAfter moved later; a threshold
 * change, an entry from before NotAfter was kept, a certificate that became REVOKED or was deleted each leave
 * (or stay) with their true reason; and only an issue the audit opened is ever adopted.
 */
import { describe, expect, it } from '@jest/globals'
import type { AwsEmulator } from '../../emulator/aws-emulator.js'
import { type ActionRun, runAction, type RunOptions } from '../../emulator/run-action.js'
import { issueMarker, stateBlock } from '../../src/github/issue-state.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

const TITLE = 'ACM certificates need renewal'

function audit(options: RunOptions = {}): Promise<ActionRun> {
  return runAction({
    endpoint: emulator.url,
    ...options,
    inputs: { regions: 'us-east-1', 'create-issue': 'true', 'fail-on': 'never', ...options.inputs }
  })
}

const issue = () => emulator.github.issues.find((candidate) => candidate.title === TITLE && candidate.author.type === 'Bot')

describe('6. "renewed or reimported" only when it was', () => {
  it('says the threshold changed when days is lowered, never that an untouched certificate was renewed', async () => {
    emulator.addCertificates('us-east-1', [
      { domain: 'untouched.example.com', type: 'IMPORTED', notAfter: inDays(45.5) },
      { domain: 'soon.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }
    ])
    await audit({ inputs: { days: '60' } })
    expect(issue()?.body).toContain('untouched.example.com')
    await audit({ inputs: { days: '30' } })
    // Markdown escapes (\\: and \\() removed, to read the text as a person does.
    const body = (issue()?.body ?? '').replace(/\\/gu, '')
    expect(body).not.toContain('renewed or reimported')
    expect(body).not.toContain('Resolved since last run')
    expect(body).toMatch(/untouched\.example\.com.*no longer within 30 days: the threshold changed from 60 \(now expires /u)
  })

  it('says "renewed or reimported" when the NotAfter moved later', async () => {
    const [cert] = emulator.addCertificates('us-east-1', [
      { domain: 'renewed.example.com', type: 'IMPORTED', notAfter: inDays(10.5) },
      { domain: 'soon.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }
    ])
    await audit()
    if (cert) cert.notAfter = inDays(400)
    await audit()
    expect(issue()?.body).toMatch(/### Resolved since last run \(1\)[\s\S]*renewed\.example\.com.*renewed or reimported/u)
  })

  it('lets an entry written before NotAfter was kept leave as "no longer flagged", never as renewed', async () => {
    const [cert] = emulator.addCertificates('us-east-1', [
      { domain: 'legacy.example.com', type: 'IMPORTED', notAfter: inDays(10.5) },
      { domain: 'soon.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }
    ])
    await audit()
    const tracked = issue()
    if (!tracked || !cert) throw new Error('no tracking issue')
    // The hidden state as an earlier version wrote it: [arn, domain] only.
    tracked.body = tracked.body.replace(
      /<!-- acm-expiry-audit:state [^>]*-->/u,
      stateBlock([{ arn: cert.arn, domain: cert.domain }])
    )
    cert.notAfter = inDays(400)
    await audit()
    const body = (issue()?.body ?? '').replace(/\\/gu, '')
    expect(body).not.toContain('renewed or reimported')
    expect(body).toMatch(/legacy\.example\.com.*no longer flagged \(now expires /u)
  })
})

describe('7. a tracked certificate that is no longer listed', () => {
  it('stays in the issue with its status when it became REVOKED, and the issue stays open', async () => {
    const [revoked] = emulator.addCertificates('us-east-1', [
      { domain: 'revoked.example.com', type: 'IMPORTED', notAfter: inDays(10.5) }
    ])
    await audit()
    if (revoked) revoked.status = 'REVOKED'
    const run = await audit()
    expect(run.stdout).not.toContain('closed')
    expect(issue()?.state).toBe('open')
    expect(issue()?.body).toMatch(/### No longer listed, still in ACM \(1\)[\s\S]*revoked\.example\.com.*status `REVOKED`/u)
    expect(emulator.callsTo('DescribeCertificate').some((call) => call.params.CertificateArn === revoked?.arn)).toBe(true)
  })

  it('leaves as deleted when DescribeCertificate does not find it', async () => {
    const [deleted] = emulator.addCertificates('us-east-1', [
      { domain: 'deleted.example.com', type: 'IMPORTED', notAfter: inDays(10.5) },
      { domain: 'soon.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }
    ])
    await audit()
    const list = emulator.certificatesOf('111122223333', 'us-east-1')
    list.splice(list.indexOf(deleted as never), 1)
    await audit()
    expect(issue()?.state).toBe('open')
    expect((issue()?.body ?? '').replace(/\\/gu, '')).toMatch(
      /deleted\.example\.com.*deleted: no longer listed in its region, which was read completely, and DescribeCertificate does not find it/u
    )
  })

  it('lets the issue close once the only tracked certificate was deleted', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'deleted.example.com', type: 'IMPORTED', notAfter: inDays(10.5) }])
    await audit()
    emulator.certificatesOf('111122223333', 'us-east-1').length = 0
    await audit()
    expect(issue()?.state).toBe('closed')
  })
})

describe('tracking-issue identity', () => {
  it("never adopts an issue someone else opened, even with the marker copied and issue-labels ''", async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'soon.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }])
    const forged = emulator.github.addIssue({
      title: TITLE,
      body: `${issueMarker(TITLE)}\nClose me`,
      author: { login: 'mallory', type: 'User' }
    })
    const run = await audit({ inputs: { 'issue-labels': '' } })
    expect(run.exitCode).toBe(0)
    expect(forged.body).toBe(`${issueMarker(TITLE)}\nClose me`)
    expect(forged.state).toBe('open')
    expect(forged.comments).toEqual([])
    expect(issue()?.body).toContain('soon.example.com')
    expect(issue()?.number).not.toBe(forged.number)
  })

  it("adopts an issue the token's own user opened, where GET /user answers", async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'soon.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }])
    emulator.github.tokens.set('ghp_personal', 'write')
    emulator.github.tokenUsers.set('ghp_personal', { login: 'octocat', type: 'User' })
    const own = emulator.github.addIssue({
      title: TITLE,
      body: issueMarker(TITLE),
      labels: ['acm-expiry'],
      author: { login: 'octocat', type: 'User' }
    })
    await audit({ githubToken: 'ghp_personal', inputs: { 'issue-labels': '' } })
    expect(own.body).toContain('soon.example.com')
    expect(emulator.github.issues).toHaveLength(1)
  })
})
