/**
 * Faults survived: throttling, server errors, a region that never answers, connections reset mid-answer,
 * answers that are not JSON, sessions that expire mid-scan, and access denied to a region and to an
 * account's role. Each either leaves the findings exactly as a clean run finds them, or is reported in
 * one clear sentence while everything found elsewhere is still shown; never a crash, never "All clear".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { AwsEmulator, DEFAULT_ACCOUNT } from '../../emulator/aws-emulator.js'
import { type ActionRun, runAction } from '../../emulator/run-action.js'
import type { CertificateSeed, RecordedCall } from '../../emulator/types.js'
import { renderGfm, visibleText } from '../helpers/render-markdown.js'
import {
  attemptsPerRequest,
  errorLines,
  expectEverythingFoundShown,
  expectNoStackTrace,
  type FaultRates,
  type FindingOutput,
  findingsOf,
  plannedAttempts,
  reportOf,
  requestKey,
  seededFaults,
  tableRows
} from './hardening-helpers.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2']
const SNOOZE = 'acm-audit-snooze'
const SEED = 20_261_128

/**
 * Three regions: us-east-1 holds 2,100 certificates (three pages) of which 17 are inside the threshold,
 * every fourth of those snoozed by tag; eu-west-1 and ap-southeast-2 hold a few more. Flagged ACM-issued
 * and private certificates are described, and every flagged certificate's tags are read.
 */
function seedCertificates(emulator: AwsEmulator): void {
  let flagged = 0
  const next = (region: string, i: number, types: ReadonlyArray<'IMPORTED' | 'AMAZON_ISSUED' | 'PRIVATE'>): CertificateSeed => {
    const k = flagged++
    const type = types[k % types.length] ?? 'IMPORTED'
    return {
      domain: `flagged-${k}.${region}.example.com`,
      type,
      notAfter: inDays(-3.5 + (k % 25)),
      ...(type === 'AMAZON_ISSUED'
        ? { renewal: k % 2 === 0 ? { status: 'PENDING_AUTO_RENEWAL' } : { status: 'FAILED', reason: 'CAA_ERROR' } }
        : {}),
      ...(type === 'PRIVATE' ? { inUseBy: [] } : {}),
      tags: k % 4 === 3 ? { [SNOOZE]: '2099-12-31' } : { team: `team-${i}` }
    }
  }
  emulator.addCertificates(
    'us-east-1',
    Array.from({ length: 2_100 }, (_, i) =>
      i % 130 === 7
        ? next('us-east-1', i, ['IMPORTED', 'AMAZON_ISSUED', 'PRIVATE'])
        : { domain: `healthy-${i}.example.com`, type: 'IMPORTED' as const, notAfter: inDays(90.5 + (i % 200)) }
    )
  )
  emulator.addCertificates('eu-west-1', [
    ...Array.from({ length: 8 }, (_, i) => next('eu-west-1', i, ['AMAZON_ISSUED'])),
    ...Array.from({ length: 20 }, (_, i) => ({ domain: `healthy-${i}.example.eu`, notAfter: inDays(200.5) }))
  ])
  emulator.addCertificates(
    'ap-southeast-2',
    Array.from({ length: 6 }, (_, i) => next('ap-southeast-2', i, ['IMPORTED', 'AMAZON_ISSUED']))
  )
}

function audit(emulator: AwsEmulator, inputs: Record<string, string> = {}, timeoutMs = 60_000): Promise<ActionRun> {
  return runAction({
    endpoint: emulator.url,
    timeoutMs,
    inputs: { regions: REGIONS.join(', '), 'ignore-tag': SNOOZE, 'fail-on': 'never', ...inputs }
  })
}

/** The outputs that describe the certificates (the report file's path differs from run to run). */
function certificateOutputs(run: ActionRun): Record<string, string> {
  return Object.fromEntries(Object.entries(run.outputs).filter(([name]) => name !== 'report-file'))
}

/** The first error annotation about a place not read (those of certificates broken now come before it). */
const notRead = (run: Parameters<typeof errorLines>[0]) =>
  errorLines(run).find((line) => line.startsWith('::error title=Not read'))

