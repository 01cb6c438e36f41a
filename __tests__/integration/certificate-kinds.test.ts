/**
 * Every kind of certificate ACM holds today, told apart through the bundle against the emulator: ACME-issued,
 * CloudFront-managed, exportable public, email-validated, critical with renewal not done, and kinds ACM adds
 * later; then which certificates may replace which (trust, key family, attachable).
 */
import { describe, expect, it } from '@jest/globals'
import { type AwsEmulator, DEFAULT_ACCOUNT } from '../../emulator/aws-emulator.js'
import { type ActionRun, runAction, type RunOptions } from '../../emulator/run-action.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

const LB = `arn:aws:elasticloadbalancing:us-east-1:${DEFAULT_ACCOUNT}:loadbalancer/app/shop-web/50dc6c495c0c9188`
const CLB = `arn:aws:elasticloadbalancing:us-east-1:${DEFAULT_ACCOUNT}:loadbalancer/shop-classic`
const CF = `arn:aws:cloudfront::${DEFAULT_ACCOUNT}:distribution/E2SHOP`
const ACME_ENDPOINT = `arn:aws:acm:us-east-1:${DEFAULT_ACCOUNT}:acme-endpoint/5f0c9a2e-1b7d-4c3e-9f6a-2d8e4b1c7a90`
const CA_1 = `arn:aws:acm-pca:us-east-1:${DEFAULT_ACCOUNT}:certificate-authority/11111111-1111-4111-8111-111111111111`
const CA_2 = `arn:aws:acm-pca:us-east-1:${DEFAULT_ACCOUNT}:certificate-authority/22222222-2222-4222-8222-222222222222`

interface Finding {
  arn: string
  action: string
  critical: boolean
  explanation: string
  nextStep: string
  command: string | null
  keyPairOrigin: string | null
  managedBy: string | null
  exportOption: string | null
  exported: boolean
  validationMethods: string[] | null
  acmeEndpointArn: string | null
  renewalStatus: string | null
  thresholdDays: number
  replacement: { arn: string } | null
}

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

function audit(options: RunOptions = {}): Promise<ActionRun> {
  return runAction({ endpoint: emulator.url, ...options, inputs: { regions: 'us-east-1', ...options.inputs } })
}

const findingsOf = (run: ActionRun) => JSON.parse(run.outputs.findings ?? 'null') as Finding[]
const findingOf = (run: ActionRun, arn: string | undefined) => findingsOf(run).find((finding) => finding.arn === arn)

describe('ACME-issued certificates', () => {
  it('are listed (the scan names ACME among the origins) and renewed by their ACME client, never deleted', async () => {
    const [acme, expired] = emulator.addCertificates('us-east-1', [
      { domain: 'edge.example.com', keyPairOrigin: 'ACME', notAfter: inDays(12), inUseBy: [], acmeEndpointArn: ACME_ENDPOINT },
      { domain: 'old-edge.example.com', keyPairOrigin: 'ACME', notAfter: inDays(-2), inUseBy: [] }
    ])
    const run = await audit({ inputs: { 'fail-on': 'never', 'create-issue': 'true' } })

    const listed = emulator.callsTo('ListCertificates')
    expect(listed.length).toBeGreaterThan(0)
    for (const call of listed) expect(call.params.CertificateKeyPairOrigins).toEqual(expect.arrayContaining(['ACME']))
    const found = findingOf(run, acme?.arn)
    expect(found).toMatchObject({ action: 'renew-acme', keyPairOrigin: 'ACME', acmeEndpointArn: ACME_ENDPOINT, command: null })
    expect(found?.explanation).toContain(`ACME endpoint ${ACME_ENDPOINT}`)
    expect(found?.nextStep).toContain('certbot timer, cert-manager')
    expect(findingOf(run, expired?.arn)).toMatchObject({ action: 'renew-acme', command: null })
    expect(findingOf(run, expired?.arn)?.explanation).toContain('stopped renewing it')
    expect(run.outputs['unused-count']).toBe('0')
    expect(run.outputs.findings).not.toContain('delete-certificate')
    expect(run.summary).not.toContain('delete-certificate')
    expect(emulator.github.issues[0]?.body).not.toContain('delete-certificate')
  })
})

