/**
 * fast-check arbitraries for hostile text, and small builders that turn generated certificates into an
 * AuditReport through the action's own pipeline (toCertificateRecord, toFinding, decideByTag,
 * toScanFailure, buildReport), so every report has the shape a real run produces.
 */
import type { CertificateSummary } from '@aws-sdk/client-acm'
import fc from 'fast-check'
import { toFinding } from '../../src/aws/acm-scan.js'
import { type AuditReport, buildReport } from '../../src/classify/report.js'
import { toScanFailure } from '../../src/aws/errors.js'
import { toCertificateRecord } from '../../src/classify/certificate-record.js'
import { DAY_MS, daysLeft, expiryState, isCritical } from '../../src/classify/expiry.js'
import { decideByTag } from '../../src/classify/ignore-rules.js'
import { ALL_REGIONS } from '../../src/types.js'
import type { IgnoredCertificate, RegionScan, RenewalInfo, ScanFailure } from '../../src/types.js'

/** Runs of one property: `n`, times PROPERTY_RUNS_FACTOR when set (for a longer search, e.g. PROPERTY_RUNS_FACTOR=20). */
export function runs(n = 100): number {
  return Math.max(1, Math.round(n * Number(process.env.PROPERTY_RUNS_FACTOR ?? '1')))
}

export const NOW = new Date('2026-03-01T12:00:00.000Z')
const DAY = 86_400_000
export const RUN_URL = 'https://github.com/octo-org/infrastructure/actions/runs/4242'
export const ISSUE_URL = 'https://github.com/octo-org/infrastructure/issues/7'
export const SNOOZE_TAG = 'acm-audit-snooze'

/** Pieces of markdown, HTML, mentions, links, workflow commands and odd Unicode that renderers must keep inert. */
export const HOSTILE_FRAGMENTS: readonly string[] = [
  '|',
  '\\|',
  '\\\\|',
  '\\',
  '`',
  '``',
  '```',
  '~~~',
  '*',
  '**',
  '_',
  '__',
  '~~',
  '[',
  ']',
  '(',
  ')',
  '!',
  '<',
  '>',
  '&',
  '#',
  '@',
  ':',
  '.',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<details>',
  '</details>',
  '<summary>',
  '<b>',
  '<a href="https://evil.example">',
  '<!--',
  '-->',
  '<![CDATA[',
  '<?php',
  '@octocat',
  '@octo-org/security',
  ' @hubot ',
  '#1',
  '#42 ',
  'octo-org/infrastructure#3',
  '[x](https://evil.example)',
  '[x]( https://evil.example "t" )',
  '![i](https://evil.example/i.png)',
  '[x][ref]',
  '[ref]: https://evil.example',
  '<https://evil.example>',
  'https://evil.example/a_b',
  'http://evil.example',
  'www.evil.example',
  'mail@evil.example',
  'javascript:alert(1)',
  '&amp;',
  '&#64;',
  '&#x40;',
  '&lt;script&gt;',
  ':smile:',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '# ',
  '> ',
  '    ',
  '---',
  '===',
  '[ ] ',
  '[x] ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u200d',
  '\u00a0',
  '\ufeff',
  '\u202e',
  '\ud83d\ude00',
  '\ud800',
  '\udc00',
  'é',
  'e\u0301',
  '中文',
  ' ',
  'x',
  'example.com',
  '*.example.com',
  '%0A',
  '%25',
  '::error::x',
  '::add-mask::',
  '${{ secrets.GITHUB_TOKEN }}',
  '[^1]',
  '$x$',
  '\\@',
  '@\u200b',
  '|---|',
  '| - |'
]

const fragment = fc.constantFrom(...HOSTILE_FRAGMENTS)
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })

/** Any string, weighted towards markdown and HTML that could break out of where it is put. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fragment, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.oneof(fragment, anyChar), maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: fragment, minLength: 100, maxLength: 400 }) }
)

export const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1'] as const
export const ACCOUNTS = ['111122223333', '444455556666'] as const

/** One certificate as ListCertificates and DescribeCertificate could describe it, and its tags. */
export interface CertificateSpec {
  account: string
  region: string
  id: string
  domain: string
  subjectAlternativeNames: string[]
  type: string
  /** NotAfter as days from NOW (negative: expired). Always within the threshold. */
  offsetDays: number
  inUse: boolean | undefined
  renewalEligibility: string | undefined
  /** DescribeCertificate's RenewalSummary; undefined: not described (or the look-up failed). */
  renewal: RenewalInfo | undefined
  /** DescribeCertificate's InUseBy, when described. */
  inUseBy: string[]
  /** A replacement found in the listing (ARN, days from NOW of its NotAfter). */
  replacement: { arn: string; offsetDays: number } | undefined
  /** Value of the ignore-tag; undefined: no tag. */
  snoozeTag: string | undefined
  /** An ignore pattern that matched (the reason shown); undefined: none. */
  ignoredByPattern: string | undefined
}

export interface FailureSpec {
  account: string | undefined
  region: string
  code: string
  operation: string
  message: string
}

export interface ReportSpec {
  days: number
  certificates: CertificateSpec[]
  failures: FailureSpec[]
}

interface IdentifierOptions {
  /** Also fuzz the account and certificate id inside each ARN (they come from AWS too). */
  hostileIdentifiers?: boolean
  maxCertificates?: number
  maxFailures?: number
}

export function certificateArbitrary(options: IdentifierOptions = {}): fc.Arbitrary<CertificateSpec> {
  const account = options.hostileIdentifiers ? fc.oneof(fc.constantFrom(...ACCOUNTS), hostileText) : fc.constantFrom(...ACCOUNTS)
  const id = options.hostileIdentifiers ? fc.oneof(fc.uuid(), hostileText) : fc.uuid()
  return fc.record({
    account,
    region: fc.constantFrom(...REGIONS),
    id,
    domain: hostileText,
    subjectAlternativeNames: fc.array(hostileText, { maxLength: 3 }),
    type: fc.oneof(fc.constantFrom('IMPORTED', 'AMAZON_ISSUED', 'PRIVATE'), hostileText),
    offsetDays: fc.double({ min: -500, max: 30, noNaN: true }),
    inUse: fc.option(fc.boolean(), { nil: undefined }),
    renewalEligibility: fc.option(fc.oneof(fc.constantFrom('ELIGIBLE', 'INELIGIBLE'), hostileText), { nil: undefined }),
    renewal: fc.option(
      fc.record({
        status: fc.option(
          fc.oneof(fc.constantFrom('PENDING_AUTO_RENEWAL', 'PENDING_VALIDATION', 'SUCCESS', 'FAILED'), hostileText),
          { nil: undefined }
        ),
        reason: fc.option(
          fc.oneof(fc.constantFrom('CAA_ERROR', 'NO_AVAILABLE_CONTACTS', 'DOMAIN_VALIDATION_DENIED'), hostileText),
          { nil: undefined }
        )
      }),
      { nil: undefined }
    ),
    inUseBy: fc.array(
      fc.oneof(
        fc.constantFrom(
          'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188',
          'arn:aws:cloudfront::111122223333:distribution/E2QWRUHEXAMPLE',
          'arn:aws:apigateway:us-east-1::/domainnames/api.example.com'
        ),
        hostileText
      ),
      { maxLength: 3 }
    ),
    replacement: fc.option(fc.record({ arn: hostileText, offsetDays: fc.double({ min: 31, max: 400, noNaN: true }) }), {
      nil: undefined
    }),
    snoozeTag: fc.option(fc.oneof(hostileText, fc.constantFrom('2099-12-31', '2020-01-01', '2026-02-30', '')), {
      nil: undefined
    }),
    ignoredByPattern: fc.option(hostileText, { nil: undefined, freq: 4 })
  })
}

export function failureArbitrary(options: IdentifierOptions = {}): fc.Arbitrary<FailureSpec> {
  return fc.record({
    account: fc.option(
      options.hostileIdentifiers ? fc.oneof(fc.constantFrom(...ACCOUNTS), hostileText) : fc.constantFrom(...ACCOUNTS),
      { nil: undefined }
    ),
    region: fc.constantFrom(...REGIONS, ALL_REGIONS),
    code: fc.oneof(
      fc.constantFrom(
        'AccessDeniedException',
        'ThrottlingException',
        'TimeoutError',
        'ECONNRESET',
        'SyntaxError',
        'ExpiredTokenException',
        'InvalidClientTokenId',
        'CredentialsProviderError'
      ),
      hostileText
    ),
    operation: fc.constantFrom(
      'acm:ListCertificates',
      'acm:DescribeCertificate',
      'acm:ListTagsForCertificate',
      'ec2:DescribeRegions'
    ),
    message: hostileText
  })
}