describe('with the same data as a clean run', () => {
  let emulator: AwsEmulator
  let clean: ActionRun
  let cleanCalls: RecordedCall[]
  let cleanFindings: FindingOutput[]

  beforeAll(async () => {
    emulator = new AwsEmulator()
    await emulator.start()
    seedCertificates(emulator)
    clean = await audit(emulator)
    cleanCalls = [...emulator.calls]
    cleanFindings = findingsOf(clean)
  })
  afterAll(async () => {
    await emulator.stop()
  })
  beforeEach(() => {
    emulator.calls.length = 0
    emulator.faults = undefined
  })

  it('the clean run reads everything: three pages, tags of every flagged certificate, then each finding described', () => {
    expect(clean.exitCode).toBe(0)
    expect(clean.outputs['failed-regions']).toBe('')
    // 31 flagged: 7 snoozed by tag, 24 findings.
    expect(cleanFindings).toHaveLength(24)
    expect(clean.outputs['ignored-count']).toBe('7')
    const operations = cleanCalls.filter((call) => call.service === 'acm').map((call) => `${call.operation} ${call.region}`)
    expect(operations.filter((operation) => operation === 'ListCertificates us-east-1')).toHaveLength(3)
    expect(operations.filter((operation) => operation.startsWith('ListTagsForCertificate'))).toHaveLength(31)
    // One DescribeCertificate per finding (renewal and InUseBy), imported ones included; none for the snoozed.
    expect(operations.filter((operation) => operation.startsWith('DescribeCertificate'))).toHaveLength(24)
  })

  it.each<[string, FaultRates]>([
    ['throttling on 30% of requests', { throttling: 0.3, serverErrors: 0 }],
    ['HTTP 500 and 503 on 10% of requests', { throttling: 0, serverErrors: 0.1 }],
    ['throttling on 30% and HTTP 500/503 on 10% at once', { throttling: 0.3, serverErrors: 0.1 }]
  ])("%s: every faulted request is retried, and the findings equal the clean run's", async (_, rates) => {
    const faults = seededFaults(SEED, rates)
    emulator.faults = faults.decide
    const run = await audit(emulator)

    expect(run.exitCode).toBe(0)
    expect(findingsOf(run)).toEqual(cleanFindings)
    expect(certificateOutputs(run)).toEqual(certificateOutputs(clean))
    expect(tableRows(run.summary)).toEqual(tableRows(clean.summary))
    expect((await reportOf(run)).findings).toEqual((await reportOf(clean)).findings)
    // Exactly the planned faults, each followed by a retry, request by request; nothing else was asked.
    const planned = plannedAttempts(cleanCalls, SEED, rates)
    expect(Object.fromEntries(attemptsPerRequest(emulator.calls))).toEqual(Object.fromEntries(planned))
    const plannedFaults = [...planned.values()].flatMap((statuses) => statuses.filter((status) => status !== 200))
    expect(faults.injected.throttling).toBe(plannedFaults.filter((status) => status === 400).length)
    expect(faults.injected.serverErrors).toBe(plannedFaults.filter((status) => status >= 500).length)
    // The seeded plan faults about the share asked for on first attempts (the same share every run).
    const firstAttempts = [...planned.values()].map((statuses) => statuses[0])
    if (rates.throttling > 0)
      expect(
        Math.abs(firstAttempts.filter((status) => status === 400).length / firstAttempts.length - rates.throttling)
      ).toBeLessThan(0.1)
    if (rates.serverErrors > 0) expect(firstAttempts.filter((status) => (status ?? 0) >= 500).length).toBeGreaterThan(0)
    expect(errorLines(run)).toEqual(errorLines(clean))
    expectNoStackTrace(run)
  })

  it('a connection reset mid-answer on the first attempt of every request is retried, with the same findings', async () => {
    const reset = new Set<string>()
    emulator.faults = (call) => {
      const key = requestKey(call)
      if (reset.has(key)) return undefined
      reset.add(key)
      return { kind: 'reset' }
    }
    const run = await audit(emulator)
    expect(run.exitCode).toBe(0)
    expect(findingsOf(run)).toEqual(cleanFindings)
    expect(certificateOutputs(run)).toEqual(certificateOutputs(clean))
    expect([...attemptsPerRequest(emulator.calls).values()].every((statuses) => statuses.join() === '0,200')).toBe(true)
    expect(attemptsPerRequest(emulator.calls).size).toBe(attemptsPerRequest(cleanCalls).size)
    expectNoStackTrace(run)
  })

  it('a region that never answers (aws-request-timeout 1): the run ends by itself, that region is reported, the others are', async () => {
    emulator.faults = (call) => (call.region === 'eu-west-1' ? { kind: 'hang' } : undefined)
    const run = await audit(emulator, { 'aws-request-timeout': '1' }, 45_000)

    // The harness kills the process after 45 s (exit code null): this one ended on its own.
    expect(run.exitCode).toBe(1)
    expect(run.outputs['failed-regions']).toBe('eu-west-1')
    expect(emulator.calls.filter((call) => call.region === 'eu-west-1').map((call) => call.operation)).toEqual(
      Array(6).fill('ListCertificates')
    )
    await expectEverythingFoundShown(
      run,
      cleanFindings.filter((finding) => finding.region !== 'eu-west-1')
    )
    const message = `acm:ListCertificates in eu-west-1 (account ${DEFAULT_ACCOUNT}) did not answer in time: check that the region is enabled and reachable from the runner.`
    // The certificates' errors of a clean run (but eu-west-1's), with the region not read among them (after those
    // broken now), nine of them beside it under GitHub's cap of ten, and the step's own error last.
    const errors = errorLines(run)
    expect(errors.filter((line) => line.startsWith('::error title=Not read'))).toEqual([
      expect.stringContaining(`::error title=Not read%3A eu-west-1 of account ${DEFAULT_ACCOUNT}::${message} `)
    ])
    expect(errors.filter((line) => !line.startsWith('::error title=Not read')).slice(0, -1)).toEqual(
      errorLines(clean)
        .filter((line) => !line.includes('(eu-west-1, '))
        .slice(0, 9)
    )
    expect(errors.at(-1)).toBe(
      `::error::1 region or account could not be read (eu-west-1 of account ${DEFAULT_ACCOUNT}): the audit is incomplete. See the job summary for what to do.`
    )
    expect(visibleText(renderGfm(run.summary))).toContain(message)
    expectNoStackTrace(run)
  })

  it('a connection reset on every attempt is reported once the SDK gives up, as a network failure', async () => {
    emulator.faults = (call) => (call.region === 'ap-southeast-2' ? { kind: 'reset' } : undefined)
    const run = await audit(emulator)

    expect(run.exitCode).toBe(1)
    expect(run.outputs['failed-regions']).toBe('ap-southeast-2')
    expect(emulator.calls.filter((call) => call.region === 'ap-southeast-2')).toHaveLength(6)
    await expectEverythingFoundShown(
      run,
      cleanFindings.filter((finding) => finding.region !== 'ap-southeast-2')
    )
    expect(notRead(run)).toMatch(
      new RegExp(
        `^::error title=Not read%3A ap-southeast-2 of account ${DEFAULT_ACCOUNT}::Could not reach the endpoint for acm:ListCertificates in ap-southeast-2 \\(account ${DEFAULT_ACCOUNT}\\) \\(ECONNRESET\\): check the region name and the runner's network access to AWS\\. `,
        'u'
      )
    )
    expect(errorLines(run).at(-1)).toBe(
      `::error::1 region or account could not be read (ap-southeast-2 of account ${DEFAULT_ACCOUNT}): the audit is incomplete. See the job summary for what to do.`
    )
    expectNoStackTrace(run)
  })

  it("a truncated answer to DescribeCertificate is reported, and that region's certificates stay listed", async () => {
    emulator.faults = (call) =>
      call.region === 'eu-west-1' && call.operation === 'DescribeCertificate' ? { kind: 'malformed' } : undefined
    const run = await audit(emulator)

    expect(run.exitCode).toBe(1)
    expect(run.outputs['failed-regions']).toBe('eu-west-1')
    // Listed before the failure: every certificate is kept, flagged, and says its renewal status is unknown.
    await expectEverythingFoundShown(run, cleanFindings)
    for (const finding of findingsOf(run).filter((item) => item.region === 'eu-west-1')) {
      // Never "nothing to do": a person checks the renewal of those still valid; the expired ones need replacing.
      expect(finding.action).toBe(finding.state === 'expiring' ? 'check-renewal' : 'fix-renewal')
      expect(finding.unread).toEqual(['renewal status', 'resources'])
      expect(finding.explanation).toMatch(
        / Its renewal status and the resources using it could not be read \(see the failed regions\)\.$/u
      )
      expect(finding.renewalStatus).toBeNull()
    }
    const unread = findingsOf(run).filter((item) => item.region === 'eu-west-1').length
    expect(notRead(run)).toContain(
      `::error title=Not read%3A eu-west-1 of account ${DEFAULT_ACCOUNT}::The details of ${unread} flagged certificates could not be read (they are listed with what ListCertificates said): The answer to acm:DescribeCertificate in eu-west-1 (account ${DEFAULT_ACCOUNT}) could not be read (truncated, or not the JSON AWS sends): usually a passing network fault, so run the audit again; if it persists, check proxies between the runner and AWS. Unexpected end of JSON input`
    )
    expectNoStackTrace(run)
  })

  it("a proxy's HTML error page instead of JSON is retried as a server error, then reported", async () => {
    emulator.faults = (call) =>
      call.region === 'ap-southeast-2'
        ? { kind: 'malformed', status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }
        : undefined
    const run = await audit(emulator)

    expect(run.exitCode).toBe(1)
    expect(run.outputs['failed-regions']).toBe('ap-southeast-2')
    expect(emulator.calls.filter((call) => call.region === 'ap-southeast-2').map((call) => call.status)).toEqual(
      Array(6).fill(502)
    )
    await expectEverythingFoundShown(
      run,
      cleanFindings.filter((finding) => finding.region !== 'ap-southeast-2')
    )
    expect(notRead(run)).toContain(
      `::error title=Not read%3A ap-southeast-2 of account ${DEFAULT_ACCOUNT}::The answer to acm:ListCertificates in ap-southeast-2 (account ${DEFAULT_ACCOUNT}) could not be read (truncated, or not the JSON AWS sends)`
    )
    expectNoStackTrace(run)
  })
})

