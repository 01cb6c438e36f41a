import { describe, expect, it } from '@jest/globals'
import { renderIssueBody, usedByLine } from '../../src/github/issue-body.js'
import { renderSummary } from '../../src/render/summary.js'
import { statusCell, usedByCell } from '../../src/render/used-by.js'
import { finding, report } from './fixtures.js'

const LB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web|prod/50dc6c495c0c9188'
const CF = 'arn:aws:cloudfront::111122223333:distribution/E2SHOP'
const APIGW = 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com'

describe('the status cell', () => {
  it('marks expired, critical and expiring certificates apart', () => {
    expect(statusCell(finding({ state: 'expired', critical: false }))).toBe('❌ expired')
    expect(statusCell(finding({ state: 'expiring', critical: true }))).toBe('🚨 critical')
    expect(statusCell(finding({ state: 'expiring', critical: false }))).toBe('⚠️ expiring')
  })
})

describe('the Used by cell', () => {
  it('shows the count and the first two names, escaped for a table cell', () => {
    expect(usedByCell(finding({ inUseBy: [LB, CF, APIGW] }))).toBe(
      '3: `web\\|prod` (load balancer), `E2SHOP` (CloudFront distribution), +1 more'
    )
    expect(usedByCell(finding({ inUseBy: [CF] }))).toBe('1: `E2SHOP` (CloudFront distribution)')
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

  it('puts the replacement first and the clean-up last', () => {
    const audit = report({
      findings: [
        finding({ action: 'delete-unused', domain: 'unused.example.com', inUseBy: [], command: 'aws acm delete-certificate' }),
        finding({ action: 'reimport', domain: 'imported.example.com', inUseBy: [CF], command: 'aws acm import-certificate' }),
        finding({ action: 'attach-replacement', domain: 'waiting.example.com', inUseBy: [LB], command: '# one\naws two' })
      ]
    })
    const { body } = renderIssueBody(audit, {
      title: 'ACM certificates need renewal',
      runUrl: 'https://github.com/o/r/actions/runs/1',
      previous: []
    })
    const headings = body.split('\n').filter((line) => line.startsWith('### '))
    expect(headings).toEqual([
      '### Attach the replacement waiting (1)',
      '### Reimport (1)',
      '### Clean-up: delete unused certificates (1)'
    ])
    expect(body).toContain(
      '1 with a replacement waiting to be attached, 1 to reimport, 0 whose renewal needs attention, 1 unused to delete.'
    )
    const summary = renderSummary(audit)
    const sections = summary.split('\n').filter((line) => line.startsWith('#### '))
    expect(sections).toEqual([
      '#### Attach the replacement waiting (1)',
      '#### Reimport (1)',
      '#### Clean-up: delete unused certificates (1)'
    ])
    expect(summary).toContain('```sh\n# waiting.example.com (us-east-1)\n# one\naws two\n```')
    // With steps of their own, a command of several lines is a code block under its item, not an inline span.
    const two = renderSummary(
      report({
        findings: [
          finding({ action: 'attach-replacement', domain: 'a.example.com', nextStep: 'Move a.', command: '# one\naws two' }),
          finding({ action: 'attach-replacement', domain: 'b.example.com', nextStep: 'Move b.', command: '# three\naws four' })
        ]
      })
    )
    expect(two).toContain('Next: Move a.\n\n  ```sh\n  # one\n  aws two\n  ```')
    expect(two).toContain('Next: Move b.\n\n  ```sh\n  # three\n  aws four\n  ```')
  })
})