export function reportArbitrary(options: IdentifierOptions = {}): fc.Arbitrary<ReportSpec> {
  return fc.record({
    days: fc.integer({ min: 30, max: 3650 }),
    certificates: fc.array(certificateArbitrary(options), { maxLength: options.maxCertificates ?? 8 }),
    failures: fc.array(failureArbitrary(options), { maxLength: options.maxFailures ?? 3 })
  })
}

/** The ListCertificates summary of a spec (the ARN carries the account and id, as AWS writes it). */
export function certificateSummary(spec: CertificateSpec): CertificateSummary & { NotAfter: Date } {
  return {
    CertificateArn: `arn:${spec.region.startsWith('cn-') ? 'aws-cn' : spec.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'}:acm:${spec.region}:${spec.account}:certificate/${spec.id}`,
    DomainName: spec.domain,
    SubjectAlternativeNameSummaries: spec.subjectAlternativeNames,
    Type: spec.type as CertificateSummary['Type'],
    Status: spec.offsetDays < 0 ? 'EXPIRED' : 'ISSUED',
    KeyAlgorithm: 'RSA_2048',
    NotAfter: new Date(NOW.getTime() + spec.offsetDays * DAY),
    InUse: spec.inUse,
    RenewalEligibility: spec.renewalEligibility as CertificateSummary['RenewalEligibility']
  }
}

/** The report a run over these certificates and failures produces, built by the action's own functions. */
export function buildAuditReport(spec: ReportSpec): AuditReport {
  const scans = new Map<string, RegionScan>()
  const scanOf = (account: string | undefined, region: string): RegionScan => {
    const key = `${account ?? ''}\u0000${region}`
    let scan = scans.get(key)
    if (!scan) {
      scan = { account, region, pages: 1, scanned: 0, notIssued: 0, findings: [], ignored: [], durationMs: 1234 }
      scans.set(key, scan)
    }
    return scan
  }
  for (const certificate of spec.certificates) {
    const scan = scanOf(certificate.account, certificate.region)
    scan.scanned += 1
    const record = toCertificateRecord(certificateSummary(certificate), certificate.region)
    const ignore = (reason: string): IgnoredCertificate => ({
      ...record,
      state: expiryState(record.notAfter, NOW),
      daysLeft: daysLeft(record.notAfter, NOW),
      reason
    })
    if (certificate.ignoredByPattern !== undefined) {
      scan.ignored.push(ignore(`matches ignore pattern ${certificate.ignoredByPattern}`))
      continue
    }
    if (certificate.snoozeTag !== undefined) {
      const decision = decideByTag([{ key: SNOOZE_TAG, value: certificate.snoozeTag }], { key: SNOOZE_TAG }, NOW)
      if (decision.ignored) {
        scan.ignored.push(ignore(decision.reason))
        continue
      }
    }
    const described = certificate.renewal && { renewal: certificate.renewal, inUseBy: certificate.inUseBy, names: [] }
    const replacement = certificate.replacement && {
      arn: certificate.replacement.arn,
      notAfter: new Date(NOW.getTime() + certificate.replacement.offsetDays * DAY_MS)
    }
    scan.findings.push(
      toFinding(record, described, replacement, NOW, { thresholdDays: 30, critical: isCritical(record.notAfter, NOW, 7) })
    )
  }
  const setupFailures: ScanFailure[] = []
  for (const failure of spec.failures) {
    const error = Object.assign(new Error(failure.message), { name: failure.code })
    const scanFailure = toScanFailure(error, failure.operation, failure.account, failure.region)
    if (failure.region === ALL_REGIONS) setupFailures.push(scanFailure)
    else scanOf(failure.account, failure.region).failure = scanFailure
  }
  return buildReport({ now: NOW, days: spec.days, regions: [...scans.values()], setupFailures })
}
