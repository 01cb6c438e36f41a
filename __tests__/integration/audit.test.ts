import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { type AwsEmulator, DEFAULT_ACCOUNT } from '../../emulator/aws-emulator.js'
import { runAction } from '../../emulator/run-action.js'
import { SAMPLE_INPUTS, seedSampleCertificates } from '../../emulator/sample-data.js'
import { elementNames, linkTargets, proseText, renderGfm, visibleText } from '../helpers/render-markdown.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

const ALL_KEY_TYPES = ['EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1', 'RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096']

interface FindingOutput {
  account: string
  region: string
  arn: string
  domain: string
  type: string
  status: string
  state: string
  keyAlgorithm: string
  notAfter: string
  daysLeft: number
  inUse: boolean
  renewalEligibility: string
  renewalStatus: string | null
  action: string
  command: string | null
  critical: boolean
  urgency: string
  inUseBy: Array<{ arn: string; kind: string; service: string; name: string }> | null
  replacement: { arn: string; notAfter: string } | null
  nextStep: string
  explanation: string
}

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

function findingsOf(outputs: Record<string, string>): FindingOutput[] {
  return JSON.parse(outputs.findings ?? 'null') as FindingOutput[]
}

/** The findings table: rows after the header that start with a status cell. */
function tableRows(summary: string): string[] {
  return summary.split('\n').filter((line) => /^\| (🔥 expired|❌ expired|🚨 critical|⚠️ expiring) \|/u.test(line))
}