describe('CloudFront-managed certificates', () => {
  it('await renewal while it is on its way, and fix-cloudfront-renewal once it failed or is critical', async () => {
    const [waiting, failed, critical] = emulator.addCertificates('us-east-1', [
      {
        domain: 'a.example.com',
        managedBy: 'CLOUDFRONT',
        notAfter: inDays(20),
        inUseBy: [CF],
        renewal: { status: 'PENDING_AUTO_RENEWAL' }
      },
      {
        domain: 'b.example.com',
        managedBy: 'CLOUDFRONT',
        notAfter: inDays(20),
        inUseBy: [CF],
        renewal: { status: 'FAILED', reason: 'DOMAIN_VALIDATION_DENIED' }
      },
      {
        domain: 'c.example.com',
        managedBy: 'CLOUDFRONT',
        notAfter: inDays(2.5),
        inUseBy: [],
        renewal: { status: 'PENDING_AUTO_RENEWAL' }
      },
      // A replacement for each, which must not be offered: CloudFront manages these.
      {
        domain: 'b.example.com',
        subjectAlternativeNames: ['a.example.com', 'b.example.com', 'c.example.com'],
        notAfter: inDays(300)
      }
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })

    expect(findingOf(run, waiting?.arn)).toMatchObject({ action: 'await-renewal', managedBy: 'CLOUDFRONT', replacement: null })
    expect(findingOf(run, waiting?.arn)?.validationMethods).toEqual(['HTTP'])
    const broken = findingOf(run, failed?.arn)
    expect(broken).toMatchObject({ action: 'fix-cloudfront-renewal', renewalStatus: 'FAILED', replacement: null })
    expect(broken?.explanation).toContain('DOMAIN_VALIDATION_DENIED')
    expect(broken?.nextStep).toContain('still point at the distribution')
    const stuck = findingOf(run, critical?.arn)
    expect(stuck).toMatchObject({ action: 'fix-cloudfront-renewal', critical: true })
    expect(stuck?.explanation).toContain('renewal PENDING_AUTO_RENEWAL')
    for (const finding of findingsOf(run)) {
      expect(finding.command ?? '').not.toMatch(/import-certificate|delete-certificate|modify-listener/u)
    }
  })
})

describe('exportable public certificates', () => {
  it('are told to re-export and redeploy, never deleted; unused and never exported, fail-on-unused false keeps them from failing', async () => {
    const [inUse, idle] = emulator.addCertificates('us-east-1', [
      { domain: 'export.example.com', exportOption: 'ENABLED', exported: true, notAfter: inDays(20), inUseBy: [] },
      { domain: 'idle.example.com', exportOption: 'ENABLED', exported: false, notAfter: inDays(20), inUseBy: [] }
    ])
    const run = await audit({ inputs: { 'fail-on-unused': 'false' } })

    const exported = findingOf(run, inUse?.arn)
    expect(exported).toMatchObject({ action: 're-export', exportOption: 'ENABLED', exported: true, command: null })
    expect(exported?.nextStep).toContain('export it again and redeploy it')
    expect(exported?.nextStep).toContain('delete it only if no exported copy is deployed anywhere')
    expect(findingOf(run, idle?.arn)).toMatchObject({ action: 're-export', exported: false })
    expect(run.outputs.findings).not.toContain('delete-certificate')
    // The exported one fails the step (it may serve somewhere); the idle one alone would not.
    expect(run.exitCode).toBe(1)
    expect(run.outputs['unused-count']).toBe('1')

    emulator.certificatesOf(DEFAULT_ACCOUNT, 'us-east-1').splice(0, 1)
    const alone = await audit({ inputs: { 'fail-on-unused': 'false' } })
    expect(alone.exitCode).toBe(0)
    expect(findingsOf(alone).map((finding) => finding.action)).toEqual(['re-export'])
  })
})