describe('sessions that expire during a long scan', () => {
  const ROLE = 'arn:aws:iam::210987654321:role/acm-audit'
  const ACCOUNT = '210987654321'
  let emulator: AwsEmulator
  emulatorPerTest((started) => (emulator = started))

  /** 40 flagged ACM-issued certificates: 40 DescribeCertificate calls, paced at 9.5 a second (over 4 s). */
  const managed = (account: string) =>
    emulator.addCertificates(
      'us-east-1',
      Array.from({ length: 40 }, (_, i) => ({
        domain: `managed-${i}.example.com`,
        notAfter: inDays(8.5 + (i % 20)),
        renewal: { status: 'PENDING_AUTO_RENEWAL' }
      })),
      account
    )

  it('role sessions are renewed before they expire: no request is refused, nothing is lost', async () => {
    managed(ACCOUNT)
    emulator.sts.addRole(ROLE)
    emulator.sts.sessionLifetimeMs = 2_500
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1', 'role-to-assume': ROLE, 'fail-on': 'never' },
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...emulator.sts.runnerEnv }
    })

    expect(run.exitCode).toBe(0)
    expect(run.outputs['failed-regions']).toBe('')
    expect(
      findingsOf(run)
        .map((finding) => [finding.domain, finding.action, finding.renewalStatus])
        .sort()
    ).toEqual(Array.from({ length: 40 }, (_, i) => [`managed-${i}.example.com`, 'await-renewal', 'PENDING_AUTO_RENEWAL']).sort())
    const acm = emulator.calls.filter((call) => call.service === 'acm')
    expect(acm.map((call) => call.status)).toEqual(Array(41).fill(200))
    expect(emulator.calls.some((call) => call.status !== 200)).toBe(false)
    // The scan outlasted one session many times over (pacing makes 40 look-ups take over 4 s)...
    const arrivals = acm.map((call) => call.receivedAt ?? 0)
    const span = Math.max(...arrivals) - Math.min(...arrivals)
    expect(span).toBeGreaterThan(emulator.sts.sessionLifetimeMs)
    // ...yet every request carried a session that was still valid when it arrived,
    for (const call of acm)
      expect(call.receivedAt ?? Infinity).toBeLessThan(emulator.identities.get(call.accessKeyId ?? '')?.expiresAt ?? 0)
    // so sessions were renewed (as many as the span needs, at least), each with a fresh OIDC token.
    expect(new Set(acm.map((call) => call.accessKeyId)).size).toBeGreaterThanOrEqual(
      Math.ceil(span / emulator.sts.sessionLifetimeMs)
    )
    expect(emulator.callsTo('AssumeRoleWithWebIdentity').length).toBe(emulator.sts.tokens.length)
    expectNoStackTrace(run)
  })

  it('a session from the default credential chain cannot be renewed: its expiry is reported clearly, and findings are kept', async () => {
    managed(DEFAULT_ACCOUNT)
    const session = {
      accessKeyId: 'ASIAEMULATORSESSION1',
      secretAccessKey: 'emulator/session/secret/key/0000000000',
      sessionToken: 'IQoJb3JpZ2luX2VjEMULATORSESSIONTOKEN',
      account: DEFAULT_ACCOUNT,
      arn: `arn:aws:sts::${DEFAULT_ACCOUNT}:assumed-role/ci/session`
    }
    emulator.addIdentity(session)
    // The session expires one second after the first look-up arrives, in the middle of the 40.
    emulator.faults = (call) => {
      const identity = emulator.identities.get(session.accessKeyId)
      if (call.operation === 'DescribeCertificate' && identity && identity.expiresAt === undefined)
        identity.expiresAt = Date.now() + 1_000
      return undefined
    }
    const run = await runAction({
      endpoint: emulator.url,
      // No critical certificates: the only errors are about the session.
      inputs: { regions: 'us-east-1', 'fail-on': 'never', 'critical-days': '0' },
      env: {
        AWS_ACCESS_KEY_ID: session.accessKeyId,
        AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
        AWS_SESSION_TOKEN: session.sessionToken
      }
    })

    expect(run.exitCode).toBe(1)
    expect(run.outputs['failed-regions']).toBe('us-east-1')
    const expired = emulator.callsTo('DescribeCertificate').filter((call) => call.status === 400)
    expect(expired.length).toBeGreaterThan(0)
    expect(emulator.callsTo('DescribeCertificate').filter((call) => call.status === 200).length).toBeGreaterThan(0)
    const expected = findingsOf(run)
    expect(expected.map((finding) => finding.domain).sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => `managed-${i}.example.com`).sort()
    )
    await expectEverythingFoundShown(run, expected)
    // How many look-ups the expiry caught depends on timing: the count is checked as a number.
    const [regionError, stepError] = errorLines(run)
    expect(regionError).toMatch(
      new RegExp(
        `^::error title=Not read%3A us-east-1 of account ${DEFAULT_ACCOUNT}::The details of \\d+ flagged certificates? could not be read \\(they are listed with what ListCertificates said\\): The AWS session expired while calling acm:DescribeCertificate in us-east-1 \\(account ${DEFAULT_ACCOUNT}\\): use a longer role session \\(role-duration-seconds\\) or fewer regions per run\\. AWS said: The security token included in the request is expired$`,
        'u'
      )
    )
    expect(stepError).toBe(
      `::error::1 region or account could not be read (us-east-1 of account ${DEFAULT_ACCOUNT}): the audit is incomplete. See the job summary for what to do.`
    )
    expect(errorLines(run)).toHaveLength(2)
    expectNoStackTrace(run)
  })
})