describe('the sample audit (three regions, every kind of finding)', () => {
  it('flags, classifies and reports each certificate, and fails the step', async () => {
    seedSampleCertificates(emulator)
    const run = await runAction({ endpoint: emulator.url, inputs: { ...SAMPLE_INPUTS } })

    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('::error::14 certificates expire within 30 days or have expired')
    const findings = findingsOf(run.outputs)
    // In reading order: broken now (expired, in use), will break (critical first), clean-up (nothing uses them).
    expect(findings.map((f) => [f.domain, f.region, f.state, f.action, f.urgency])).toEqual([
      ['old.example.com.au', 'ap-southeast-2', 'expired', 'fix-renewal', 'broken'],
      ['legacy.example.com', 'us-east-1', 'expired', 'reimport', 'broken'],
      ['edge.example.com', 'us-east-1', 'expiring', 'reimport', 'soon'],
      ['au.example.com', 'ap-southeast-2', 'expiring', 'reimport', 'soon'],
      ['shop.example.com', 'us-east-1', 'expiring', 'reimport', 'soon'],
      ['origin.example.com', 'us-east-1', 'expiring', 'renew-acme', 'soon'],
      ['pay.example.com', 'us-east-1', 'expiring', 'attach-replacement', 'soon'],
      ['static.example.com', 'us-east-1', 'expiring', 'fix-cloudfront-renewal', 'soon'],
      ['api.example.com', 'us-east-1', 'expiring', 'fix-renewal', 'soon'],
      ['vpn.example.com', 'us-east-1', 'expiring', 're-export', 'soon'],
      ['internal.corp.example', 'eu-west-1', 'expiring', 'renew-private', 'soon'],
      ['app.example.eu', 'eu-west-1', 'expiring', 'await-renewal', 'soon'],
      ['promo.example.com', 'us-east-1', 'expired', 'delete-unused', 'cleanup'],
      ['staging.example.com', 'eu-west-1', 'expiring', 'delete-unused', 'cleanup']
    ])
    expect(findings.map((f) => f.daysLeft)).toEqual([-41, -4, 5, 7, 12, 13, 16, 18, 20, 22, 25, 28, -11, 9])
    expect(findings.filter((f) => f.critical).map((f) => f.domain)).toEqual(['edge.example.com'])
    const shop = findings.find((f) => f.domain === 'shop.example.com')
    expect(shop?.inUseBy).toEqual([
      {
        arn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/shop-web/50dc6c495c0c9188',
        kind: 'load-balancer',
        service: 'load balancer',
        name: 'shop-web'
      },
      {
        arn: 'arn:aws:cloudfront::111122223333:distribution/E2SHOP',
        kind: 'cloudfront',
        service: 'CloudFront distribution',
        name: 'E2SHOP'
      }
    ])
    const pay = findings.find((f) => f.domain === 'pay.example.com')
    const waiting = emulator
      .certificatesOf(DEFAULT_ACCOUNT, 'us-east-1')
      .find((c) => c.domain === 'pay.example.com' && c.arn !== pay?.arn)
    expect(pay?.replacement).toEqual({ arn: waiting?.arn, notAfter: waiting?.notAfter?.toISOString() })
    const api = findings.find((f) => f.domain === 'api.example.com')
    expect(api).toMatchObject({
      account: DEFAULT_ACCOUNT,
      type: 'AMAZON_ISSUED',
      renewalStatus: 'PENDING_VALIDATION',
      inUse: true,
      keyAlgorithm: 'RSA_2048'
    })
    expect(findings.find((f) => f.domain === 'app.example.eu')?.command).toContain('--options ValidationMethod=DNS')
    expect(findings.find((f) => f.domain === 'origin.example.com')?.command).toBeNull()
    const edge = findings.find((f) => f.domain === 'edge.example.com')
    expect(edge?.keyAlgorithm).toBe('EC_prime256v1')
    expect(edge?.command).toBe(
      `aws acm import-certificate --region us-east-1 --certificate-arn ${edge?.arn} --certificate fileb://certificate.pem --private-key fileb://private-key.pem --certificate-chain fileb://certificate-chain.pem`
    )
    expect(new Date(edge?.notAfter ?? '').toISOString()).toBe(edge?.notAfter)

    expect(run.outputs).toMatchObject({
      'scanned-count': '20',
      'expiring-count': '11',
      'expired-count': '3',
      'critical-count': '1',
      'unused-count': '2',
      'ignored-count': '2',
      'failed-regions': ''
    })

    expect(tableRows(run.summary)).toHaveLength(14)
    expect(run.summary).toContain(
      '**14 certificates need attention:** 3 expired, 11 expiring within 30 days (1 critical: within 7 days). 2 of them are not in use: see the clean-up.'
    )
    expect(run.summary).toContain('Scanned **20 certificates** in 3 regions')
    expect(run.summary).toContain('| **shop-<wbr>web** (load balancer)<br>**E2SHOP** (CloudFront distribution) |')
    expect(run.summary).toMatch(/^\| 🚨 critical \| 5 \| \[edge\.<wbr>example\.<wbr>com\]/mu)
    expect(run.summary).toContain(
      '[shop.<wbr>example.<wbr>com](https://us-east-1.console.aws.amazon.com/acm/home?region=us-east-1#/certificates/'
    )
    // What is broken now comes first: the two expired certificates still attached, with their resources.
    expect(run.summary).toContain(
      '> **2 expired certificates are still attached:** `web` (load balancer, ap-southeast-2), `web` (load balancer, us-east-1).'
    )
    expect(run.summary).toContain(`aws acm import-certificate --region us-east-1 --certificate-arn ${edge?.arn}`)
    expect(run.summary).toContain('Ignored certificates (2)')
    expect(run.summary).not.toContain('All clear')

    const report = JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8')) as {
      complete: boolean
      findings: unknown[]
      ignored: Array<{ domain: string; reason: string }>
      regions: Array<{ region: string; complete: boolean; pages: number; scanned: number }>
    }
    expect(report.complete).toBe(true)
    expect(report.findings).toHaveLength(14)
    expect(report.ignored.map((i) => [i.domain, i.reason])).toEqual([
      ['api.sandbox.example.com', 'matches ignore pattern *.sandbox.example.com'],
      ['partner.example.com', expect.stringMatching(/^snoozed until \d{4}-\d{2}-\d{2} by tag audit-snooze$/u)]
    ])
    expect(report.regions.map((r) => [r.region, r.complete, r.pages]).sort()).toEqual([
      ['ap-southeast-2', true, 1],
      ['eu-west-1', true, 1],
      ['us-east-1', true, 1]
    ])

    // Annotations: an error per expired or critical certificate, a warning per other expiring one.
    expect(run.stdout.match(/^::error title=Expired/gmu)).toHaveLength(3)
    expect(run.stdout.match(/^::error title=Critical%3A expires in 5 days%3A edge\.example\.com/gmu)).toHaveLength(1)
    expect(run.stdout.match(/^::warning title=Expires in/gmu)).toHaveLength(10)
    // A log group per region.
    expect(run.stdout.match(/^::group::/gmu)).toHaveLength(3)
  })

  it('asks ACM for every key type, every key pair origin and the largest page, and never one call per certificate', async () => {
    seedSampleCertificates(emulator)
    await runAction({ endpoint: emulator.url, inputs: { ...SAMPLE_INPUTS } })

    const lists = emulator.callsTo('ListCertificates')
    expect(lists).toHaveLength(3)
    for (const call of lists) {
      expect(call.params).toEqual({
        CertificateStatuses: ['ISSUED', 'EXPIRED'],
        Includes: { keyTypes: ALL_KEY_TYPES },
        CertificateKeyPairOrigins: ['ACME', 'AWS_MANAGED', 'CUSTOMER_PROVIDED'],
        MaxItems: 1000
      })
    }
    // DescribeCertificate once for every flagged certificate that is not ignored (imported ones too, for
    // InUseBy), and for nothing else: the replacement is found from the listing.
    const described = emulator
      .callsTo('DescribeCertificate')
      .map((call) => emulator.findCertificate(String(call.params.CertificateArn))?.domain)
    expect(described.sort()).toEqual([
      'api.example.com',
      'app.example.eu',
      'au.example.com',
      'edge.example.com',
      'internal.corp.example',
      'legacy.example.com',
      'old.example.com.au',
      'origin.example.com',
      'pay.example.com',
      'promo.example.com',
      'shop.example.com',
      'staging.example.com',
      'static.example.com',
      'vpn.example.com'
    ])
    // Tags only for flagged certificates that no pattern ignored (ignore-tag is set).
    const tagged = emulator
      .callsTo('ListTagsForCertificate')
      .map((call) => emulator.findCertificate(String(call.params.CertificateArn))?.domain)
    expect(tagged).toHaveLength(15)
    expect(tagged).not.toContain('www.example.com')
    expect(tagged).not.toContain('api.sandbox.example.com')
    // Every call was signed with the step's credentials for the region it targets.
    expect(new Set(emulator.calls.map((call) => call.status))).toEqual(new Set([200]))
  })
})

