/** The terminal's rendering of a report: headline, tiers, table, commands, and data that cannot act on the terminal. */
import { describe, expect, it } from '@jest/globals'
import { columnWidths, plain, renderTerminal, terminalHeadline } from '../../src/render/terminal.js'
import { daysFromNow, failure, finding, report } from './fixtures.js'

const lb = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/0123456789abcdef'
const broken = finding({
  domain: 'broken.example.com',
  state: 'expired',
  daysLeft: -2,
  notAfter: daysFromNow(-2),
  inUseBy: [lb],
  action: 'reimport',
  nextStep: 'Reimport it.',
  command: 'aws acm import-certificate --region us-east-1'
})
const soon = finding({ domain: 'soon.example.com', daysLeft: 4, notAfter: daysFromNow(4), critical: true, inUseBy: [lb] })
const unused = finding({
  domain: 'unused.example.com',
  inUse: false,
  inUseBy: [],
  action: 'delete-unused',
  command: 'aws acm delete-certificate --region us-east-1'
})

describe('renderTerminal', () => {
  it('reads headline, broken now, will break, clean-up, each finding with its next step and command below its table', () => {
    const text = renderTerminal(report({ findings: [unused, soon, broken] }), { color: false })
    const lines = text.split('\n')
    expect(lines[0]).toBe('3 certificates need attention: 1 broken now, 1 will break, 1 clean-up.')
    const order = [
      'Broken now (1)',
      'broken.example.com',
      'Will break (1)',
      'soon.example.com',
      'Clean-up (1)',
      'unused.example.com'
    ]
    const positions = order.map((text_) => text.indexOf(text_))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(text).toMatch(
      /│ expired +│ broken\.example\.com +│ 111122223333 +│ us-east-1 +│ web \(load balancer\) +│ Reimport a renewed certificate +│/u
    )
    expect(text).toMatch(/│ 4 days +│ soon\.example\.com/u)
    expect(text).toContain('  broken.example.com (us-east-1): Reimport it.\n    aws acm import-certificate --region us-east-1')
    expect(text).toMatch(/│ none +│ Delete it: nothing uses it/u)
    expect(text).not.toContain('\u001b')
  })

  it('colours only when asked', () => {
    const findings = [broken, soon]
    expect(renderTerminal(report({ findings }), { color: true })).toContain('\u001b[')
    expect(renderTerminal(report({ findings }), { color: false })).not.toContain('\u001b')
  })

  it('never says all clear when something was not read, and lists what was not', () => {
    const incomplete = report({ findings: [], failures: [failure({ region: 'eu-west-1', message: 'Access denied.' })] })
    const text = renderTerminal(incomplete, { color: false })
    expect(text.split('\n')[0]).toBe('Incomplete audit: 1 region or account could not be read, so certificates may be missing.')
    expect(text).not.toMatch(/No certificate expires/u)
    expect(text).toContain('Not read (1)\n  eu-west-1: Access denied.')
    expect(terminalHeadline(report({ findings: [] }))).toBe(
      'No certificate expires within 30 days: 0 certificates listed, everything read.'
    )
  })

  it('shows control characters from AWS as escapes, so that a name cannot move the cursor or recolour the terminal', () => {
    const hostile = finding({ domain: 'evil\u001b[2J\u001b]0;title\u0007.example.com\u202e', nextStep: 'x\ry' })
    const text = renderTerminal(report({ findings: [hostile] }), { color: false })
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/u)
    expect(text).toContain('evil\\u001b[2J\\u001b]0;title\\u0007.example.com\\u202e')
    expect(plain('a\nb', true)).toBe('a\nb')
    expect(plain('a\nb')).toBe('a\\u000ab')
  })

  it('fits a narrow terminal by wrapping, without cutting a certificate name', () => {
    const long = finding({ domain: `${'a'.repeat(70)}.example.com`, inUseBy: [lb] })
    const text = renderTerminal(report({ findings: [long] }), { color: false, columns: 80 })
    for (const line of text.split('\n').filter((line) => line.startsWith('│') || line.startsWith('┌'))) {
      expect([...line].length).toBeLessThanOrEqual(80)
    }
    const cells = text
      .split('\n')
      .filter((line) => line.startsWith('│'))
      .map((line) => (line.split('│')[2] ?? '').trim())
      .join('')
    expect(cells).toContain(`${'a'.repeat(70)}.example.com`)
    expect(text).not.toContain('…')
    expect(columnWidths([['a', 'b', 'c', 'd', 'e', 'f']], 200)).toBeUndefined()
  })
})