describe("access denied to one region and to one account's role", () => {
  const PROD = 'arn:aws:iam::210987654321:role/acm-audit'
  const STAGING = 'arn:aws:iam::345678901234:role/acm-audit'
  let emulator: AwsEmulator
  emulatorPerTest((started) => (emulator = started))

  it('reports what it found, lists both as failed, fails the step, and never closes the tracking issue', async () => {
    emulator.sts.addRole(PROD)
    emulator.sts.addRole(STAGING)
    const [east] = emulator.addCertificates(
      'us-east-1',
      [{ domain: 'prod.example.com', type: 'IMPORTED', notAfter: inDays(5.5) }],
      '210987654321'
    )
    emulator.addCertificates(
      'eu-west-1',
      [{ domain: 'prod-eu.example.com', notAfter: inDays(9.5), renewal: { status: 'FAILED', reason: 'CAA_ERROR' } }],
      '210987654321'
    )
    emulator.addCertificates(
      'us-east-1',
      [{ domain: 'staging.example.com', type: 'IMPORTED', notAfter: inDays(-2.5) }],
      '345678901234'
    )
    const audit = () =>
      runAction({
        endpoint: emulator.url,
        inputs: {
          regions: 'us-east-1 eu-west-1',
          'role-to-assume': `${PROD}\n${STAGING}`,
          'create-issue': 'true',
          'fail-on': 'never'
        },
        env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...emulator.sts.runnerEnv }
      })

    // A complete run opens the tracking issue with all three.
    const first = await audit()
    expect(first.exitCode).toBe(0)
    const issue = emulator.github.issues[0]
    expect(issue?.body).toContain('### 🔥 Broken now (1)')
    expect(issue?.body).toContain('### Will break (2)')

    // Now staging's trust policy no longer matches this workflow, and an SCP denies ACM in eu-west-1 for prod.
    emulator.sts.addRole(STAGING, { subject: 'repo:octo-org/infrastructure:environment:staging' })
    emulator.faults = (call) =>
      call.region === 'eu-west-1' && call.account === '210987654321'
        ? {
            kind: 'error',
            status: 400,
            code: 'AccessDeniedException',
            message:
              'User: arn:aws:sts::210987654321:assumed-role/acm-audit/acm-expiry-audit is not authorized to perform: acm:ListCertificates with an explicit deny in a service control policy'
          }
        : undefined
    const partial = await audit()
    expect(partial.exitCode).toBe(1)
    expect(partial.outputs['failed-regions']).toBe('345678901234:*,210987654321:eu-west-1')
    await expectEverythingFoundShown(
      partial,
      findingsOf(first).filter((finding) => finding.domain === 'prod.example.com')
    )
    expect(errorLines(partial).at(-1)).toBe(
      '::error::2 regions or accounts could not be read (all regions of account 345678901234; eu-west-1 of account 210987654321): the audit is incomplete. See the job summary for what to do.'
    )
    expect(partial.stdout).toContain(`Could not assume ${STAGING}: AWS denied sts:AssumeRoleWithWebIdentity.`)
    expect(partial.stdout).toContain(
      'Access denied to acm:ListCertificates in eu-west-1 (account 210987654321): allow acm:ListCertificates in the IAM policy'
    )
    expect(partial.summary).toContain('### Not read')
    expect(issue).toMatchObject({ state: 'open', comments: [] })
    expect(issue?.body).toContain('### Not checked this run (2)')
    expect(issue?.body).toContain(
      'This run could not read all regions of account 345678901234; eu-west-1 of account 210987654321'
    )
    expect(partial.outputs['issue-number']).toBe(String(issue?.number))

    // Even with nothing left to do where it could read, an incomplete run leaves the issue open.
    if (east) east.notAfter = inDays(400)
    const nothingReadable = await audit()
    expect(nothingReadable.exitCode).toBe(1)
    expect(findingsOf(nothingReadable)).toEqual([])
    expect(nothingReadable.outputs['failed-regions']).toBe('345678901234:*,210987654321:eu-west-1')
    expect(issue).toMatchObject({ state: 'open', comments: [] })
    expect(emulator.github.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/comments'))).toEqual([])
    expect(nothingReadable.summary).toContain('**Incomplete audit:**')
    for (const artifact of [nothingReadable.summary, nothingReadable.stdout, issue?.body ?? ''])
      expect(artifact).not.toMatch(/all clear/iu)
    expectNoStackTrace(partial)
    expectNoStackTrace(nothingReadable)
  })
})
