import { describe, expect, it } from '@jest/globals'
import { certificateConsoleUrl } from '../../src/render/console-links.js'

describe('certificateConsoleUrl', () => {
  it('links to the regional console of the aws partition', () => {
    expect(certificateConsoleUrl('us-east-1', 'abc-123')).toBe(
      'https://us-east-1.console.aws.amazon.com/acm/home?region=us-east-1#/certificates/abc-123'
    )
    expect(certificateConsoleUrl('eu-west-1', 'abc-123')).toBe(
      'https://eu-west-1.console.aws.amazon.com/acm/home?region=eu-west-1#/certificates/abc-123'
    )
  })

  it('links to the China console for aws-cn regions', () => {
    expect(certificateConsoleUrl('cn-north-1', 'abc-123')).toBe(
      'https://cn-north-1.console.amazonaws.cn/acm/home?region=cn-north-1#/certificates/abc-123'
    )
    expect(certificateConsoleUrl('cn-northwest-1', 'abc-123')).toBe(
      'https://cn-northwest-1.console.amazonaws.cn/acm/home?region=cn-northwest-1#/certificates/abc-123'
    )
  })

  it('links to the GovCloud console for aws-us-gov regions', () => {
    expect(certificateConsoleUrl('us-gov-west-1', 'abc-123')).toBe(
      'https://console.amazonaws-us-gov.com/acm/home?region=us-gov-west-1#/certificates/abc-123'
    )
    expect(certificateConsoleUrl('us-gov-east-1', 'abc-123')).toBe(
      'https://console.amazonaws-us-gov.com/acm/home?region=us-gov-east-1#/certificates/abc-123'
    )
  })

  it('URL-encodes the certificate id', () => {
    expect(certificateConsoleUrl('us-east-1', 'a/b c#d?e&f%')).toBe(
      'https://us-east-1.console.aws.amazon.com/acm/home?region=us-east-1#/certificates/a%2Fb%20c%23d%3Fe%26f%25'
    )
  })

  it('URL-encodes markdown and HTML characters in the id', () => {
    const url = certificateConsoleUrl('us-east-1', '<x>"[y]` |')
    expect(url).toBe(
      'https://us-east-1.console.aws.amazon.com/acm/home?region=us-east-1#/certificates/%3Cx%3E%22%5By%5D%60%20%7C'
    )
    expect(url).not.toMatch(/[<>"[\]` |]/u)
  })

  it.each([[''], ['all'], ['US-EAST-1'], ['us-east-1/../evil'], ['evil.com/'], ['us-east-1#'], ['us-east-1 ']])(
    'falls back to the global ACM console for %j, which is not a region name',
    (region) => {
      expect(certificateConsoleUrl(region, 'abc-123')).toBe('https://console.aws.amazon.com/acm/home')
    }
  )
})