describe('listing', () => {
  it('reads every page and finds certificates of every key type, including those ACM hides by default', async () => {
    const seeds = Array.from({ length: 2_345 }, (_, i) => ({
      domain: `host-${i}.example.com`,
      notAfter: inDays(i % 500 === 7 ? 3 : 120),
      keyAlgorithm: ALL_KEY_TYPES[i % ALL_KEY_TYPES.length] as string,
      type: 'IMPORTED' as const
    }))
    emulator.addCertificates('us-east-1', seeds)
    const run = await runAction({ endpoint: emulator.url })

    expect(emulator.callsTo('ListCertificates')).toHaveLength(3)
    expect(run.outputs['scanned-count']).toBe('2345')
    const findings = findingsOf(run.outputs)
    expect(findings.map((f) => f.domain).sort()).toEqual([
      'host-1007.example.com',
      'host-1507.example.com',
      'host-2007.example.com',
      'host-507.example.com',
      'host-7.example.com'
    ])
    expect(new Set(findings.map((f) => f.keyAlgorithm)).size).toBeGreaterThan(2)
    // One look-up per flagged certificate (for InUseBy), none for the others.
    expect(emulator.callsTo('DescribeCertificate')).toHaveLength(5)
    expect(emulator.callsTo('ListTagsForCertificate')).toHaveLength(0)
  })

  it('limits the listing to the requested key types and statuses', async () => {
    emulator.addCertificates('us-east-1', [
      { domain: 'ec.example.com', keyAlgorithm: 'EC_secp384r1', type: 'IMPORTED', notAfter: inDays(2) },
      { domain: 'rsa.example.com', keyAlgorithm: 'RSA_2048', type: 'IMPORTED', notAfter: inDays(2) },
      { domain: 'revoked.example.com', status: 'REVOKED', type: 'IMPORTED', notAfter: inDays(2) }
    ])
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { 'key-types': 'EC_secp384r1, RSA-2048', statuses: 'ISSUED\nREVOKED' }
    })
    expect(emulator.callsTo('ListCertificates')[0]?.params).toMatchObject({
      CertificateStatuses: ['ISSUED', 'REVOKED'],
      Includes: { keyTypes: ['EC_secp384r1', 'RSA_2048'] }
    })
    expect(
      findingsOf(run.outputs)
        .map((f) => f.domain)
        .sort()
    ).toEqual(['ec.example.com', 'revoked.example.com', 'rsa.example.com'])
  })

  it('skips certificates that were never issued (no NotAfter) without failing', async () => {
    emulator.addCertificates('us-east-1', [
      { domain: 'pending.example.com', status: 'ISSUED', notAfter: undefined },
      { domain: 'fine.example.com', notAfter: inDays(200) }
    ])
    const run = await runAction({ endpoint: emulator.url })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['scanned-count']).toBe('2')
    expect(run.summary).toContain('**All clear:** no certificate expires within 30 days.')
    expect(run.stdout).toContain('(1 never issued, skipped)')
  })

  it('scans every enabled region with regions: all, and leaves out regions the account has not opted in to', async () => {
    emulator.addCertificates('ap-southeast-2', [{ domain: 'far.example.com', type: 'IMPORTED', notAfter: inDays(1) }])
    const run = await runAction({ endpoint: emulator.url, inputs: { regions: 'all' } })
    expect(emulator.callsTo('DescribeRegions')).toHaveLength(1)
    expect(
      emulator
        .callsTo('ListCertificates')
        .map((call) => call.region)
        .sort()
    ).toEqual(['ap-southeast-2', 'eu-west-1', 'us-east-1', 'us-west-2'])
    expect(findingsOf(run.outputs).map((f) => f.domain)).toEqual(['far.example.com'])
  })

  it('uses AWS_REGION, then AWS_DEFAULT_REGION, when regions is empty', async () => {
    await runAction({ endpoint: emulator.url, env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: 'eu-west-1' } })
    expect(emulator.callsTo('ListCertificates').map((call) => call.region)).toEqual(['eu-west-1'])
  })
})