describe('email-validated certificates', () => {
  it('get the move to DNS validation whatever their action', async () => {
    const [renewing, failing] = emulator.addCertificates('us-east-1', [
      {
        domain: 'mail.example.com',
        validationMethod: 'EMAIL',
        notAfter: inDays(20),
        renewal: { status: 'PENDING_AUTO_RENEWAL' }
      },
      {
        domain: 'mail2.example.com',
        validationMethod: 'EMAIL',
        notAfter: inDays(20),
        inUseBy: [],
        renewalEligibility: 'INELIGIBLE'
      }
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })
    for (const certificate of [renewing, failing]) {
      const found = findingOf(run, certificate?.arn)
      expect(found?.validationMethods).toEqual(['EMAIL'])
      expect(found?.command).toContain(
        `aws acm update-certificate-options --region us-east-1 --certificate-arn ${certificate?.arn} --options ValidationMethod=DNS`
      )
      expect(found?.nextStep).toContain('create the CNAME records')
    }
    expect(findingOf(run, renewing?.arn)?.action).toBe('await-renewal')
    expect(findingOf(run, failing?.arn)?.action).toBe('delete-unused')
  })
})

describe('critical certificates whose renewal is not done', () => {
  it('are escalated as fix-renewal with the renewal status, never "nothing to do"', async () => {
    const [stuck, calm] = emulator.addCertificates('us-east-1', [
      { domain: 'stuck.example.com', notAfter: inDays(2.5), renewal: { status: 'PENDING_AUTO_RENEWAL' } },
      { domain: 'calm.example.com', notAfter: inDays(20), renewal: { status: 'PENDING_AUTO_RENEWAL' } }
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })
    const escalated = findingOf(run, stuck?.arn)
    expect(escalated).toMatchObject({ action: 'fix-renewal', critical: true, renewalStatus: 'PENDING_AUTO_RENEWAL' })
    expect(escalated?.explanation).toContain('renewal PENDING_AUTO_RENEWAL')
    expect(escalated?.nextStep).not.toContain('Nothing to do')
    expect(escalated?.command).toBe(
      `aws acm describe-certificate --region us-east-1 --certificate-arn ${stuck?.arn} --query Certificate.RenewalSummary`
    )
    expect(findingOf(run, calm?.arn)?.action).toBe('await-renewal')
  })
})

describe('kinds ACM adds later', () => {
  it('are shown as they are, never deleted as unused nor "nothing to do"', async () => {
    // A new origin is listed only when a request names it (as ACME is); a new ManagedBy is listed as any other.
    const [manager] = emulator.addCertificates('us-east-1', [
      { domain: 'new-manager.example.com', managedBy: 'LATTICE', notAfter: inDays(10), inUseBy: [] }
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })
    const managed = findingOf(run, manager?.arn)
    expect(managed).toMatchObject({ action: 'check-renewal', managedBy: 'LATTICE' })
    expect(managed?.explanation).toContain('managed by LATTICE')
    expect(managed?.command).toBe(`aws acm describe-certificate --region us-east-1 --certificate-arn ${manager?.arn}`)
    expect(run.outputs['unused-count']).toBe('0')
    expect(run.summary).toContain('managed by LATTICE')
  })
})

