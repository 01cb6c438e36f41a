/**
 * What breaks and the fastest fix, through the bundle against the emulator: the resources using each
 * flagged certificate (InUseBy), a replacement waiting to be attached, certificates nothing uses, and the
 * critical threshold.
 */
import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { type AwsEmulator, DEFAULT_ACCOUNT } from '../../emulator/aws-emulator.js'
import { type ActionRun, runAction, type RunOptions } from '../../emulator/run-action.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

const LB = `arn:aws:elasticloadbalancing:us-east-1:${DEFAULT_ACCOUNT}:loadbalancer/app/shop-web/50dc6c495c0c9188`
const CF = `arn:aws:cloudfront::${DEFAULT_ACCOUNT}:distribution/E2SHOP`
const APIGW = 'arn:aws:apigateway:us-east-1::/domainnames/api.shop.example.com'

interface Finding {
  arn: string
  domain: string
  action: string
  critical: boolean
  explanation: string
  nextStep: string
  command: string | null
  inUseBy: Array<{ arn: string; kind: string; service: string; name: string }> | null
  replacement: { arn: string; notAfter: string } | null
}

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

function audit(options: RunOptions = {}): Promise<ActionRun> {
  return runAction({ endpoint: emulator.url, ...options, inputs: { regions: 'us-east-1', ...options.inputs } })
}

const findingsOf = (run: ActionRun) => JSON.parse(run.outputs.findings ?? 'null') as Finding[]
const describedArns = () => emulator.callsTo('DescribeCertificate').map((call) => String(call.params.CertificateArn))

describe('what uses each flagged certificate', () => {
  it('reads InUseBy of every flagged certificate, imported too, and shows the resources everywhere', async () => {
    const [shop, api] = emulator.addCertificates('us-east-1', [
      { domain: 'shop.example.com', type: 'IMPORTED', notAfter: inDays(12.5), inUseBy: [LB, CF, APIGW] },
      { domain: 'api.example.com', notAfter: inDays(20.5), renewal: { status: 'PENDING_AUTO_RENEWAL' } },
      { domain: 'www.example.com', notAfter: inDays(200) }
    ])
    const run = await audit({ inputs: { 'create-issue': 'true', 'fail-on': 'never' } })

    expect(run.exitCode).toBe(0)
    // One look-up per flagged certificate, never one for a certificate outside the threshold.
    expect(describedArns().sort()).toEqual([shop?.arn, api?.arn].sort())
    const found = findingsOf(run).find((finding) => finding.arn === shop?.arn)
    expect(found?.inUseBy).toEqual([
      { arn: LB, kind: 'load-balancer', service: 'load balancer', name: 'shop-web' },
      { arn: CF, kind: 'cloudfront', service: 'CloudFront distribution', name: 'E2SHOP' },
      { arn: APIGW, kind: 'api-gateway', service: 'API Gateway custom domain', name: 'api.shop.example.com' }
    ])
    // The summary: a count and the first names.
    expect(run.summary).toContain(
      '| **shop-<wbr>web** (load balancer)<br>**E2SHOP** (CloudFront distribution)<br>+1 more | Reimport a renewed certificate |'
    )
    expect(run.summary).toMatch(/\[api\.<wbr>example\.<wbr>com\].*\| \*\*web\*\* \(load balancer\) \|/u)
    // The report file: the full list.
    const report = JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8')) as { findings: Finding[] }
    expect(report.findings.find((finding) => finding.arn === shop?.arn)?.inUseBy?.map((resource) => resource.name)).toEqual([
      'shop-web',
      'E2SHOP',
      'api.shop.example.com'
    ])
    // The tracking issue: under each certificate.
    const body = emulator.github.issues[0]?.body ?? ''
    expect(body).toContain(
      '  Used by (3): `shop-web` (load balancer), `E2SHOP` (CloudFront distribution), `api.shop.example.com` (API Gateway custom domain). Check them after the fix.'
    )
  })
})