describe('outcome', () => {
  it('reports all clear and succeeds when nothing is inside the threshold', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'ok.example.com', notAfter: inDays(31) }])
    const run = await runAction({ endpoint: emulator.url })
    expect(run.exitCode).toBe(0)
    expect(run.summary).toContain('**All clear:** no certificate expires within 30 days.')
    expect(run.outputs).toMatchObject({ 'expiring-count': '0', 'expired-count': '0', findings: '[]', 'failed-regions': '' })
  })

  it('honours days, and fail-on expired and never', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'soon.example.com', type: 'IMPORTED', notAfter: inDays(31) }])
    const expired = await runAction({ endpoint: emulator.url, inputs: { days: '45', 'fail-on': 'expired' } })
    expect(expired.exitCode).toBe(0)
    expect(expired.outputs['expiring-count']).toBe('1')

    emulator.addCertificates('us-east-1', [{ domain: 'gone.example.com', type: 'IMPORTED', notAfter: inDays(-1) }])
    const failing = await runAction({ endpoint: emulator.url, inputs: { 'fail-on': 'expired' } })
    expect(failing.exitCode).toBe(1)
    expect(failing.stdout).toContain('::error::1 certificate has expired.')

    const never = await runAction({ endpoint: emulator.url, inputs: { 'fail-on': 'never' } })
    expect(never.exitCode).toBe(0)
    expect(never.outputs['expired-count']).toBe('1')
  })

  it.each([
    ['days', 'abc', "Input 'days' must be a whole number from 0 to 3650"],
    ['days', '-1', "Input 'days' must be a whole number from 0 to 3650"],
    ['regions', 'us-east-1, mars-north-9x', "Input 'regions' has a value that is not a region name"],
    ['fail-on', 'sometimes', "Input 'fail-on' must be one of expiring, critical, expired, never"],
    ['critical-days', '40', "Input 'critical-days' (40) must be at most 'days' (30)"],
    ['key-types', 'RSA_8192', "Input 'key-types' has unknown key algorithm"],
    ['statuses', 'ISSUED,GONE', "Input 'statuses' has unknown ACM status"]
  ])('rejects %s=%s before any AWS call', async (input, value, message) => {
    const run = await runAction({ endpoint: emulator.url, inputs: { [input]: value } })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`::error::${message}`)
    expect(emulator.calls).toHaveLength(0)
  })
})

