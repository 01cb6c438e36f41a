import type { AwsEmulator } from './aws-emulator.js'

const DAY = 86_400_000

/**
 * The demo's certificates: every kind of finding (a replacement waiting to be attached, an unused expired
 * certificate, one used by a load balancer and a CloudFront distribution, an ACME-issued, a CloudFront-managed,
 * an exportable and an email-validated one), an ignored and a snoozed one, and healthy ones.
 */
export function seedSampleCertificates(emulator: AwsEmulator, now = Date.now()): void {
  const inDays = (days: number) => new Date(now + days * DAY)
  emulator.addCertificates('us-east-1', [
    {
      domain: 'shop.example.com',
      type: 'IMPORTED',
      notAfter: inDays(12.4),
      subjectAlternativeNames: ['shop.example.com', 'www.shop.example.com'],
      inUseBy: [
        'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/shop-web/50dc6c495c0c9188',
        'arn:aws:cloudfront::111122223333:distribution/E2SHOP'
      ]
    },
    // Renewal failed, but someone already requested and validated a new certificate for the same names.
    {
      domain: 'pay.example.com',
      subjectAlternativeNames: ['pay.example.com', 'checkout.example.com'],
      notAfter: inDays(16.2),
      renewal: { status: 'FAILED', reason: 'CAA_ERROR' },
      inUseBy: ['arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/payments/7a3c2e1f0b9d8c6e']
    },
    {
      domain: 'pay.example.com',
      subjectAlternativeNames: ['checkout.example.com', 'pay.example.com'],
      notAfter: inDays(380),
      inUseBy: []
    },
    { domain: 'promo.example.com', notAfter: inDays(-10.4), status: 'EXPIRED', inUseBy: [], renewalEligibility: 'INELIGIBLE' },
    { domain: 'legacy.example.com', type: 'IMPORTED', notAfter: inDays(-3.2), status: 'EXPIRED' },
    { domain: 'api.example.com', notAfter: inDays(20.7), renewal: { status: 'PENDING_VALIDATION', reason: 'CAA_ERROR' } },
    { domain: 'edge.example.com', type: 'IMPORTED', keyAlgorithm: 'EC_prime256v1', notAfter: inDays(5.5) },
    { domain: 'www.example.com', notAfter: inDays(150) },
    { domain: 'new.example.com', status: 'PENDING_VALIDATION', notAfter: undefined },
    // Kinds ACM holds since 2025-2026: one an ACME client renews, one CloudFront manages, an exportable one.
    {
      domain: 'origin.example.com',
      keyPairOrigin: 'ACME',
      notAfter: inDays(13.3),
      inUseBy: [],
      acmeEndpointArn: 'arn:aws:acm:us-east-1:111122223333:acme-endpoint/5f0c9a2e-1b7d-4c3e-9f6a-2d8e4b1c7a90'
    },
    {
      domain: 'static.example.com',
      managedBy: 'CLOUDFRONT',
      notAfter: inDays(18.6),
      inUseBy: ['arn:aws:cloudfront::111122223333:distribution/E3STATIC'],
      renewal: { status: 'FAILED', reason: 'DOMAIN_VALIDATION_DENIED' }
    },
    { domain: 'vpn.example.com', exportOption: 'ENABLED', exported: true, notAfter: inDays(22.2), inUseBy: [] }
  ])
  emulator.addCertificates('eu-west-1', [
    { domain: 'internal.corp.example', type: 'PRIVATE', notAfter: inDays(25.1), renewalEligibility: 'INELIGIBLE', inUseBy: [] },
    { domain: 'staging.example.com', notAfter: inDays(9.9), inUseBy: [], renewalEligibility: 'INELIGIBLE' },
    { domain: 'app.example.eu', notAfter: inDays(28.3), validationMethod: 'EMAIL', renewal: { status: 'PENDING_AUTO_RENEWAL' } },
    { domain: 'cdn.example.eu', keyAlgorithm: 'RSA_3072', type: 'IMPORTED', notAfter: inDays(90) },
    { domain: 'api.sandbox.example.com', type: 'IMPORTED', notAfter: inDays(8) },
    {
      domain: 'partner.example.com',
      type: 'IMPORTED',
      notAfter: inDays(14),
      tags: { 'audit-snooze': new Date(now + 60 * DAY).toISOString().slice(0, 10) }
    }
  ])
  emulator.addCertificates('ap-southeast-2', [
    { domain: 'au.example.com', type: 'IMPORTED', keyAlgorithm: 'RSA_4096', notAfter: inDays(7.2) },
    { domain: 'mail.example.com.au', notAfter: inDays(200) },
    {
      domain: 'old.example.com.au',
      notAfter: inDays(-40),
      status: 'EXPIRED',
      renewal: { status: 'FAILED', reason: 'DOMAIN_VALIDATION_DENIED' }
    }
  ])
}

export const SAMPLE_INPUTS: Readonly<Record<string, string>> = {
  regions: 'us-east-1, eu-west-1, ap-southeast-2',
  ignore: '*.sandbox.example.com',
  'ignore-tag': 'audit-snooze'
}