describe('a replacement waiting to be attached', () => {
  it('is found after the listing ends, even on a later page, and the one expiring last wins', async () => {
    const [old] = emulator.addCertificates('us-east-1', [
      {
        domain: 'shop.example.com',
        subjectAlternativeNames: ['shop.example.com', 'www.shop.example.com'],
        notAfter: inDays(9.5),
        renewal: { status: 'FAILED', reason: 'CAA_ERROR' },
        inUseBy: [LB, CF]
      }
    ])
    // 1,200 healthy certificates push the candidates onto the second page.
    emulator.addCertificates(
      'us-east-1',
      Array.from({ length: 1_200 }, (_, i) => ({ domain: `host-${i}.example.org`, notAfter: inDays(200) }))
    )
    const [, best] = emulator.addCertificates('us-east-1', [
      {
        domain: 'shop.example.com',
        subjectAlternativeNames: ['shop.example.com', '*.shop.example.com'],
        notAfter: inDays(200),
        inUseBy: []
      },
      {
        domain: '*.shop.example.com',
        subjectAlternativeNames: ['*.shop.example.com', 'shop.example.com'],
        notAfter: inDays(390),
        inUseBy: []
      },
      // Not candidates: not yet issued, or expiring within the threshold.
      {
        domain: 'shop.example.com',
        subjectAlternativeNames: ['shop.example.com', 'www.shop.example.com'],
        status: 'PENDING_VALIDATION',
        notAfter: inDays(500),
        inUseBy: []
      },
      {
        domain: 'shop.example.com',
        subjectAlternativeNames: ['shop.example.com', 'www.shop.example.com'],
        notAfter: inDays(29),
        inUseBy: []
      }
    ])
    const run = await audit({ inputs: { statuses: 'ISSUED, EXPIRED, PENDING_VALIDATION' } })

    expect(emulator.callsTo('ListCertificates')).toHaveLength(2)
    const findings = findingsOf(run)
    const shop = findings.find((finding) => finding.arn === old?.arn)
    expect(shop).toMatchObject({
      action: 'attach-replacement',
      replacement: { arn: best?.arn, notAfter: best?.notAfter?.toISOString() }
    })
    expect(shop?.explanation).toContain(
      `A replacement is waiting in the same account and region: ${best?.arn}, issued, valid until`
    )
    expect(shop?.nextStep).toBe(
      'Move shop-web (load balancer), E2SHOP (CloudFront distribution) to the replacement; then delete this certificate once nothing uses it.'
    )
    expect(shop?.command).toContain(
      `aws elbv2 modify-listener --region us-east-1 --listener-arn "$listener" --certificates CertificateArn=${best?.arn}`
    )
    expect(shop?.command).toContain(`aws acm delete-certificate --region us-east-1 --certificate-arn ${old?.arn}`)
    expect(run.summary).toContain('| Attach the replacement waiting |')
    expect(run.summary).toContain('**attach-replacement**: A replacement is waiting')
    expect(run.summary).toContain(
      `aws elbv2 add-listener-certificates --region us-east-1 --listener-arn "$listener" --certificates CertificateArn=${best?.arn}`
    )
    // Found from the listing: the flagged certificates' own look-ups, nothing else.
    expect(describedArns().sort()).toEqual(findings.map((finding) => finding.arn).sort())
  })

  it('is not offered when one name is not covered', async () => {
    const [old] = emulator.addCertificates('us-east-1', [
      {
        domain: 'a.example.com',
        subjectAlternativeNames: ['a.example.com', 'b.c.example.com'],
        type: 'IMPORTED',
        notAfter: inDays(10),
        inUseBy: [LB]
      },
      // Covers a.example.com, but a wildcard covers exactly one label: not b.c.example.com.
      { domain: '*.example.com', type: 'IMPORTED', notAfter: inDays(300), inUseBy: [] },
      { domain: 'a.example.com', type: 'IMPORTED', notAfter: inDays(300), inUseBy: [] }
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })
    const finding = findingsOf(run).find((item) => item.arn === old?.arn)
    expect(finding?.action).toBe('reimport')
    expect(finding?.replacement).toBeNull()
    expect(run.summary).not.toContain('Attach the replacement')
  })

  it('attaches a newer imported twin of an imported certificate', async () => {
    const [old, twin] = emulator.addCertificates('us-east-1', [
      { domain: 'legacy.example.com', type: 'IMPORTED', notAfter: inDays(-2), status: 'EXPIRED', inUseBy: [LB] },
      { domain: 'legacy.example.com', type: 'IMPORTED', notAfter: inDays(365), inUseBy: [] }
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })
    const finding = findingsOf(run).find((item) => item.arn === old?.arn)
    expect(finding).toMatchObject({ action: 'attach-replacement', replacement: { arn: twin?.arn } })
    expect(finding?.nextStep).toContain('or reimport the new certificate over this ARN')
  })

  it('describes a candidate with more names than the listing shows, and counts that call', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `n${i}.example.com`)
    const [old, big] = emulator.addCertificates('us-east-1', [
      // Its 130th name is beyond the first 100 the candidate's summary shows.
      {
        domain: 'n0.example.com',
        subjectAlternativeNames: ['n0.example.com', 'n130.example.com'],
        type: 'IMPORTED',
        notAfter: inDays(5),
        inUseBy: [LB]
      },
      { domain: 'n0.example.com', subjectAlternativeNames: names, notAfter: inDays(300), inUseBy: [] }
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })
    expect(findingsOf(run).find((item) => item.arn === old?.arn)?.replacement?.arn).toBe(big?.arn)
    // calls = pages + the flagged certificate + the candidate whose names were cut.
    expect(emulator.callsTo('ListCertificates')).toHaveLength(1)
    expect(describedArns()).toEqual([old?.arn, big?.arn])
  })
  it('does not look for a replacement of a certificate ACM is renewing in place', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `n${i}.example.com`)
    const [renewing] = emulator.addCertificates('us-east-1', [
      {
        domain: 'n0.example.com',
        subjectAlternativeNames: ['n0.example.com', 'n130.example.com'],
        // Outside the critical window: inside it, a renewal not done yet is stuck and a replacement is wanted.
        notAfter: inDays(12),
        inUseBy: [LB],
        renewal: { status: 'PENDING_AUTO_RENEWAL' }
      },
      { domain: 'n0.example.com', subjectAlternativeNames: names, notAfter: inDays(300), inUseBy: [] }
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })
    expect(findingsOf(run)).toMatchObject([{ arn: renewing?.arn, action: 'await-renewal', replacement: null }])
    // Its own look-up only: the candidate whose names were cut is not described.
    expect(describedArns()).toEqual([renewing?.arn])
  })
})