describe('failures', () => {
  it('keeps the other regions when one is denied, names the permission, and never says all clear', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'east.example.com', type: 'IMPORTED', notAfter: inDays(4) }])
    emulator.addCertificates('eu-west-1', [{ domain: 'west.example.com', type: 'IMPORTED', notAfter: inDays(4) }])
    emulator.faults = (call) =>
      call.region === 'eu-west-1'
        ? {
            kind: 'error',
            status: 400,
            code: 'AccessDeniedException',
            message: 'User is not authorized to perform: acm:ListCertificates'
          }
        : undefined
    const run = await runAction({ endpoint: emulator.url, inputs: { regions: 'us-east-1,eu-west-1', 'fail-on': 'never' } })

    expect(run.exitCode).toBe(1)
    expect(run.outputs['failed-regions']).toBe('eu-west-1')
    expect(findingsOf(run.outputs).map((f) => f.domain)).toEqual(['east.example.com'])
    expect(run.summary).toContain('**Incomplete audit:**')
    expect(run.summary).toContain('### Not read')
    expect(visibleText(renderGfm(run.summary))).toContain(
      'Access denied to acm:ListCertificates in eu-west-1 (account 111122223333): allow acm:ListCertificates in the IAM policy'
    )
    expect(run.stdout).toContain(
      '::error::1 region or account could not be read (eu-west-1 of account 111122223333): the audit is incomplete.'
    )
  })

  it('never reports all clear when the only region fails', async () => {
    emulator.faults = () => ({ kind: 'error', status: 400, code: 'AccessDeniedException', message: 'denied' })
    const run = await runAction({ endpoint: emulator.url })
    expect(run.exitCode).toBe(1)
    expect(run.summary).not.toContain('All clear')
    expect(run.summary).toContain('**Incomplete audit:**')
  })

  it('retries throttling and server errors through the SDK and ends with the same findings', async () => {
    emulator.addCertificates('us-east-1', [
      { domain: 'a.example.com', notAfter: inDays(3), renewal: { status: 'PENDING_AUTO_RENEWAL' } },
      { domain: 'b.example.com', type: 'IMPORTED', notAfter: inDays(6) }
    ])
    let n = 0
    emulator.faults = () => {
      n += 1
      if (n % 3 === 1) return { kind: 'error', status: 400, code: 'ThrottlingException', message: 'Rate exceeded' }
      if (n % 3 === 2) return { kind: 'error', status: 503, code: 'ServiceUnavailable', message: 'busy' }
      return undefined
    }
    const run = await runAction({ endpoint: emulator.url, inputs: { 'fail-on': 'never' } })
    expect(run.exitCode).toBe(0)
    expect(findingsOf(run.outputs).map((f) => [f.domain, f.action])).toEqual([
      ['a.example.com', 'fix-renewal'],
      ['b.example.com', 'reimport']
    ])
    expect(emulator.calls.filter((call) => call.status !== 200).length).toBeGreaterThan(0)
  })

  it('explains credentials that AWS rejects', async () => {
    const run = await runAction({ endpoint: emulator.url, env: { AWS_SECRET_ACCESS_KEY: 'not-the-secret' } })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      'AWS rejected the credentials when calling sts:GetCallerIdentity in the account of the default credentials: check the credentials given to this step'
    )
    expect(run.outputs['failed-regions']).toBe('*')
    expect(emulator.callsTo('ListCertificates')).toHaveLength(0)
    expect(run.summary).toContain('**Incomplete audit:**')
  })

  it('keeps a flagged certificate whose renewal could not be read, and marks the region failed', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'managed.example.com', notAfter: inDays(3) }])
    emulator.faults = (call) =>
      call.operation === 'DescribeCertificate'
        ? { kind: 'error', status: 400, code: 'AccessDeniedException', message: 'no describe' }
        : undefined
    const run = await runAction({ endpoint: emulator.url, inputs: { 'fail-on': 'never' } })
    expect(run.exitCode).toBe(1)
    expect(findingsOf(run.outputs).map((f) => f.domain)).toEqual(['managed.example.com'])
    expect(run.stdout).toContain('Access denied to acm:DescribeCertificate in us-east-1')
    // Every certificate was listed: the headline says what is missing, the details, and no more.
    expect(run.summary).toContain(
      '**Incomplete audit:** every certificate was listed, but in 1 region the details of 1 flagged certificate could not be read'
    )
    expect(run.summary).not.toContain('certificates may be missing')
  })
})

