import { describe, expect, it } from '@jest/globals'
import { parseCertificateArn, toCertificateRecord } from '../../src/classify/certificate-record.js'

describe('parseCertificateArn', () => {
  it('reads account and id from an ACM ARN', () => {
    expect(parseCertificateArn('arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012')).toEqual({
      account: '123456789012',
      id: '12345678-1234-1234-1234-123456789012'
    })
  })

  it.each([
    ['aws-cn', 'arn:aws-cn:acm:cn-north-1:210987654321:certificate/cn-id'],
    ['aws-us-gov', 'arn:aws-us-gov:acm:us-gov-west-1:210987654321:certificate/cn-id']
  ])('reads an ARN of the %s partition', (_partition, arn) => {
    expect(parseCertificateArn(arn)).toEqual({ account: '210987654321', id: 'cn-id' })
  })

  it('keeps colons inside the resource part', () => {
    expect(parseCertificateArn('arn:aws:acm:us-east-1:123456789012:certificate/a:b:c')).toEqual({
      account: '123456789012',
      id: 'a:b:c'
    })
  })

  it('returns the whole resource when it does not start with certificate/', () => {
    expect(parseCertificateArn('arn:aws:acm:us-east-1:123456789012:other/xyz')).toEqual({
      account: '123456789012',
      id: 'other/xyz'
    })
  })

  it('returns empty strings for an empty ARN', () => {
    expect(parseCertificateArn('')).toEqual({ account: '', id: '' })
  })

  it('returns an empty account for an ARN that is too short', () => {
    expect(parseCertificateArn('arn:aws:acm')).toEqual({ account: '', id: '' })
  })
})

describe('toCertificateRecord', () => {
  const notAfter = new Date('2026-02-01T12:00:00.000Z')

  it('maps every field of a full summary', () => {
    expect(
      toCertificateRecord(
        {
          CertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc-123',
          DomainName: 'example.com',
          SubjectAlternativeNameSummaries: ['example.com', 'www.example.com'],
          Type: 'AMAZON_ISSUED',
          Status: 'ISSUED',
          KeyAlgorithm: 'EC_prime256v1',
          NotAfter: notAfter,
          InUse: true,
          RenewalEligibility: 'ELIGIBLE'
        },
        'eu-west-1'
      )
    ).toEqual({
      account: '123456789012',
      region: 'eu-west-1',
      arn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc-123',
      id: 'abc-123',
      domain: 'example.com',
      subjectAlternativeNames: ['example.com', 'www.example.com'],
      type: 'AMAZON_ISSUED',
      acmStatus: 'ISSUED',
      keyAlgorithm: 'EC_prime256v1',
      notAfter,
      inUse: true,
      renewalEligibility: 'ELIGIBLE'
    })
  })

  it('fills defaults for a minimal summary', () => {
    const result = toCertificateRecord({ NotAfter: notAfter }, 'ap-south-1')
    expect(result).toEqual({
      account: '',
      region: 'ap-south-1',
      arn: '',
      id: '',
      domain: '',
      subjectAlternativeNames: [],
      type: 'UNKNOWN',
      acmStatus: 'UNKNOWN',
      keyAlgorithm: 'UNKNOWN',
      notAfter,
      inUse: undefined,
      renewalEligibility: undefined
    })
    expect(Object.keys(result)).toHaveLength(12)
  })

  it('keeps InUse false (not undefined)', () => {
    expect(toCertificateRecord({ NotAfter: notAfter, InUse: false }, 'us-east-1').inUse).toBe(false)
  })

  it('uses the region it is given, not the one in the ARN', () => {
    expect(
      toCertificateRecord(
        { NotAfter: notAfter, CertificateArn: 'arn:aws:acm:us-west-2:123456789012:certificate/x' },
        'eu-north-1'
      ).region
    ).toBe('eu-north-1')
  })

  it('keeps the same NotAfter date', () => {
    expect(toCertificateRecord({ NotAfter: notAfter }, 'us-east-1').notAfter.getTime()).toBe(notAfter.getTime())
  })
})