describe('replacements that work where they are attached', () => {
  /** A flagged certificate in use whose renewal failed, so that a replacement would be offered. */
  const flagged = (extra: Record<string, unknown> = {}) => ({
    domain: 'shop.example.com',
    notAfter: inDays(10),
    renewal: { status: 'FAILED', reason: 'CAA_ERROR' },
    inUseBy: [LB],
    ...extra
  })
  const candidate = (extra: Record<string, unknown> = {}) => ({
    domain: 'shop.example.com',
    notAfter: inDays(300),
    inUseBy: [],
    ...extra
  })

  it('never offers a PRIVATE certificate for a public one, nor an EC one for an RSA one, nor one ACM cannot attach', async () => {
    const [old, , , , , good] = emulator.addCertificates('us-east-1', [
      flagged(),
      candidate({ type: 'PRIVATE', notAfter: inDays(390) }),
      candidate({ keyAlgorithm: 'EC_prime256v1', notAfter: inDays(380) }),
      candidate({ keyPairOrigin: 'ACME', notAfter: inDays(370) }),
      candidate({ managedBy: 'CLOUDFRONT', notAfter: inDays(360) }),
      candidate({ notAfter: inDays(200) }),
      candidate({ type: 'IMPORTED', notAfter: inDays(395) })
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })
    const found = findingOf(run, old?.arn)
    expect(found).toMatchObject({ action: 'attach-replacement', replacement: { arn: good?.arn } })
    // No PRIVATE candidate was described: none could win for a public certificate.
    const described = emulator.callsTo('DescribeCertificate').map((call) => String(call.params.CertificateArn))
    expect(described).toEqual([old?.arn])
  })

  it('finds none when the only candidate has another key family (an ECDSA one for a Classic Load Balancer serving RSA)', async () => {
    const [old] = emulator.addCertificates('us-east-1', [
      flagged({ inUseBy: [CLB], type: 'IMPORTED', renewal: undefined }),
      candidate({ keyAlgorithm: 'EC_secp384r1' })
    ])
    const run = await audit({ inputs: { 'fail-on': 'never', 'key-types': 'RSA_2048, EC_secp384r1' } })
    expect(findingOf(run, old?.arn)).toMatchObject({ action: 'reimport', replacement: null })
    expect(run.outputs.findings).not.toContain('set-load-balancer-listener-ssl-certificate')
  })

  it('replaces an IMPORTED certificate by an AMAZON_ISSUED one, and an AMAZON_ISSUED one never by an IMPORTED one', async () => {
    const [imported, issued] = emulator.addCertificates('us-east-1', [
      flagged({ domain: 'a.example.com', type: 'IMPORTED', renewal: undefined }),
      flagged({ domain: 'b.example.com' }),
      candidate({ domain: 'a.example.com' }),
      candidate({ domain: 'b.example.com', type: 'IMPORTED' })
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })
    expect(findingOf(run, imported?.arn)?.action).toBe('attach-replacement')
    expect(findingOf(run, issued?.arn)).toMatchObject({ action: 'fix-renewal', replacement: null })
  })

  it('replaces a PRIVATE certificate only by a PRIVATE one from the same CA, describing a candidate only when it could win', async () => {
    const [old, , sameCa, otherLater] = emulator.addCertificates('us-east-1', [
      flagged({ type: 'PRIVATE', certificateAuthorityArn: CA_1, renewal: { status: 'FAILED' } }),
      candidate({ notAfter: inDays(395) }),
      candidate({ type: 'PRIVATE', certificateAuthorityArn: CA_1, notAfter: inDays(200) }),
      candidate({ type: 'PRIVATE', certificateAuthorityArn: CA_2, notAfter: inDays(300) }),
      // Expires before the winner: never described.
      candidate({ type: 'PRIVATE', certificateAuthorityArn: CA_2, notAfter: inDays(100) })
    ])
    const run = await audit({ inputs: { 'fail-on': 'never' } })
    expect(findingOf(run, old?.arn)).toMatchObject({ action: 'attach-replacement', replacement: { arn: sameCa?.arn } })
    const described = emulator.callsTo('DescribeCertificate').map((call) => String(call.params.CertificateArn))
    expect(described.sort()).toEqual([old?.arn, otherLater?.arn, sameCa?.arn].sort())
  })
})

describe('the emulator lists ACME certificates as ACM does', () => {
  it('only when the request names ACME among CertificateKeyPairOrigins', async () => {
    const { acmOperation } = await import('../../emulator/acm-service.js')
    const certificates = emulator.addCertificates('us-east-1', [
      { domain: 'acme.example.com', keyPairOrigin: 'ACME' },
      { domain: 'managed.example.com' }
    ])
    const listed = (params: Record<string, unknown>) =>
      (
        acmOperation('ListCertificates', params, certificates) as { CertificateSummaryList: Array<{ DomainName: string }> }
      ).CertificateSummaryList.map((summary) => summary.DomainName)
    expect(listed({})).toEqual(['managed.example.com'])
    expect(listed({ CertificateKeyPairOrigins: ['ACME'] })).toEqual(['acme.example.com'])
    expect(listed({ Includes: { keyTypes: ['RSA_2048'] }, CertificateKeyPairOrigins: ['ACME', 'AWS_MANAGED'] })).toEqual([
      'acme.example.com',
      'managed.example.com'
    ])
  })
})