describe('hostile data from AWS', () => {
  it('keeps the table intact and inert whatever the domain name holds', async () => {
    const hostile = [
      'a|b|c.example.com',
      '`code` <script>alert(1)</script>',
      '@octocat [link](https://evil.example) #1',
      'line\nbreak **bold**'
    ]
    emulator.addCertificates(
      'us-east-1',
      hostile.map((domain) => ({ domain, type: 'IMPORTED' as const, notAfter: inDays(2) }))
    )
    const run = await runAction({ endpoint: emulator.url, inputs: { 'fail-on': 'never' } })
    const rows = tableRows(run.summary)
    expect(rows).toHaveLength(4)
    const header = run.summary.split('\n').find((line) => line.startsWith('| Status |')) ?? ''
    const cells = (line: string) => line.replace(/\\\|/gu, '').split('|').length
    for (const row of rows) expect(cells(row)).toBe(cells(header))
    const html = renderGfm(run.summary)
    const allowed = new Set([
      'h2',
      'h3',
      'h4',
      'p',
      'blockquote',
      'strong',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'a',
      'code',
      'pre',
      'details',
      'summary',
      'ul',
      'li',
      'sub',
      'br',
      'wbr'
    ])
    expect(elementNames(html).filter((name) => !allowed.has(name))).toEqual([])
    for (const href of linkTargets(html))
      expect(href).toMatch(
        /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/acm\/home\?region=us-east-1#\/certificates\/[0-9a-f-]+$/u
      )
    expect(proseText(html)).not.toContain('@octocat')
    expect(proseText(html)).not.toContain('#1')
    expect(visibleText(html)).toContain('`code` <script>alert(1)</script>')
    expect(visibleText(html)).toContain('a|b|c.example.com')
  })
})

describe('the runner files', () => {
  it('still writes the summary and fails only for the findings when the output file cannot be written', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'a.example.com', type: 'IMPORTED', notAfter: inDays(3) }])
    const run = await runAction({ endpoint: emulator.url, env: { GITHUB_OUTPUT: '/nonexistent/folder/output.txt' } })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::warning::Could not set the step outputs: Missing file at path: /nonexistent/folder/output.txt'
    )
    expect(run.stdout).toContain('::error::1 certificate expires within 30 days or has expired.')
    expect(run.stdout).not.toContain('stopped unexpectedly')
    expect(run.summary).toContain('a.example.com')
  })
})
