import { describe, expect, it } from '@jest/globals'
import { renderIssueBody, usedByLine } from '../../src/github/issue-body.js'
import { statusCell, usedByCell } from '../../src/render/used-by.js'
import { daysFromNow, finding, report } from './fixtures.js'

const LB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web|prod/50dc6c495c0c9188'
const CF = 'arn:aws:cloudfront::111122223333:distribution/E2SHOP'
const APIGW = 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com'

describe('the status cell', () => {
  it('marks expired, critical and expiring certificates apart', () => {
    expect(statusCell(finding({ state: 'expired', critical: false, inUseBy: [CF] }))).toBe('🔥 expired')
    expect(statusCell(finding({ state: 'expired', critical: false, inUse: false, inUseBy: [] }))).toBe('❌ expired')
    expect(statusCell(finding({ state: 'expiring', critical: true }))).toBe('🚨 critical')
    expect(statusCell(finding({ state: 'expiring', critical: false }))).toBe('⚠️ expiring')
  })
})

describe('the Used by cell', () => {
  it('shows the first two names, one a line, escaped for a table cell and free to wrap, and counts the rest', () => {
    expect(usedByCell(finding({ inUseBy: [LB, CF, APIGW] }))).toBe(
      '**web&#124;prod** (load balancer)<br>**E2SHOP** (CloudFront distribution)<br>+1 more'
    )
    expect(usedByCell(finding({ inUseBy: [CF] }))).toBe('**E2SHOP** (CloudFront distribution)')
    expect(usedByCell(finding({ inUseBy: [APIGW] }))).toBe('**api.<wbr>example.<wbr>com** (API Gateway custom domain)')
  })

  it('says none when nothing uses it, and falls back to the listing when InUseBy was not read', () => {
    expect(usedByCell(finding({ inUseBy: [] }))).toBe('none')
    expect(usedByCell(finding({ inUseBy: undefined, inUse: true }))).toBe('yes')
    expect(usedByCell(finding({ inUseBy: undefined, inUse: undefined }))).toBe('—')
  })
})

describe('the tracking issue lists the resources under each certificate', () => {
  it('names every one up to 20, then counts the rest', () => {
    const many = Array.from({ length: 23 }, (_, i) => `arn:aws:cloudfront::111122223333:distribution/E${i}`)
    const [line] = usedByLine(finding({ inUseBy: many }))
    expect(line).toMatch(/^ {2}Used by \(23\): `E0` \(CloudFront distribution\), /u)
    expect(line).toContain('`E19` (CloudFront distribution), and 3 more (see the report file). Check them after the fix.')
    expect(line).not.toContain('`E20`')
    expect(usedByLine(finding({ inUseBy: undefined }))).toEqual([])
    expect(usedByLine(finding({ inUseBy: [] }))).toEqual(['  Used by: nothing (not in use).'])
  })

  it('lists by tier, not by kind of action: broken now, will break, watching (no task), clean-up', () => {
    const audit = report({
      findings: [
        finding({
          action: 'delete-unused',
          domain: 'unused.example.com',
          inUse: false,
          inUseBy: [],
          command: 'aws acm delete-certificate'
        }),
        finding({ action: 'await-renewal', domain: 'renewing.example.com', inUseBy: [CF], notAfter: daysFromNow(20) }),
        finding({
          action: 'attach-replacement',
          domain: 'waiting.example.com',
          inUseBy: [LB],
          command: '# one\naws two',
          notAfter: daysFromNow(16)
        }),
        finding({
          action: 'reimport',
          domain: 'critical.example.com',
          critical: true,
          inUseBy: [CF],
          command: 'aws acm import-certificate',
          notAfter: daysFromNow(5)
        }),
        finding({
          action: 'fix-renewal',
          domain: 'broken.example.com',
          state: 'expired',
          inUseBy: [LB],
          notAfter: daysFromNow(-40)
        })
      ]
    })
    const { body } = renderIssueBody(audit, {
      title: 'ACM certificates need renewal',
      runUrl: 'https://github.com/o/r/actions/runs/1',
      previous: []
    })
    const headings = body.split('\n').filter((line) => line.startsWith('### '))
    expect(headings).toEqual(['### 🔥 Broken now (1)', '### Will break (2)', '### Watching (1)', '### Clean-up (1)'])
    expect(body).toContain(
      'have expired: 1 broken now (expired and still in use), 2 will break unless someone acts, 1 ACM is renewing (watching), 1 nothing uses (clean-up).'
    )
    expect(body).toContain('> **1 expired certificate is still attached:** `web|prod` (load balancer, us-east-1).')
    const items = body.split('\n').filter((line) => line.startsWith('- '))
    expect(items.map((line) => line.slice(0, line.indexOf(' · ')))).toEqual([
      '- [ ] 🔥 `broken.example.com`: **expired 40 days ago** (2025-11-22)',
      '- [ ] 🚨 `critical.example.com`: **5 days left** (2026-01-06)',
      '- [ ] ⚠️ `waiting.example.com`: **16 days left** (2026-01-17)',
      '- ⚠️ `renewing.example.com`: **20 days left** (2026-01-21)',
      '- [ ] ⚠️ `unused.example.com`: **10 days left** (2026-01-11)'
    ])
    expect(body).toContain('  ```sh\n  # one\n  aws two\n  ```')
    expect(body).toContain('  ```sh\n  aws acm delete-certificate\n  ```')
  })
})