describe('certificates nobody uses', () => {
  const seed = () =>
    emulator.addCertificates('us-east-1', [
      { domain: 'promo.example.com', notAfter: inDays(-10), status: 'EXPIRED', inUseBy: [], renewalEligibility: 'INELIGIBLE' },
      { domain: 'www.example.com', notAfter: inDays(200) }
    ])

  it('fail the step by default, with the delete command under Clean-up', async () => {
    const [promo] = seed()
    const run = await audit({ inputs: { 'create-issue': 'true' } })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('::error::1 certificate expires within 30 days or has expired.')
    expect(run.outputs['unused-count']).toBe('1')
    expect(findingsOf(run)[0]).toMatchObject({ action: 'delete-unused', inUseBy: [] })
    expect(findingsOf(run)[0]?.explanation).toContain('ACM renews only certificates in use')
    expect(run.summary).toContain('### Clean-up (1)')
    expect(run.summary).toContain(`aws acm delete-certificate --region us-east-1 --certificate-arn ${promo?.arn}`)
    expect(emulator.github.issues).toHaveLength(1)
    expect(emulator.github.issues[0]?.body).toContain('### Clean-up (1)')
  })

  it('with fail-on-unused false: listed and counted, but fail nothing and open no tracking issue', async () => {
    seed()
    const run = await audit({ inputs: { 'create-issue': 'true', 'fail-on-unused': 'false' } })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).not.toContain('::error::1 certificate')
    expect(run.outputs['unused-count']).toBe('1')
    expect(run.outputs['expired-count']).toBe('1')
    expect(run.summary).toContain('### Clean-up (1)')
    expect(run.summary).toContain('(they do not fail the step: fail-on-unused is false)')
    expect(emulator.github.issues).toHaveLength(0)
    expect(run.outputs['issue-number']).toBe('')
  })

  it('with fail-on-unused false: an open tracking issue is closed when only unused certificates remain', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'shop.example.com', type: 'IMPORTED', notAfter: inDays(10) }])
    await audit({ inputs: { 'create-issue': 'true', 'fail-on': 'never' } })
    expect(emulator.github.issues[0]?.state).toBe('open')
    emulator.certificatesOf(DEFAULT_ACCOUNT, 'us-east-1').length = 0
    seed()
    const run = await audit({ inputs: { 'create-issue': 'true', 'fail-on-unused': 'false' } })
    expect(run.exitCode).toBe(0)
    expect(emulator.github.issues[0]?.state).toBe('closed')
    expect(emulator.github.issues[0]?.comments.at(-1)).toContain('1 unused certificate to clean up')
  })
})

describe('critical-days and fail-on: critical', () => {
  it('passes while certificates are only expiring, and fails once one is critical', async () => {
    emulator.addCertificates('us-east-1', [{ domain: 'soon.example.com', type: 'IMPORTED', notAfter: inDays(10.5) }])
    const warned = await audit({ inputs: { 'fail-on': 'critical' } })
    expect(warned.exitCode).toBe(0)
    expect(warned.outputs['critical-count']).toBe('0')
    expect(warned.stdout).toMatch(/^::warning title=Expires in 10 days%3A soon\.example\.com::/mu)

    const blocked = await audit({ inputs: { 'fail-on': 'critical', 'critical-days': '14' } })
    expect(blocked.exitCode).toBe(1)
    expect(blocked.outputs['critical-count']).toBe('1')
    expect(blocked.stdout).toMatch(/^::error title=Critical%3A expires in 10 days%3A soon\.example\.com::/mu)
    expect(blocked.stdout).toContain('::error::1 certificate expires within 14 days (critical-days).')
    expect(blocked.summary).toMatch(/^\| 🚨 critical \| 10 \| \[soon\.<wbr>example\.<wbr>com\]/mu)
    expect(findingsOf(blocked)[0]?.critical).toBe(true)
  })

  it('puts the expired certificate in use first, then critical ones, and fails on an expired one too', async () => {
    emulator.addCertificates('us-east-1', [
      { domain: 'later.example.com', type: 'IMPORTED', notAfter: inDays(20.5) },
      { domain: 'critical.example.com', type: 'IMPORTED', notAfter: inDays(3.5) },
      { domain: 'gone.example.com', type: 'IMPORTED', notAfter: inDays(-1), status: 'EXPIRED' }
    ])
    const run = await audit({ inputs: { 'fail-on': 'critical' } })
    expect(run.exitCode).toBe(1)
    const rows = run.summary.split('\n').filter((line) => /^\| (🔥|❌|🚨|⚠️)/u.test(line))
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| 🔥 expired', '| 🚨 critical', '| ⚠️ expiring'])
    expect(run.stdout).toContain('::error::1 certificate expires within 7 days (critical-days) and 1 certificate has expired.')
  })
})
